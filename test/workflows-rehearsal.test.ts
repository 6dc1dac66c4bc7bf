import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator, type World } from '@augeo/emulator';
import type { RehearsalOptions } from '@augeo/workflow-tools/rehearsal/rehearsal-options';
import {
  BAD_IMAGE,
  BAD_SHA,
  GOOD_IMAGE,
  GOOD_SHA,
  rehearseReleaseStory,
  ROLLBACK_REASON,
  type StoryResult,
} from '@augeo/workflow-tools/rehearsal/release-story';
import { rehearseWorkflow, type WorkflowResult } from '@augeo/workflow-tools/rehearsal/run-workflow';
import {
  appliedRevisions,
  createStoryDatabases,
  dropStoryDatabases,
  type StoryDatabases,
} from '@augeo/workflow-tools/rehearsal/story-databases';
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
  });
});

/** A job of a workflow run, found through the reusable calls it made (`deploy` › `provision`). */
function jobOf(run: WorkflowResult | undefined, ...path: string[]): WorkflowResult['jobs'][string] | undefined {
  const [id, ...rest] = path;
  const job = run?.jobs[id ?? ''];
  return rest.length === 0 ? job : jobOf(job?.called, ...rest);
}

interface DeploymentRecord {
  id: number;
  environment: string;
  description: string | null;
  statuses: Array<{ state: string; description: string }>;
}

