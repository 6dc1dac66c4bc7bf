import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHealthServer, type HealthServer } from './fixtures/health-server.js';
import { runAction } from '../../../test/support/run-action.js';

const runDist = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('health-check', inputs, env);

let server: HealthServer;
let url: string;
beforeAll(async () => {
  server = await startHealthServer();
  url = `${server.origin}/healthy`;
});
afterAll(async () => {
  await server.close();
});

/** [input, value, words the error must contain about what is accepted] */
const cases: [string, string, string][] = [
  ['samples', 'zero', 'a whole number from 1 to 10000'],
  ['samples', '0', 'a whole number from 1 to 10000'],
  ['samples', '2.5', 'a whole number from 1 to 10000'],
  ['interval', '5 parsecs', 'a duration such as 500ms, 30s, 2m, 1h or 1m30s'],
  ['interval', '30', 'a duration with a unit, such as 30s or 30ms'],
  ['max-error-rate', '150%', 'a percentage from 0% to 100%'],
  ['max-error-rate', '-1%', 'a percentage from 0% to 100%'],
  ['max-error-rate', '5', 'a percentage with a % sign, such as 5%'],
  ['max-p95', 'fast', 'a duration such as 500ms'],
  ['url', 'ftp://x', "('ftp://x' is not an http or https URL"],
  ['url', 'not a url', "('not a url' is not an http or https URL"],
  ['expected-status', '99', 'HTTP status codes from 100 to 599 or classes such as 2xx'],
  ['expected-status', '200,abc', 'HTTP status codes from 100 to 599'],
  ['concurrency', '-1', 'a whole number from 1 to 100'],
  ['timeout', '0s', 'a duration such as 500ms, 30s, 2m, 1h or 1m30s of at least 1ms'],
  ['consecutive-successes', '1.5', 'a whole number from 0 to 1000'],
  ['deadline', 'forever', 'a duration such as 500ms'],
  ['headers', 'no colon', "HTTP headers, one 'Name: value' per line"],
  ['initial-delay', '-5s', 'a duration such as 500ms'],
  ['version-field', 'build..version', 'a dotted JSON field path such as version or build.version'],
];

describe('health-check refuses bad inputs before any request', () => {
  it.each(cases)('%s: %s', async (input, value, accepted) => {
    const run = await runDist({ url, [input]: value });

    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(`Input '${input}' is invalid: got '${input === 'headers' ? '***' : value}'`);
    expect(run.errors[0]).toContain(accepted);
    expect(server.requests).toEqual([]);
  });

  it('names a missing url', async () => {
    const run = await runDist({ samples: '3' });

    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toBe(
      "Input 'url' is invalid: got nothing, expected one or more of: an http or https URL such as https://app.example.com/health, one per line (this input is required).",
    );
    expect(server.requests).toEqual([]);
  });

  it('reports every bad input at once, one line each', async () => {
    const run = await runDist({ url, samples: 'zero', 'max-p95': 'fast' });

    expect(run.exitCode).toBe(1);
    expect(run.errors[0]?.split('\n')).toEqual([
      '2 inputs are invalid:',
      "- Input 'samples' is invalid: got 'zero', expected a whole number from 1 to 10000.",
      "- Input 'max-p95' is invalid: got 'fast', expected a duration such as 500ms, 30s, 2m, 1h or 1m30s of at least 1ms.",
    ]);
    expect(server.requests).toEqual([]);
  });
});
