/**
 * deploy-backend, swap-slots and rollback refuse bad inputs with a message naming the input, and nothing in Azure
 * changes: the emulator's journal holds no PUT, POST, PATCH or DELETE afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Emulator } from '@augeo/emulator';
import { armWrites, RESOURCE_GROUP, runnerEnv, startBlueGreenEmulator } from './support/blue-green-emulator.js';
import { runAction } from './support/run-action.js';

const SITE = 'bg-inputs-api';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startBlueGreenEmulator([{ name: SITE, production: 'augeo/api:1.0.0', staging: 'augeo/api:1.0.0' }]);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const target = { 'resource-group': RESOURCE_GROUP, 'app-name': SITE };
const deploy = { ...target, image: 'augeo/api:1.1.0' };

/** [action, inputs, the input the message must name, words of what it accepts] */
const cases: [string, Record<string, string>, string, string][] = [
  ['deploy-backend', { ...target }, 'image', 'a container image with a tag'],
  ['deploy-backend', { ...target, image: 'augeo/api' }, 'image', 'a container image with a tag'],
  ['deploy-backend', { ...target, image: 'augeo/api:' }, 'image', 'a container image with a tag'],
  ['deploy-backend', { ...target, image: 'Augeo/API:1.0' }, 'image', 'a container image with a tag'],
  ['deploy-backend', { ...target, image: 'augeo/api@sha256:abc' }, 'image', 'a container image with a tag'],
  ['deploy-backend', { ...deploy, 'app-name': '-bad-' }, 'app-name', 'an App Service name'],
  ['deploy-backend', { ...deploy, 'app-name': 'a' }, 'app-name', 'an App Service name'],
  ['deploy-backend', { ...deploy, 'resource-group': 'rg.' }, 'resource-group', 'an Azure resource group name'],
  [
    'deploy-backend',
    { ...deploy, 'resource-group': 'rg with spaces' },
    'resource-group',
    'an Azure resource group name',
  ],
  ['deploy-backend', { ...deploy, slot: 'production' }, 'slot', 'a slot other than production'],
  ['deploy-backend', { ...deploy, slot: 'no_underscores' }, 'slot', 'a slot name'],
  ['deploy-backend', { ...deploy, slot: 'canary' }, 'slot', "a slot that exists in the app 'bg-inputs-api'"],
  ['deploy-backend', { ...deploy, interval: '30' }, 'interval', 'a duration with a unit'],
  ['deploy-backend', { ...deploy, deadline: 'soon' }, 'deadline', 'a duration such as'],
  ['deploy-backend', { ...deploy, 'swap-timeout': '0s' }, 'swap-timeout', 'a duration such as'],
  ['deploy-backend', { ...deploy, 'lock-wait': 'a while' }, 'lock-wait', 'a duration such as'],
  ['deploy-backend', { ...deploy, 'max-error-rate': '120%' }, 'max-error-rate', 'a percentage from 0% to 100%'],
  ['deploy-backend', { ...deploy, 'max-p95': 'fast' }, 'max-p95', 'a duration such as'],
  ['deploy-backend', { ...deploy, samples: '0' }, 'samples', 'a whole number from 1'],
  [
    'deploy-backend',
    { ...deploy, 'consecutive-successes': '0' },
    'consecutive-successes',
    'a whole number from 1 to 1000',
  ],
  ['deploy-backend', { ...deploy, 'health-path': 'healthz' }, 'health-path', "a URL path starting with '/'"],
  ['deploy-backend', { ...deploy, 'auto-rollback': 'maybe' }, 'auto-rollback', 'true or false'],
  [
    'deploy-backend',
    { ...deploy, swap: 'false', 'auto-rollback': 'true' },
    'auto-rollback',
    'no value when swap is false',
  ],
  ['deploy-backend', { ...deploy, 'app-settings': '- just\n- a list' }, 'app-settings', 'a YAML map'],
  ['deploy-backend', { ...deploy, 'sticky-settings': 'GOOD, 1BAD' }, 'sticky-settings', 'an app setting name'],
  ['deploy-backend', { ...deploy, 'azure-client-id': 'not-a-guid' }, 'azure-client-id', 'a GUID'],
  ['swap-slots', { ...target, 'target-slot': 'staging' }, 'target-slot', "a slot other than source-slot 'staging'"],
  ['swap-slots', { ...target, mode: 'flip' }, 'mode', 'one of swap, preview, complete, reset'],
  ['swap-slots', { ...target, 'preserve-vnet': 'perhaps' }, 'preserve-vnet', 'true or false'],
  ['swap-slots', { ...target, 'source-slot': 'qa' }, 'source-slot', "a slot that exists in the app 'bg-inputs-api'"],
  ['swap-slots', { ...target, verify: 'yes please' }, 'verify', 'true or false'],
  ['swap-slots', { 'app-name': SITE }, 'resource-group', 'this input is required'],
  ['rollback', { ...target, to: 'the good one' }, 'to', "'previous', or a container image with a tag"],
  ['rollback', { ...target, to: 'augeo/api' }, 'to', "'previous', or a container image with a tag"],
  ['rollback', { ...target, slot: 'production' }, 'slot', 'a slot other than production'],
  ['rollback', { ...target, slot: 'missing' }, 'slot', "a slot that exists in the app 'bg-inputs-api'"],
  ['rollback', { ...target, timeout: '-1s' }, 'timeout', 'a duration such as'],
];

describe('bad inputs fail naming the input, and change nothing in Azure', () => {
  it.each(cases)(
    '%s %j → %s',
    async (action, inputs, input, accepted) => {
      emulator.clearJournal();
      const run = await runAction(action, inputs, runnerEnv(emulator));

      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toContain(`Input '${input}' is invalid`);
      expect(run.errors[0]).toContain(accepted);
      expect(armWrites(emulator.journal())).toEqual([]);
    },
    30_000,
  );

  it('never echoes a rejected github-token', async () => {
    const run = await runAction(
      'deploy-backend',
      { ...deploy, 'github-token': 'ghs_secret', samples: 'x' },
      runnerEnv(emulator),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).not.toMatch(/(?<!::add-mask::)ghs_secret/);
  });
});
