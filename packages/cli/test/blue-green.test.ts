/**
 * deploy-backend, swap-slots, rollback and health-check: each run once as the bundled action (as GitHub runs it) and
 * once as `augeo <command>` with the same inputs, side by side on twin apps in the emulator, then compared: result,
 * outputs and what each app's slots run and serve afterwards. Last, the operator's path: deploy-backend.sh, then
 * rollback.sh staging.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Emulator } from '@augeo/emulator';
import {
  FAST_GATE,
  RESOURCE_GROUP,
  runnerEnv,
  servedVersion,
  startBlueGreenEmulator,
} from '../../../test/support/blue-green-emulator.js';
import { runAction } from '../../../test/support/run-action.js';
import { Cli, flags, type CliRun } from './support/run-cli.js';

const SCRIPTS = resolve(import.meta.dirname, '../../../infrastructure/scripts');
const twins = (name: string, production: string, staging: string) => [
  { name: `${name}-a`, production, staging },
  { name: `${name}-c`, production, staging },
];

let emulator: Emulator;
let cli: Cli;
beforeAll(async () => {
  [emulator, cli] = await Promise.all([
    startBlueGreenEmulator([
      ...twins('cli-deploy', 'augeo/api:1.0.0', 'augeo/api:1.0.0'),
      ...twins('cli-swap', 'augeo/api:1.0.0', 'augeo/api:1.1.0'),
      ...twins('cli-rollback', 'augeo/api:1.1.0', 'augeo/api:1.0.0'),
      { name: 'augeo-staging-api', production: 'augeo/api:1.0.0', staging: 'augeo/api:1.0.0' },
    ]),
    Cli.build(),
  ]);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
  await cli?.remove();
});

/** What an operator's shell has: the emulator's env file, and short lock waits as in the action tests. */
const operator = () => ({ envFile: emulator.env, env: { AUGEO_LOCK_SETTLE_MS: '100' } });

/** Outputs with the app's own slot addresses replaced, so twin apps' outputs can be compared. */
function portable(outputs: Record<string, string>, site: string): Record<string, string> {
  const production = emulator.slotUrl(site, 'production', RESOURCE_GROUP);
  const staging = emulator.slotUrl(site, 'staging', RESOURCE_GROUP);
  return Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [
      name,
      value.split(production).join('<production>').split(staging).join('<staging>'),
    ]),
  );
}

/** What each slot of an app runs (its image) and serves (the version its app reports). */
async function endState(site: string) {
  const slots = emulator.site(RESOURCE_GROUP, site)?.slots ?? {};
  return {
    production: slots.production?.siteConfig.linuxFxVersion,
    staging: slots.staging?.siteConfig.linuxFxVersion,
    servedInProduction: await servedVersion(emulator.slotUrl(site, 'production', RESOURCE_GROUP)),
    servedInStaging: await servedVersion(emulator.slotUrl(site, 'staging', RESOURCE_GROUP)),
  };
}

/** The action on `<name>-a`, the CLI on `<name>-c`, at the same time, with the same inputs otherwise. */
async function sideBySide(command: string, name: string, inputs: Record<string, string>) {
  const target = (site: string) => ({ 'resource-group': RESOURCE_GROUP, 'app-name': site, ...inputs });
  const [action, terminal] = await Promise.all([
    runAction(command, target(`${name}-a`), runnerEnv(emulator)),
    cli.run([command, ...flags(target(`${name}-c`)), '--json'], operator()),
  ]);
  return { action, terminal };
}

function expectSameRun(
  { action, terminal }: Awaited<ReturnType<typeof sideBySide>>,
  name: string,
  exitCode: number,
): void {
  expect(action.errors).toEqual(exitCode === 0 ? [] : [terminal.json?.error]);
  expect([action.exitCode, terminal.exitCode]).toEqual([exitCode, exitCode]);
  expect(terminal.json?.result).toBe(exitCode === 0 ? 'success' : 'failure');
  expect(portable(terminal.json?.outputs ?? {}, `${name}-c`)).toEqual(portable(action.outputs, `${name}-a`));
}

