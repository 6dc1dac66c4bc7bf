import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator, type World } from '@augeo/emulator';
import type { RehearsalOptions } from '@augeo/workflow-tools/rehearsal/rehearsal-options';
import { rehearseWorkflow } from '@augeo/workflow-tools/rehearsal/run-workflow';
import { Timeline } from '@augeo/workflow-tools/rehearsal/timeline';
import { environmentsFromWorld } from '@augeo/workflow-tools/rehearsal/world-environments';

const repoRoot = resolve(import.meta.dirname, '..');
const worldPath = join(repoRoot, 'packages/emulator/worlds/default.json');
const world = JSON.parse(readFileSync(worldPath, 'utf8')) as World;
const repository = world.github.repository;
const MAIN = 'refs/heads/main';
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('workflow rehearsal', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ world: worldPath });
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
  });

  function optionsFor(event: { name: string; payload?: Record<string, unknown> }, approve: string[]) {
    const log: string[] = [];
    const options: RehearsalOptions = {
      repoRoot,
      repository,
      event: { name: event.name, ref: MAIN, sha: SHA, actor: 'rehearsal', payload: event.payload ?? {} },
      runnerEnv: emulator.env,
      vars: { API_IMAGE_REPOSITORY: 'augeo/api' },
      environments: environmentsFromWorld(world, repository, ['production']),
      approve,
      timeline: new Timeline(),
      log: (line) => log.push(line),
    };
    return { options, log };
  }

  describe('a fixture workflow: health-check, needs and outputs, if:, a reusable call, an approval', () => {
    it('runs every job in needs order with the runner contract, and reports the environment of each token', async () => {
      const { options } = optionsFor({ name: 'workflow_dispatch' }, ['production']);
      const url = `${emulator.slotUrl('augeo-staging-api', 'staging')}/healthz`;

      const run = await rehearseWorkflow(options, 'test/fixtures/workflows/rehearsal/probe.yml', { url });

      expect(Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result]))).toEqual({
        probe: 'success',
        report: 'success',
        alarm: 'skipped',
        release: 'success',
        promote: 'success',
      });
      expect(run.jobs.probe?.outputs).toEqual({ healthy: 'true', version: '1.0.0', greeting: 'hello rehearsal' });
      expect(run.jobs.probe?.summaries.join('\n')).toContain(url);
      expect(run.jobs.report?.outputs.line).toBe('hello rehearsal, production runs 1.0.0');
      expect(run.jobs.release?.outputs).toEqual({
        echoed: 'hello rehearsal, production runs 1.0.0 (called)',
        subject: `repo:${repository}:environment:staging`,
      });
      expect(run.jobs.promote?.oidcSubject).toBe(`repo:${repository}:environment:production`);
      expect(run.result).toBe('success');

      const timeline = options.timeline.render();
      expect(timeline).toMatch(
        /skipped-step +probe.yml › probe › actions\/checkout@\S+: skipped — .*another repository/,
      );
      expect(timeline).toMatch(/approval +probe.yml › promote: approved/);
      expect(timeline).toMatch(/job +probe.yml › alarm: skipped — if: failure\(\)/);
    });

    it('fails the job whose environment needs an approval nobody gave, and says so', async () => {
      const { options } = optionsFor({ name: 'workflow_dispatch' }, []);
      const url = `${emulator.slotUrl('augeo-staging-api', 'staging')}/healthz`;

      const run = await rehearseWorkflow(options, 'test/fixtures/workflows/rehearsal/probe.yml', { url });

      expect(run.jobs.release?.result).toBe('success');
      expect(run.jobs.promote).toMatchObject({
        result: 'failure',
        errors: ["Environment 'production' was not approved."],
      });
      expect(run.result).toBe('failure');
      expect(options.timeline.render()).toMatch(/approval +probe.yml › promote: rejected/);
    });

    it('skips the report and runs the alarm when the health check fails', async () => {
      const { options, log } = optionsFor({ name: 'workflow_dispatch' }, ['production']);
      const url = `${emulator.slotUrl('augeo-staging-api', 'staging')}/healthz`;

      const run = await rehearseWorkflow(options, 'test/fixtures/workflows/rehearsal/probe.yml', {
        url,
        'expected-version': '9.9.9',
      });

      expect(run.jobs.probe?.result).toBe('failure');
      expect(run.jobs.probe?.errors.join('\n')).toContain('9.9.9');
      expect(log.join('\n')).toContain('9.9.9');
      expect(run.jobs.report?.result).toBe('skipped');
      expect(run.jobs.alarm?.result).toBe('success');
      expect(run.jobs.release?.result).toBe('skipped');
    });
  });

  describe("this repository's deploy workflow", () => {
    it('rejects environment: prod in its first step, naming the accepted environments', async () => {
      const { options, log } = optionsFor({ name: 'push' }, []);

      const run = await rehearseWorkflow(
        options,
        '.github/workflows/deploy.yml',
        { environment: 'prod', image: 'augeo/api:1.1.0' },
        'workflow_call',
      );

      expect(run.jobs.validate).toMatchObject({
        result: 'failure',
        errors: ["Input 'environment' is invalid: got 'prod', expected one of: dev, staging, production."],
      });
      expect(log.join('\n')).toContain('expected one of: dev, staging, production');
      const laterJobs = Object.entries(run.jobs).filter(([id]) => id !== 'validate');
      expect(laterJobs.map(([id, job]) => [id, job.result])).toEqual(laterJobs.map(([id]) => [id, 'skipped']));
    });

    it('runs staging.yml on a push to main until the first action that is not built yet, and stops there', async () => {
      const { options } = optionsFor({ name: 'push' }, []);

      const run = await rehearseWorkflow(options, '.github/workflows/staging.yml');

      const deploy = run.jobs.deploy?.called;
      expect(deploy?.workflow).toBe('.github/workflows/deploy.yml');
      const results = Object.fromEntries(Object.entries(deploy?.jobs ?? {}).map(([id, job]) => [id, job.result]));
      // Today provision is a stub that fails "not implemented yet"; everything after it must not run.
      // When provision, migrate and deploy-backend land, this test moves on to the end-to-end story.
      expect(results).toEqual({
        validate: 'success',
        provision: 'failure',
        'migrate-expand': 'skipped',
        'deploy-backend': 'skipped',
        'deploy-frontend': 'skipped',
        'migrate-contract': 'skipped',
      });
      expect(deploy?.jobs.provision?.errors.join('\n')).toMatch(/provision action is not implemented yet/);
      expect(deploy?.jobs.provision?.oidcSubject).toBe(`repo:${repository}:environment:staging`);
      expect(run.result).toBe('failure');
      expect(options.timeline.render()).toMatch(
        /step +staging.yml › deploy › deploy.yml › provision › provision: failure — .*not implemented yet/,
      );
    });
  });
});
