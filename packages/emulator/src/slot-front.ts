import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, type Listening, type TlsIdentity } from './http.js';
import type { AppStatus } from './slot-runtime.js';

export interface FrontTarget {
  backendPort(): number | undefined;
  status: AppStatus;
}

const APPLICATION_ERROR = `<!DOCTYPE html><html><head><title>Application Error</title></head><body><h1>:( Application Error</h1><p>If you are the application administrator, you can access the diagnostic resources.</p></body></html>`;
const STOPPED = `<!DOCTYPE html><html><head><title>Web App - Unavailable</title></head><body><h1>Error 403 - This web app is stopped.</h1></body></html>`;
const DEFAULT_PAGE = `<!DOCTYPE html><html><head><title>Microsoft Azure App Service - Welcome</title></head><body><h1>Your web app is running and waiting for your content</h1></body></html>`;

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

const INJECTED = `<!DOCTYPE html><html><head><title>Injected fault</title></head><body><h1>Fault injected by the emulator.</h1></body></html>`;

/**
 * A slot's stable HTTPS address: a reverse proxy to whichever process currently serves the slot.
 * `fault` says, per request path, whether a test-injected status replaces the app's answer.
 */
export function listenFront(
  tls: TlsIdentity,
  target: () => FrontTarget,
  fault: (path: string) => number | undefined = () => undefined,
): Promise<Listening> {
  return listen((req: IncomingMessage, res: ServerResponse) => {
    const injected = fault(new URL(req.url ?? '/', 'https://127.0.0.1').pathname);
    if (injected !== undefined) {
      req.resume();
      return html(res, injected, INJECTED);
    }
    const current = target();
    const port = current.backendPort();
    if (port === undefined) {
      if (current.status === 'Stopped') return html(res, 403, STOPPED);
      if (current.status === 'NoImage') return html(res, 200, DEFAULT_PAGE);
      return html(res, 503, APPLICATION_ERROR);
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) html(res, 503, APPLICATION_ERROR);
      else res.destroy();
    });
    req.pipe(upstream);
  }, tls);
}
