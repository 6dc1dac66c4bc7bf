/**
 * The bundled dev-schedule against the emulator: it stops and starts dev's App Service and flexible server, and it
 * never reaches production: the action refuses before signing in, and the dev identity's role stops at dev's resource
 * group, so even a request that gets through is refused by Azure.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Emulator } from '@augeo/emulator';
import { runAction } from '../../../test/support/run-action.js';
import {
  armCallsUnder,
  operationsEnv,
  startOperationsEmulator,
  SUBSCRIPTION,
} from '../../dr-drill/test/support/operations-emulator.js';

const PRODUCTION_GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/augeo-production-rg`;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startOperationsEmulator();
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

const devState = () => ({
  app: emulator.site('augeo-dev-rg', 'augeo-dev-api')?.slots.production?.state,
  database: emulator.postgresServer('augeo-dev-rg', 'augeo-dev-db')?.state,
});

describe('dev-schedule', () => {
  it('stops dev outside business hours and starts it again', async () => {
    const stop = await runAction('dev-schedule', { action: 'stop' }, operationsEnv(emulator, 'dev'));
    expect(stop.errors).toEqual([]);
    expect(stop.outputs.action).toBe('stop');
    expect(devState()).toEqual({ app: 'Stopped', database: 'Stopped' });
    expect(stop.summary).toMatch(/\| App Service augeo-dev-api \| Running \| Stopped \| stop \|/);
    expect(stop.summary).toMatch(/\| PostgreSQL augeo-dev-db \| Ready \| Stopped \| stop \|/);

    const again = await runAction('dev-schedule', { action: 'stop' }, operationsEnv(emulator, 'dev'));
    expect(again.exitCode).toBe(0);
    expect(again.summary).toContain('nothing (already stopped)');

    const start = await runAction('dev-schedule', { action: 'start' }, operationsEnv(emulator, 'dev'));
    expect(start.errors).toEqual([]);
    expect(devState()).toEqual({ app: 'Running', database: 'Ready' });
    expect(start.summary).toMatch(/\| PostgreSQL augeo-dev-db \| Stopped \| Ready \| start \|/);
  }, 90_000);

  it('decides from the clock in auto mode: on a day without business hours it stops', async () => {
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    // The day after tomorrow in UTC: not today, even if the run crosses midnight.
    const businessDay = days[(new Date().getUTCDay() + 2) % 7] ?? 'mon';
    const run = await runAction(
      'dev-schedule',
      { 'time-zone': 'UTC', 'business-days': businessDay, 'business-hours': '00:00-24:00' },
      operationsEnv(emulator, 'dev'),
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs.action).toBe('stop');
    expect(run.stdout).toMatch(/\w{3} \d\d:\d\d UTC: outside business hours; stop\./);
    expect(devState()).toEqual({ app: 'Stopped', database: 'Stopped' });
    await runAction('dev-schedule', { action: 'start' }, operationsEnv(emulator, 'dev'));
  }, 90_000);

  it('refuses production itself, with no call to Azure at all', async () => {
    emulator.clearJournal();
    const run = await runAction(
      'dev-schedule',
      { environment: 'production', action: 'stop' },
      operationsEnv(emulator, 'production'),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "Input 'environment' is invalid: got 'production', expected dev: the schedule stops and starts only the dev environment",
    );
    expect(emulator.journal().filter((entry) => entry.host !== 'github')).toEqual([]);
    expect(emulator.site('augeo-production-rg', 'augeo-production-api')?.slots.production?.state).toBe('Running');
  }, 60_000);

  it("is refused by Azure when pointed at production's resources with the dev identity", async () => {
    emulator.clearJournal();
    const run = await runAction(
      'dev-schedule',
      { action: 'stop', 'resource-group': 'augeo-production-rg', 'app-name': 'augeo-production-api' },
      operationsEnv(emulator, 'dev'),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /AuthorizationFailed: The client '3a9e1c47-[^']+' .* does not have authorization to perform action 'Microsoft\.Web\/sites\/read' over scope '\/subscriptions\/[^']+\/resourceGroups\/augeo-production-rg/,
    );
    const production = armCallsUnder(emulator.journal(), PRODUCTION_GROUP);
    expect(production.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['GET 403']);
    expect(emulator.site('augeo-production-rg', 'augeo-production-api')?.slots.production?.state).toBe('Running');
    expect(emulator.postgresServer('augeo-production-rg', 'augeo-production-db')?.state).toBe('Ready');
  }, 60_000);
});
