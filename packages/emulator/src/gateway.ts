import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultBook } from './faults.js';
import { readBody, sendJson, type Handler } from './http.js';
import type { Journal, JournalHost } from './journal.js';

/** One request as a host sees it, after the gateway has read its body and applied any fault. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  path: string;
  body: Buffer;
  /** Set by the host once it knows who is calling; it goes to the journal. */
  principal?: string;
  correlationId?: string;
  /** Set when an `lroFail` fault matched: the operation this request starts must fail with it. */
  lroFail?: { code: string; message: string };
}

export interface HostOptions {
  host: JournalHost;
  journal: Journal;
  faults: FaultBook;
  handle(exchange: Exchange): Promise<void>;
  /** Body for an injected error status, in the host's own error format. */
  faultBody(status: number): unknown;
  /** Headers every response of this host carries (ARM's request ids). */
  prepare?(exchange: Exchange): void;
  /** Turns an unexpected exception into a response in the host's format. */
  crashBody(error: Error): unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Journals every request and applies injected faults before the host routes it. */
export function gateway(options: HostOptions): Handler {
  return (req: IncomingMessage, res: ServerResponse) => {
    void serve(options, req, res);
  };
}

async function serve(options: HostOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const exchange: Exchange = {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    body: Buffer.alloc(0),
  };
  const fault = options.faults.take(options.host, exchange.method, exchange.path);
  const record = (status: number) =>
    options.journal.record({
      time: new Date().toISOString(),
      host: options.host,
      method: exchange.method,
      path: exchange.path,
      query: Object.fromEntries(url.searchParams),
      status,
      ...(exchange.principal === undefined ? {} : { principal: exchange.principal }),
      ...(exchange.correlationId === undefined ? {} : { correlationId: exchange.correlationId }),
      ...(fault === undefined ? {} : { faultId: fault.id }),
    });
  try {
    exchange.body = await readBody(req);
    options.prepare?.(exchange);
    if (fault?.spec.delayMs) await sleep(fault.spec.delayMs);
    if (fault?.spec.reset) {
      record(0);
      req.socket.destroy();
      return;
    }
    // Recorded as the answer is handed over, so a client that reads the journal next already sees it.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      record(res.statusCode);
      return end(...args);
    }) as ServerResponse['end'];
    if (fault?.spec.status) {
      const headers: Record<string, string> =
        fault.spec.retryAfter === undefined ? {} : { 'retry-after': String(fault.spec.retryAfter) };
      sendJson(res, fault.spec.status, options.faultBody(fault.spec.status), headers);
      return;
    }
    if (fault?.spec.lroFail) exchange.lroFail = fault.spec.lroFail;
    await options.handle(exchange);
  } catch (error) {
    sendJson(res, 500, options.crashBody(error as Error));
  }
}