describe('the release story, told by staging.yml, production.yml and rollback.yml', () => {
  let emulator: Emulator;
  let databases: StoryDatabases;
  let story: StoryResult;
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const timeline = new Timeline();
  const log: string[] = [];

  beforeAll(async () => {
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: start PostgreSQL with scripts/postgres.sh start.');
    databases = await createStoryDatabases(adminUrl);
    emulator = await startEmulator({ world: worldPath });
    story = await rehearseReleaseStory({
      repoRoot,
      emulator,
      world,
      databaseUrls: databases,
      timeline,
      log: (line) => log.push(line),
    });
  }, 180_000);

  afterAll(async () => {
    await emulator?.stop();
    if (adminUrl) await dropStoryDatabases(adminUrl);
  });

  const act = (index: number) => story.acts[index]?.run;
  const slotImage = (group: string, site: string, slot: string) =>
    emulator.site(group, site)?.slots[slot]?.siteConfig.linuxFxVersion;
  const servedVersion = async (site: string, slot = 'production') =>
    ((await (await fetch(`${emulator.slotUrl(site, slot)}/version`)).json()) as { version?: string }).version;

  it('ships staging, promotes to production, catches the bad release after the swap, rolls staging back by hand', () => {
    expect(story.acts.map(({ workflow, run }) => [workflow, run.result])).toEqual([
      ['.github/workflows/staging.yml', 'success'],
      ['.github/workflows/production.yml', 'success'],
      ['.github/workflows/staging.yml', 'success'],
      ['.github/workflows/production.yml', 'failure'],
      ['.github/workflows/rollback.yml', 'success'],
    ]);
    expect(jobOf(act(0), 'deploy')?.outputs).toMatchObject({ result: 'deployed', 'production-image': GOOD_IMAGE });
    expect(jobOf(act(1), 'deploy')?.outputs).toMatchObject({ result: 'deployed', 'production-image': GOOD_IMAGE });
    expect(jobOf(act(2), 'deploy')?.outputs).toMatchObject({ result: 'deployed', 'production-image': BAD_IMAGE });
    // Caught after the swap: the slot gate passed, production failed, and the previous release was swapped back.
    expect(jobOf(act(3), 'deploy')?.outputs).toMatchObject({ result: 'rolled-back', 'production-image': GOOD_IMAGE });
    expect(jobOf(act(3), 'deploy', 'deploy-backend')?.errors.join('\n')).toMatch(
      /failed its health gate in production, so it was swapped back/,
    );
    expect(jobOf(act(4), 'rollback')?.outputs).toEqual({ result: 'rolled-back', 'production-image': GOOD_IMAGE });
  });

  it('leaves production on the good release after the bad one, and staging back on it', async () => {
    expect(slotImage('augeo-production-rg', 'augeo-production-api', 'production')).toBe(`DOCKER|${GOOD_IMAGE}`);
    expect(slotImage('augeo-staging-rg', 'augeo-staging-api', 'production')).toBe(`DOCKER|${GOOD_IMAGE}`);
    expect(await servedVersion('augeo-production-api')).toBe(GOOD_SHA);
    expect(await servedVersion('augeo-staging-api')).toBe(GOOD_SHA);
    // The bad release is left in production's slot for inspection, and swapped out of staging's production.
    expect(slotImage('augeo-production-rg', 'augeo-production-api', 'staging')).toBe(`DOCKER|${BAD_IMAGE}`);
    expect(slotImage('augeo-staging-rg', 'augeo-staging-api', 'staging')).toBe(`DOCKER|${BAD_IMAGE}`);
  });

  it('records both rollbacks as GitHub deployment statuses: automatic in production, by hand in staging', async () => {
    const github = async <T>(path: string) =>
      (await (
        await fetch(`${emulator.env.GITHUB_API_URL}/repos/${repository}${path}`, {
          headers: { authorization: 'Bearer rehearsal-token' },
        })
      ).json()) as T;
    const deploymentsOf = async (environment: string) =>
      Promise.all(
        (await github<DeploymentRecord[]>(`/deployments?environment=${environment}`)).map(async (deployment) => ({
          ...deployment,
          statuses: await github<DeploymentRecord['statuses']>(`/deployments/${deployment.id}/statuses`),
        })),
      );
    const automatic = (await deploymentsOf('production')).find(
      (deployment) => deployment.description === `deploy ${BAD_IMAGE} to augeo-production-api`,
    );
    const manual = (await deploymentsOf('staging')).find((deployment) =>
      deployment.description?.startsWith('rollback of augeo-staging-api'),
    );
    expect(automatic?.statuses[0]).toMatchObject({
      state: 'failure',
      description: expect.stringMatching(/^Rolled back: .* failed in production; serving .*600d/),
    });
    expect(manual?.description).toContain(ROLLBACK_REASON.slice(0, 40));
    expect(manual?.statuses[0]?.state).toBe('success');
  });

  it("signs every job in as its environment's identity: the provisioner in <env>-infra, the deployer in <env>", () => {
    const subject = (environment: string) => `repo:${repository}:environment:${environment}`;
    const subjects = story.acts.map(({ run }) =>
      Object.fromEntries(
        Object.entries(run.jobs.deploy?.called?.jobs ?? run.jobs).map(([id, job]) => [id, job.oidcSubject ?? null]),
      ),
    );
    const deploy = (environment: string, provisioned: boolean) => ({
      validate: null,
      provision: provisioned ? subject(`${environment}-infra`) : null,
      'migrate-expand': null,
      'deploy-backend': subject(environment),
      'deploy-frontend': null,
      'migrate-contract': null,
    });
    expect(subjects).toEqual([
      deploy('staging', true),
      deploy('production', true),
      deploy('staging', true),
      deploy('production', false),
      { validate: null, rollback: subject('staging') },
    ]);

    // Bootstrap step 5: each environment now names the deployer provision created, not the world's seeded one.
    const seeded = environmentsFromWorld(world, repository, []);
    for (const [index, name] of [
      [0, 'staging'],
      [1, 'production'],
    ] as const) {
      const created = jobOf(act(index), 'deploy')?.outputs['deployer-client-id'];
      expect(created).toMatch(/^[0-9a-f-]{36}$/);
      expect(created).not.toBe(seeded[name]?.vars.AZURE_CLIENT_ID);
      expect(story.environments[name]?.vars.AZURE_CLIENT_ID).toBe(created);
    }
    // Entra issued tokens to exactly those four: the provisioners and the deployers provision created.
    const signedIn = new Set(
      emulator
        .journal()
        .filter((entry) => entry.host === 'entra' && entry.method === 'POST' && entry.status === 200)
        .map((entry) => entry.principal),
    );
    expect([...signedIn].sort()).toEqual(
      [
        seeded['staging-infra']?.vars.AZURE_CLIENT_ID,
        seeded['production-infra']?.vars.AZURE_CLIENT_ID,
        story.environments.staging?.vars.AZURE_CLIENT_ID,
        story.environments.production?.vars.AZURE_CLIENT_ID,
      ].sort(),
    );
  });

  it("applies the expand migrations to each environment's own database, given as its DATABASE_URL secret", async () => {
    const revisions = async (url: string) => (await appliedRevisions(url)).map((revision) => revision.slice(0, 4));
    expect(await revisions(databases.staging)).toEqual(['0003']);
    expect(await revisions(databases.production)).toEqual(['0003']);
    expect(jobOf(act(0), 'deploy', 'migrate-expand')?.summaries.join('\n')).toMatch(/applied 3 revision/);
    expect(log.join('\n')).not.toContain(databases.staging);
  });

  it('tells the story as a timeline: approvals, identities, the admin step and the skipped foreign steps', () => {
    const text = timeline.render();
    expect(text).toMatch(
      /approval +staging.yml › deploy › deploy.yml › provision: approved — environment 'staging-infra'/,
    );
    expect(text).toMatch(/admin +environment production: set — AZURE_CLIENT_ID = [0-9a-f-]{36}/);
    expect(text).toMatch(/skipped-step +.* › migrate-expand › actions\/checkout@\S+: skipped — .*another repository/);
    expect(text).toMatch(/production.yml › deploy › deploy.yml › provision: skipped — if: .*inputs.provision/);
    expect(text).toContain(BAD_SHA);
  });

  describe('a staging job reaching for production', () => {
    async function crossEnvironment(clientId: string) {
      const options: RehearsalOptions = {
        repoRoot,
        repository,
        event: { name: 'workflow_dispatch', ref: MAIN, sha: SHA, actor: 'rehearsal', payload: {} },
        runnerEnv: emulator.env,
        vars: {},
        environments: story.environments,
        approve: [],
        timeline: new Timeline(),
        log: () => undefined,
      };
      const run = await rehearseWorkflow(options, 'test/fixtures/workflows/rehearsal/cross-environment.yml', {
        'client-id': clientId,
        'resource-group': 'augeo-production-rg',
        'app-name': 'augeo-production-api',
      });
      return run.jobs.swap;
    }

    it("cannot sign in as production's deployer: Entra finds no federated credential for the staging subject", async () => {
      const job = await crossEnvironment(story.environments.production?.vars.AZURE_CLIENT_ID ?? '');

      expect(job?.oidcSubject).toBe(`repo:${repository}:environment:staging`);
      expect(job?.result).toBe('failure');
      expect(job?.errors.join('\n')).toContain('AADSTS700213');
      expect(job?.errors.join('\n')).toContain(`repo:${repository}:environment:staging`);
    });

    it("can sign in as staging's deployer, whose role stops at staging's resource group: ARM answers 403", async () => {
      const job = await crossEnvironment(story.environments.staging?.vars.AZURE_CLIENT_ID ?? '');

      expect(job?.result).toBe('failure');
      expect(job?.errors.join('\n')).toMatch(/AuthorizationFailed|does not have authorization/);
      expect(job?.errors.join('\n')).toContain('augeo-production-rg');
      expect(slotImage('augeo-production-rg', 'augeo-production-api', 'production')).toBe(`DOCKER|${GOOD_IMAGE}`);
    });
  });
});
