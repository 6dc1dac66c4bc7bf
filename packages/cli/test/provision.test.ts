/**
 * provision as the bundled action and as `augeo provision`, with the same inputs, against the emulator with an empty
 * subscription: the same what-if, then a deployment by the CLI that the action's deployment finds nothing to change
 * in (the same outputs), and a what-if from both that shows no change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import type { Emulator } from '@augeo/emulator';
import { runnerEnv } from '../../../test/support/blue-green-emulator.js';
import { runAction } from '../../../test/support/run-action.js';
import { startEmptySubscription } from '../../../actions/provision/test/provision-world.js';
import { Cli, flags } from './support/run-cli.js';

const REPO = resolve(import.meta.dirname, '../../..');
const INPUTS = {
  environment: 'staging',
  parameters: 'infrastructure/bicep/compiled/staging.parameters.json',
  'deployment-name': 'augeo-staging-side-by-side',
};

let emulator: Emulator;
let cli: Cli;
beforeAll(async () => {
  [emulator, cli] = await Promise.all([startEmptySubscription(), Cli.build()]);
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await cli?.remove();
});

const action = (mode: string) =>
  runAction('provision', { ...INPUTS, mode }, runnerEnv(emulator, { GITHUB_WORKSPACE: REPO }));
const terminal = (mode: string) =>
  cli.run(['provision', ...flags({ ...INPUTS, mode }), '--json'], { envFile: emulator.env, cwd: REPO });

async function whatIfBoth() {
  const [byAction, byCli] = await Promise.all([action('what-if'), terminal('what-if')]);
  expect(byAction.errors).toEqual([]);
  expect([byAction.exitCode, byCli.exitCode]).toEqual([0, 0]);
  expect(byCli.json?.outputs).toEqual(byAction.outputs);
  // @actions/core ends the summary file with a new line of its own.
  expect(byCli.json?.summary.trimEnd()).toEqual(byAction.summary.trimEnd());
  return byAction.outputs['has-changes'];
}

describe('provision: augeo and the bundled action', () => {
  it('what-if: the same changes, outputs and summary', async () => {
    expect(await whatIfBoth()).toBe('true');
  }, 60_000);

  it('deploy: the CLI deploys; the action, given the same inputs, ends with the same outputs; nothing left to change', async () => {
    const byCli = await terminal('deploy');
    expect(byCli.json?.error).toBeUndefined();
    expect(byCli.exitCode).toBe(0);
    expect(byCli.stderr).toMatch(/✓ Microsoft\.Web\/sites augeo-staging-api/);
    expect(JSON.parse(byCli.json?.outputs.outputs ?? '{}')).toHaveProperty('apiDefaultHostName');

    const byAction = await action('deploy');
    expect(byAction.errors).toEqual([]);
    expect(byAction.exitCode).toBe(0);
    expect(byAction.outputs).toEqual(byCli.json?.outputs);
    expect(await whatIfBoth()).toBe('false');
  }, 180_000);
});
