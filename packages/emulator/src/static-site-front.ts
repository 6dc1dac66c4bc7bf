import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { Handler } from './http.js';

/** A deployed package, unzipped: path without leading slash → bytes. */
export type StaticContent = ReadonlyMap<string, Uint8Array>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const WAITING = `<!DOCTYPE html><html><head><title>Azure Static Web Apps</title></head><body><h1>Congratulations on your new site!</h1><p>Your site will be ready soon; it is waiting for your content.</p></body></html>`;
const NOT_FOUND = `<!DOCTYPE html><html><head><title>Azure Static Web Apps - 404: Not found</title></head><body><h1>404: Not Found</h1><p>We couldn't find that page, please check the URL and try again.</p></body></html>`;

function send(res: ServerResponse, status: number, type: string, body: Uint8Array | string, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  // Static Web Apps revalidates HTML and JSON; no-cache keeps a browser from hiding a fresh deploy in tests.
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(bytes.byteLength),
    'cache-control': 'no-cache',
  });
  res.end(head ? undefined : bytes);
}

/** Serves an environment's content as Static Web Apps does without a config file: files, then folder index.html. */
export function serveStaticContent(content: () => StaticContent): Handler {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain', 'Method Not Allowed', false);
    const files = content();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'https://127.0.0.1').pathname).replace(/^\/+/, '');
    } catch {
      return send(res, 400, 'text/plain', 'Bad Request', head);
    }
    if (files.size === 0) return send(res, path === '' ? 200 : 404, 'text/html; charset=utf-8', WAITING, head);
    for (const candidate of [path, `${path.replace(/\/?$/, '/')}index.html`.replace(/^\//, '')]) {
      const file = files.get(candidate);
      if (file) return send(res, 200, CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream', file, head);
    }
    send(res, 404, 'text/html; charset=utf-8', NOT_FOUND, head);
  };
}
