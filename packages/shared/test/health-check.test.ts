import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AugeoError } from '@augeo/shared/errors';
import { healthCheckInputs, toHealthCheckPlan } from '@augeo/shared/health/health-check-inputs';
import { runHealthCheck } from '@augeo/shared/health/run-health-check';
import { createMemoryIO } from '@augeo/shared/io/memory-io';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const status = request.url === '/down' ? 500 : 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ version: request.url === '/old' ? '1.2.2' : '1.2.3' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function planFor(inputs: Record<string, string>) {
  return toHealthCheckPlan(healthCheckInputs.read(createMemoryIO({ samples: '4', interval: '5ms', ...inputs }).inputs));
}

describe('runHealthCheck (schema → core → outputs and summary)', () => {
  it('sets outputs and writes the summary table for a healthy app', async () => {
    const io = createMemoryIO();
    const report = await runHealthCheck(io, planFor({ url: `${origin}/ok`, 'expected-version': '1.2.3' }));
    await io.summary.write();

    expect(report.healthy).toBe(true);
    expect(Object.fromEntries(io.outputValues)).toMatchObject({
      healthy: 'true',
      'error-rate': '0',
      samples: '4',
      'observed-version': '1.2.3',
    });
    expect(io.summaryText()).toContain(`| ${origin}/ok | 4 | 0 | 0% |`);
    expect(io.lines.filter((line) => line.level === 'group').map((line) => line.message)).toEqual([
      'Measuring 1 URL(s): 4 samples each, every 5ms',
    ]);
  });

  it('throws with each failed criterion per URL, after setting the outputs', async () => {
    const io = createMemoryIO();
    const failure = await runHealthCheck(
      io,
      planFor({ url: `${origin}/down\n${origin}/old`, 'expected-version': '1.2.3' }),
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AugeoError);
    expect((failure as AugeoError).code).toBe('Unhealthy');
    expect((failure as Error).message.split('\n')).toEqual([
      'Health check failed for 2 URL(s):',
      `- ${origin}/down: error rate 100% (4 of 4 samples) is above max-error-rate 5%: status 500 ×4`,
      `- ${origin}/down: version '1.2.3' was never confirmed: no sample was answered with an expected status`,
      `- ${origin}/old: error rate 100% (4 of 4 samples) is above max-error-rate 5%: version '1.2.2' (expected '1.2.3') ×4`,
      `- ${origin}/old: 4 of 4 answered samples did not report version '1.2.3': '1.2.2' ×4`,
    ]);
    expect(io.outputValues.get('healthy')).toBe('false');
    expect(io.outputValues.get('observed-version')).toBe('1.2.2');
  });

  it('masks credential headers before anything is logged', async () => {
    const io = createMemoryIO();
    await runHealthCheck(
      io,
      planFor({ url: `${origin}/ok`, headers: 'Authorization: Bearer s3cret\nX-Trace: visible' }),
    );
    expect([...io.masked]).toEqual(['Bearer s3cret', 's3cret']);
  });
});
