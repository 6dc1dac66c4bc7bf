/**
 * The bundled health-check, run as GitHub runs it, against slot apps served by the emulator:
 * the example FastAPI app behind HTTPS fronts, one process per slot, misbehaving by image tag.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';
import { runAction } from '../../../test/support/run-action.js';

const runDist = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('health-check', inputs, env);

const RESOURCE_GROUP = 'augeo-staging-rg';
const SITE = 'augeo-health-demo';
const SLOTS = {
  production: 'augeo/api:2.0.0',
  unhealthy: 'augeo/api:2.0.1-unhealthy',
  slow: 'augeo/api:2.0.2-slow',
};

let emulator: Emulator;
const urlOf = (slot: keyof typeof SLOTS) => `${emulator.slotUrl(SITE, slot, RESOURCE_GROUP)}/healthz`;
const trustEmulator = () => ({ NODE_EXTRA_CA_CERTS: emulator.env.NODE_EXTRA_CA_CERTS ?? '' });

beforeAll(async () => {
  const world = await loadWorld(undefined);
  const group = world.subscriptions[0]?.resourceGroups.find((candidate) => candidate.name === RESOURCE_GROUP);
  if (!group) throw new Error(`the default world has no ${RESOURCE_GROUP}`);
  group.sites.push({
    name: SITE,
    kind: 'app,linux,container',
    slots: Object.entries(SLOTS).map(([name, image]) => ({ name, image, appSettings: {} })),
  });
  emulator = await startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR });
});

afterAll(async () => {
  await emulator?.stop();
});

const FAST = { samples: '6', interval: '50ms', 'consecutive-successes': '2', deadline: '30s' };

describe('health-check against emulator slot apps', () => {
  it('passes on a healthy app reporting the expected version', async () => {
    const run = await runDist({ ...FAST, url: urlOf('production'), 'expected-version': '2.0.0' }, trustEmulator());
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      healthy: 'true',
      'error-rate': '0',
      samples: '6',
      'observed-version': '2.0.0',
    });
    expect(Number(run.outputs['p95-ms'])).toBeLessThan(500);
    expect(run.summary).toContain(urlOf('production'));
  });

  it('fails on an unhealthy app, with every sample counted as an error', async () => {
    const run = await runDist(
      { ...FAST, 'consecutive-successes': '0', url: urlOf('unhealthy'), 'expected-status': '200' },
      trustEmulator(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ healthy: 'false', 'error-rate': '100', samples: '6' });
    expect(run.errors.join('\n')).toMatch(/error rate 100(\.0)?% .*5%/);
  });

  it('fails when the app reports another version than expected-version', async () => {
    // No wait phase: it would (rightly) keep waiting for the expected version until the deadline.
    const run = await runDist(
      { ...FAST, 'consecutive-successes': '0', url: urlOf('production'), 'expected-version': '2.0.1' },
      trustEmulator(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ healthy: 'false', 'observed-version': '2.0.0' });
    expect(run.errors.join('\n')).toMatch(/2\.0\.1/);
  });

  it('fails when p95 latency exceeds max-p95, and reports the p95 it measured', async () => {
    const run = await runDist(
      { ...FAST, 'consecutive-successes': '0', samples: '3', url: urlOf('slow'), 'max-p95': '500ms' },
      trustEmulator(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.healthy).toBe('false');
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThan(500);
    expect(run.outputs['error-rate']).toBe('0');
    expect(run.errors.join('\n')).toMatch(/p95/);
  });
});
