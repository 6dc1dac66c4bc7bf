import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHealthServer, type HealthServer } from './fixtures/health-server.js';
import { runAction } from '../../../test/support/run-action.js';

const runDist = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('health-check', inputs, env);

let server: HealthServer;
beforeAll(async () => {
  server = await startHealthServer();
});
afterAll(async () => {
  await server.close();
});

const fast = { samples: '5', interval: '20ms' };

describe('health-check dist, run as GitHub runs it', () => {
  it('passes a healthy app at the expected version and says so in outputs and summary', async () => {
    const url = `${server.origin}/healthy`;
    const run = await runDist({ url, 'expected-version': '1.2.3', ...fast });

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      healthy: 'true',
      'error-rate': '0',
      samples: '5',
      'observed-version': '1.2.3',
    });
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThan(0);
    const report = JSON.parse(run.outputs.report ?? '') as {
      healthy: boolean;
      urls: { url: string; samples: number; errors: number }[];
    };
    expect(report.healthy).toBe(true);
    expect(report.urls).toMatchObject([{ url, samples: 5, errors: 0 }]);
    expect(run.summary).toContain('| URL | Samples | Errors | Error rate | p50 | p95 | max | Version seen | Verdict |');
    expect(run.summary).toMatch(new RegExp(`\\| ${url} \\| 5 \\| 0 \\| 0% \\| .+ \\| 1\\.2\\.3 \\| ✅ healthy \\|`));
    expect(run.summary).toContain('**Verdict: healthy**');
    expect(run.summary).toContain('max p95 500ms');
  });

  it('fails on 500s, naming the error rate and the status, with outputs still set', async () => {
    const url = `${server.origin}/status/500`;
    const run = await runDist({ url, ...fast });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ healthy: 'false', 'error-rate': '100', samples: '5' });
    expect(run.errors.join('\n')).toContain(
      `${url}: error rate 100% (5 of 5 samples) is above max-error-rate 5%: status 500 ×5`,
    );
    expect(run.summary).toContain('❌ unhealthy');
  });

  it('fails when the app reports another version, even though every request succeeded', async () => {
    const url = `${server.origin}/version/1.2.30`;
    const run = await runDist({ url, 'expected-version': '1.2.3', ...fast });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ healthy: 'false', 'observed-version': '1.2.30' });
    expect(run.errors.join('\n')).toContain("5 of 5 answered samples did not report version '1.2.3': '1.2.30' ×5");
  });

  it('reads the version at a dotted version-field', async () => {
    const run = await runDist({
      url: `${server.origin}/healthy`,
      'expected-version': '1.2.3+7',
      'version-field': 'build.version',
      ...fast,
    });

    expect(run.exitCode).toBe(0);
    expect(run.outputs['observed-version']).toBe('1.2.3+7');
  });

  it('fails when p95 latency is above max-p95', async () => {
    const run = await runDist({ url: `${server.origin}/slow/150`, 'max-p95': '50ms', samples: '3', interval: '10ms' });

    expect(run.exitCode).toBe(1);
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThanOrEqual(150);
    expect(run.outputs['error-rate']).toBe('0');
    expect(run.errors.join('\n')).toMatch(/p95 latency \d+(\.\d+)?ms is above max-p95 50ms/);
  });

  it('judges every URL and lists each failed one', async () => {
    const healthy = `${server.origin}/healthy`;
    const broken = `${server.origin}/status/503`;
    const run = await runDist({ url: `${healthy}\n${broken}`, ...fast });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.samples).toBe('10');
    expect(run.summary).toMatch(new RegExp(`\\| ${healthy} \\|.*✅ healthy \\|`));
    expect(run.summary).toMatch(new RegExp(`\\| ${broken} \\|.*❌ unhealthy \\|`));
    expect(run.errors.join('\n')).toContain('Health check failed for 1 URL(s)');
    expect(run.errors.join('\n')).not.toContain(`${healthy}:`);
  });

  it('waits for consecutive successes before measuring a warming app', async () => {
    const url = `${server.origin}/warming/3`;
    const run = await runDist({ url, 'consecutive-successes': '2', deadline: '10s', ...fast });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ healthy: 'true', 'error-rate': '0', samples: '5' });
    expect(server.requests.filter((path) => path === '/warming/3')).toHaveLength(3 + 2 + 5);
    expect(run.summary).toContain('Wait phase: 2 healthy round(s) in a row after 5 round(s)');
  });

  it('gives up at the deadline, naming what the app last answered', async () => {
    const url = `${server.origin}/status/503`;
    const run = await runDist({ url, 'consecutive-successes': '1', deadline: '300ms', interval: '50ms' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ healthy: 'false', samples: '0', 'error-rate': '', 'p95-ms': '' });
    expect(run.errors.join('\n')).toContain(`Not healthy within 300ms: needed 1 healthy round(s) in a row`);
    expect(run.errors.join('\n')).toContain(`Last seen: ${url}: status 503`);
  });

  it('does not follow redirects: a 302 is not a 200', async () => {
    const before = server.requests.length;
    const run = await runDist({ url: `${server.origin}/redirect`, ...fast });

    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain('status 302 ×5');
    expect(server.requests.slice(before)).toEqual(Array(5).fill('/redirect'));
  });

  it('sends headers and masks credential values', async () => {
    const run = await runDist({
      url: `${server.origin}/needs-auth`,
      headers: 'Authorization: Bearer s3cret\nX-Trace: abc',
      ...fast,
    });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('::add-mask::Bearer s3cret');
    expect(run.stdout).toContain('::add-mask::s3cret');
    expect(run.stdout).not.toContain('::add-mask::abc');
  });
});
