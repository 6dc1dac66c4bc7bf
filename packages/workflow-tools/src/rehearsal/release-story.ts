import type { Emulator, World } from '@augeo/emulator';
import type { FinishedJob, RehearsalEnvironment, RehearsalEvent, RehearsalOptions } from './rehearsal-options.js';
import { rehearseWorkflow, type WorkflowResult } from './run-workflow.js';
import type { Timeline } from './timeline.js';
import { environmentsFromWorld } from './world-environments.js';

/** The commits of the story: a good release, then one that breaks only against production's data. */
export const GOOD_SHA = '600d600d600d600d600d600d600d600d600d600d';
export const BAD_SHA = 'bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0';
export const API_IMAGE_REPOSITORY = 'augeo/api';
export const GOOD_IMAGE = `${API_IMAGE_REPOSITORY}:${GOOD_SHA}`;
export const BAD_IMAGE = `${API_IMAGE_REPOSITORY}:${BAD_SHA}`;
/** Jobs here need a reviewer: the provisioning principal's environments and production (docs/setup.md, bootstrap.md). */
export const PROTECTED_ENVIRONMENTS = ['dev-infra', 'staging-infra', 'production-infra', 'production'];
export const ROLLBACK_REASON = `${BAD_IMAGE} fails in production; staging goes back to what production serves`;
const INFRA_SUFFIX = '-infra';
const MAIN = 'refs/heads/main';
const STAGING = '.github/workflows/staging.yml';
const PRODUCTION = '.github/workflows/production.yml';
const ROLLBACK = '.github/workflows/rollback.yml';

interface Trigger {
  event: Omit<RehearsalEvent, 'ref' | 'actor'>;
  inputs: Record<string, unknown>;
}

const pushOf = (sha: string): Trigger => ({
  event: { name: 'push', sha, payload: { after: sha, ref: MAIN } },
  inputs: {},
});
const dispatchOf = (sha: string, inputs: Record<string, unknown>): Trigger => ({
  event: { name: 'workflow_dispatch', sha, payload: { inputs } },
  inputs,
});

export interface StoryOptions {
  repoRoot: string;
  emulator: Emulator;
  /** The world the emulator started from: the environments' variables are derived from it. */
  world: World;
  /** The DATABASE_URL environment secret of staging and of production: two empty databases. */
  databaseUrls: { staging: string; production: string };
  timeline: Timeline;
  log: (line: string) => void;
}

export interface Act {
  title: string;
  workflow: string;
  /** How the run must end for the story to hold: the bad release's production run fails, by design. */
  expected: WorkflowResult['result'];
  run: WorkflowResult;
}

export interface StoryResult {
  acts: Act[];
  /** The GitHub environments as they are at the end (after the admin's bootstrap step 5). */
  environments: Record<string, RehearsalEnvironment>;
}

/**
 * The release story of issue 7, told by this repository's own workflows against the emulator: a merge provisions and
 * ships staging, a reviewer promotes it to production; a release that breaks only against production's data passes
 * staging, is caught in production after the swap and swapped back, and staging is rolled back to the good release by
 * hand.
 */
export async function rehearseReleaseStory(options: StoryOptions): Promise<StoryResult> {
  const { emulator, world, timeline } = options;
  const repository = world.github.repository;
  const environments = environmentsFromWorld(world, repository, PROTECTED_ENVIRONMENTS, {
    staging: { DATABASE_URL: options.databaseUrls.staging },
    production: { DATABASE_URL: options.databaseUrls.production },
  });
  const acts: Act[] = [];

  // The example app cannot fail only in production by itself; the front fault stands for production's data.
  emulator.injectFrontFault({
    site: 'augeo-production-api',
    slot: 'production',
    image: BAD_IMAGE,
    path: '^/healthz$',
    status: 500,
  });
  timeline.record({
    where: 'emulator',
    event: 'fault',
    outcome: 'armed',
    detail: `augeo-production-api's production slot answers /healthz 500 while it serves ${BAD_IMAGE}`,
  });

  const act = async (
    title: string,
    workflow: string,
    { event, inputs }: Trigger,
    expected: WorkflowResult['result'] = 'success',
  ) => {
    timeline.record({ where: title, event: 'act', outcome: 'started', detail: workflow });
    const rehearsal: RehearsalOptions = {
      repoRoot: options.repoRoot,
      repository,
      event: { ...event, ref: MAIN, actor: 'rehearsal' },
      runnerEnv: emulator.env,
      vars: { API_IMAGE_REPOSITORY },
      environments,
      approve: PROTECTED_ENVIRONMENTS,
      timeline,
      onJobFinished: (job) => setDeployerClientId(job, environments, timeline),
      log: options.log,
    };
    acts.push({ title, workflow, expected, run: await rehearseWorkflow(rehearsal, workflow, inputs) });
  };

  await act('1. Merge to main: provision staging and ship the good release', STAGING, pushOf(GOOD_SHA));
  await act(
    '2. Approve and promote the good release to production',
    PRODUCTION,
    dispatchOf(GOOD_SHA, { image: GOOD_IMAGE }),
  );
  await act('3. Merge a release that breaks only against production: staging ships it', STAGING, pushOf(BAD_SHA));
  await act(
    '4. Promote it with no template change: caught after the swap, swapped back',
    PRODUCTION,
    dispatchOf(BAD_SHA, { image: BAD_IMAGE, provision: false }),
    'failure',
  );
  await act(
    '5. Manual rollback of staging to the good release',
    ROLLBACK,
    dispatchOf(BAD_SHA, { environment: 'staging', to: GOOD_IMAGE, reason: ROLLBACK_REASON }),
  );
  return { acts, environments };
}

/**
 * docs/bootstrap.md step 5, done by the rehearsal's repository admin: once `provision` has run in `<env>-infra`, the
 * `<env>` environment's AZURE_CLIENT_ID becomes the deployer identity the template created. Later jobs in `<env>` sign
 * in as that identity.
 */
function setDeployerClientId(
  job: FinishedJob,
  environments: Record<string, RehearsalEnvironment>,
  timeline: Timeline,
): void {
  const clientId = job.outputs['deployer-client-id'];
  if (job.result !== 'success' || !clientId || !job.environment?.endsWith(INFRA_SUFFIX)) return;
  const name = job.environment.slice(0, -INFRA_SUFFIX.length);
  const environment = environments[name];
  if (!environment || environment.vars.AZURE_CLIENT_ID === clientId) return;
  environment.vars.AZURE_CLIENT_ID = clientId;
  timeline.record({
    where: `environment ${name}`,
    event: 'admin',
    outcome: 'set',
    detail: `AZURE_CLIENT_ID = ${clientId} (the deployerClientId output; docs/bootstrap.md step 5)`,
  });
}
