import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runAction } from '../../../test/support/run-action.js';
import { Cli, flags } from './support/run-cli.js';

/** Per command, inputs the action rejects: bad values, a cross-input rule, several problems at once. */
const BAD_INPUTS: [string, Record<string, string>][] = [
  ['health-check', { url: 'foo', 'max-p95': 'fast' }],
  ['deploy-backend', { 'resource-group': 'augeo-staging-rg', 'app-name': 'augeo-staging-api', image: 'augeo/api' }],
  ['swap-slots', { 'resource-group': 'augeo-staging-rg', 'app-name': 'augeo-staging-api', 'target-slot': 'staging' }],
  ['rollback', { 'resource-group': 'augeo-staging-rg', 'app-name': 'augeo-staging-api', to: 'last-tuesday' }],
  ['provision', { environment: 'qa', timeout: 'forever' }],
  ['deploy-frontend', { 'resource-group': 'augeo-staging-rg', 'static-web-app-name': 'x', mode: 'sideways' }],
  ['migrate', { mode: 'yolo' }],
];

let cli: Cli;
beforeAll(async () => {
  cli = await Cli.build();
}, 60_000);
afterAll(async () => {
  await cli?.remove();
});

describe('bad flags get the messages bad action inputs get', () => {
  it.each(BAD_INPUTS)('%s', async (command, inputs) => {
    const [action, terminal] = await Promise.all([
      runAction(command, inputs),
      cli.run([command, ...flags(inputs), '--json']),
    ]);
    expect(action.exitCode).toBe(1);
    expect(action.errors).toHaveLength(1);
    expect(action.errors[0]).toMatch(/Input '[a-z-]+' is invalid|inputs are invalid/);
    expect(terminal.exitCode).toBe(2);
    expect(terminal.json).toMatchObject({ command, result: 'failure', error: action.errors[0] });
    expect(terminal.stderr).toContain(`error: ${action.errors[0]}`);
  });
});
