import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeOnce } from '@augeo/shared/health/probe';

let server: Server;
let origin: string;
const seenHeaders: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenHeaders.push(request.headers);
    const path = request.url ?? '/';
    if (path === '/slow') return void setTimeout(() => response.end('{}'), 500);
    if (path === '/redirect') {
      response.writeHead(301, { location: '/ok' });
      return void response.end();
    }
    if (path === '/text') return void response.end('version 1.2.3');
    response.writeHead(path === '/ok' ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ version: '1.2.3', build: { version: 42 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (path: string, extra: Partial<Parameters<typeof probeOnce>[0]> = {}) => ({
  url: `${origin}${path}`,
  headers: [],
  timeoutMs: 2000,
  versionField: ['version'],
  ...extra,
});

describe('probeOnce against a real HTTP server', () => {
  it('records status, latency and the reported version', async () => {
    const sample = await probeOnce(request('/ok'));
    expect(sample).toMatchObject({ outcome: 'response', status: 200, version: '1.2.3' });
    expect(sample.latencyMs).toBeGreaterThan(0);
    expect(sample.latencyMs).toBeLessThan(2000);
  });

  it('reads a version at a dotted path, numbers included', async () => {
    expect((await probeOnce(request('/ok', { versionField: ['build', 'version'] }))).version).toBe('42');
    expect((await probeOnce(request('/ok', { versionField: ['build', 'missing'] }))).version).toBeUndefined();
  });

  it('reports no version from a body that is not JSON (no substring matching)', async () => {
    expect(await probeOnce(request('/text'))).toMatchObject({ status: 200, version: undefined });
  });

  it('keeps the status of an error response', async () => {
    expect(await probeOnce(request('/broken'))).toMatchObject({ outcome: 'response', status: 503 });
  });

  it('does not follow redirects', async () => {
    expect(await probeOnce(request('/redirect'))).toMatchObject({
      outcome: 'response',
      status: 301,
      version: undefined,
    });
  });

  it('sends the given headers', async () => {
    await probeOnce(request('/ok', { headers: [['X-Probe', 'yes']] }));
    expect(seenHeaders.at(-1)?.['x-probe']).toBe('yes');
  });

  it('times out a slow answer', async () => {
    const sample = await probeOnce(request('/slow', { timeoutMs: 100 }));
    expect(sample).toMatchObject({ outcome: 'timeout', error: 'timed out after 100ms' });
    expect(sample.status).toBeUndefined();
    expect(sample.latencyMs).toBeGreaterThanOrEqual(95);
  });

  it('says when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    expect(await probeOnce({ ...request('/'), url: `http://127.0.0.1:${port}/` })).toMatchObject({
      outcome: 'failure',
      error: 'connection refused',
    });
  });
});