describe('augeo and the bundled action, side by side on twin apps', () => {
  it('deploy-backend: deployed, the same outputs, both apps serve 1.1.0 with 1.0.0 kept in staging', async () => {
    const runs = await sideBySide('deploy-backend', 'cli-deploy', { image: 'augeo/api:1.1.0', ...FAST_GATE });
    expectSameRun(runs, 'cli-deploy', 0);
    expect(runs.terminal.json?.outputs.result).toBe('deployed');
    const [action, terminal] = await Promise.all([endState('cli-deploy-a'), endState('cli-deploy-c')]);
    expect(terminal).toEqual(action);
    expect(action).toMatchObject({ production: 'DOCKER|augeo/api:1.1.0', servedInProduction: '1.1.0' });
  }, 120_000);

  it('swap-slots: swapped and verified, the same outputs and slots', async () => {
    const runs = await sideBySide('swap-slots', 'cli-swap', { verify: 'true', ...FAST_GATE });
    expectSameRun(runs, 'cli-swap', 0);
    expect(runs.terminal.json?.outputs).toMatchObject({ result: 'swapped', 'target-version': '1.1.0' });
    const [action, terminal] = await Promise.all([endState('cli-swap-a'), endState('cli-swap-c')]);
    expect(terminal).toEqual(action);
    expect(action).toMatchObject({ servedInProduction: '1.1.0', servedInStaging: '1.0.0' });
  }, 120_000);

  it('rollback: the previous release back in production, the same outputs and slots', async () => {
    const runs = await sideBySide('rollback', 'cli-rollback', { reason: 'side by side', ...FAST_GATE });
    expectSameRun(runs, 'cli-rollback', 0);
    expect(runs.terminal.json?.outputs).toEqual({
      result: 'rolled-back',
      'production-image': 'augeo/api:1.0.0',
      'production-version': '1.0.0',
    });
    const [action, terminal] = await Promise.all([endState('cli-rollback-a'), endState('cli-rollback-c')]);
    expect(terminal).toEqual(action);
    expect(action).toMatchObject({ servedInProduction: '1.0.0', servedInStaging: '1.1.0' });
  }, 120_000);

  it('health-check: the same verdict and numbers for the same app, and the same failure for a wrong version', async () => {
    const url = emulator.slotUrl('cli-deploy-a', 'production', RESOURCE_GROUP);
    const measured = (outputs: Record<string, string>) => {
      const { 'p95-ms': p95, report, ...rest } = outputs;
      return {
        ...rest,
        p95Measured: p95 !== '',
        urls: (JSON.parse(report ?? '{}') as { urls?: unknown[] }).urls?.length,
      };
    };
    for (const [version, exitCode] of [
      ['1.1.0', 0],
      ['9.9.9', 1],
    ] as const) {
      const inputs = { url: `${url}/healthz`, 'expected-version': version, samples: '5', interval: '50ms' };
      const trustTheEmulator = { NODE_EXTRA_CA_CERTS: emulator.env.NODE_EXTRA_CA_CERTS ?? '' };
      const [action, terminal] = await Promise.all([
        runAction('health-check', inputs, trustTheEmulator),
        cli.run(['health-check', ...flags(inputs), '--json'], { env: trustTheEmulator }),
      ]);
      expect([action.exitCode, terminal.exitCode]).toEqual([exitCode, exitCode]);
      expect(action.errors).toEqual(exitCode === 0 ? [] : [terminal.json?.error]);
      expect(measured(terminal.json?.outputs ?? {})).toEqual(measured(action.outputs));
    }
  }, 60_000);
});

describe('auth outside GitHub', () => {
  it('--auth workload-identity exchanges a token file, as AKS projects it, with no GitHub variables', async () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: bearer, ...azureOnly } = emulator.env;
    const response = await fetch(`${url}&audience=api://AzureADTokenExchange`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    const tokenFile = await cli.envFile({});
    await writeFile(tokenFile, ((await response.json()) as { value: string }).value);
    // A re-run of the deploy above: it reads production, finds the image live, and verifies it.
    const inputs = {
      'resource-group': RESOURCE_GROUP,
      'app-name': 'cli-deploy-c',
      image: 'augeo/api:1.1.0',
      ...FAST_GATE,
    };
    const run = await cli.run(['deploy-backend', ...flags(inputs), '--auth', 'workload-identity', '--json'], {
      envFile: { ...azureOnly, AZURE_FEDERATED_TOKEN_FILE: tokenFile },
      env: { AUGEO_LOCK_SETTLE_MS: '100' },
    });
    expect(run.json?.error).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.json?.outputs.result).toBe('deployed');
    expect(run.stderr).toContain('Azure sign-in: workload-identity.');
  }, 60_000);

  it('--auth oidc without the OIDC variables says what is missing', async () => {
    const inputs = { 'resource-group': RESOURCE_GROUP, 'app-name': 'cli-deploy-c', image: 'augeo/api:1.1.0' };
    const run = await cli.run(['deploy-backend', ...flags(inputs), '--auth', 'oidc', '--json']);
    expect(run.exitCode).toBe(1);
    expect(run.json?.error).toContain(
      '--auth oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN.',
    );
  });
});

describe('the operator scripts', () => {
  const script = async (name: string, args: string[]): Promise<CliRun> => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', AUGEO_CLI: cli.bundle, USER: 'oncall' };
    return promisify(execFile)(
      'bash',
      [resolve(SCRIPTS, name), ...args, '--env-file', await cli.envFile(emulator.env)],
      {
        env: { ...env, AUGEO_LOCK_SETTLE_MS: '100' },
      },
    )
      .then(({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }))
      .catch((error: { code: number; stdout: string; stderr: string }) => ({
        exitCode: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }));
  };

  it('rollback.sh staging after deploy-backend.sh puts the previous version back, verified', async () => {
    const site = 'augeo-staging-api';
    const gate = flags(FAST_GATE);
    const deploy = await script('deploy-backend.sh', ['staging', 'augeo/api:1.2.0', ...gate]);
    expect(deploy.stderr).not.toContain('error:');
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toMatch(/^result +deployed$/m);
    expect(await servedVersion(emulator.slotUrl(site, 'production', RESOURCE_GROUP))).toBe('1.2.0');

    const rollback = await script('rollback.sh', ['staging', ...gate]);
    expect(rollback.stderr).not.toContain('error:');
    expect(rollback.exitCode).toBe(0);
    expect(rollback.stdout).toMatch(/^result +rolled-back$/m);
    expect(rollback.stdout).toContain('Reason given: rollback.sh by oncall');
    expect(rollback.stdout).toContain('✔ rollback succeeded');
    expect(await endState(site)).toEqual({
      production: 'DOCKER|augeo/api:1.0.0',
      staging: 'DOCKER|augeo/api:1.2.0',
      servedInProduction: '1.0.0',
      servedInStaging: '1.2.0',
    });
  }, 120_000);

  it('refuses an unknown environment before calling augeo', async () => {
    const run = await script('rollback.sh', ['qa']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('usage: rollback.sh <environment> [flags...]');
  });
});
