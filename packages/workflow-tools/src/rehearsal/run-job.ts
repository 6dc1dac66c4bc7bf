import { isMapping, isSequence } from '@actions/workflow-parser';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { toolkitActionOf } from '../policy/toolkit-refs.js';
import { asText, evaluateCondition, type Contexts, type Status } from './expressions.js';
import { setOidcContext } from './oidc-context.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import { runStep, type StepKind } from './run-step.js';
import { child, templateValue } from './template-values.js';

export type JobConclusion = 'success' | 'failure' | 'skipped';

export interface JobResult {
  result: JobConclusion;
  outputs: Record<string, string>;
  environment?: string;
  /** The OIDC `sub` the job's tokens carried (jobs with `id-token: write` only). */
  oidcSubject?: string;
  summaries: string[];
  errors: string[];
}

export interface JobRun {
  job: Job;
  raw: TemplateToken | undefined;
  /** e.g. `staging.yml › deploy › deploy.yml › provision`. */
  where: string;
  workflowPath: string;
  contexts: Contexts;
  needsStatus: Status;
  /** Whether the job's permissions (capped by every caller above it) let it mint an OIDC token. */
  idToken: boolean;
  tempDir: string;
  options: RehearsalOptions;
}

const IDENTITY_VARIABLES = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID'];
const ID_TOKEN_VARIABLES = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

/** Runs one job of steps: its `if:`, environment (with approval), identity, steps and outputs. */
export async function runJob(run: JobRun): Promise<JobResult> {
  const { job, options } = run;
  const skipped: JobResult = { result: 'skipped', outputs: {}, summaries: [], errors: [] };
  if (!evaluateCondition(job.if.expression, run.contexts, run.needsStatus, `${run.where} if`)) {
    options.timeline.record({ where: run.where, event: 'job', outcome: 'skipped', detail: `if: ${job.if.expression}` });
    return skipped;
  }

  // Only the name is known before the job runs; `environment.url` may read the job's own step outputs.
  const environmentName =
    job.environment !== undefined && isMapping(job.environment) ? child(job.environment, 'name') : job.environment;
  const environment =
    environmentName === undefined
      ? undefined
      : asText(templateValue(environmentName, run.contexts, `${run.where} environment`));
  const settings = environment === undefined ? undefined : options.environments[environment];
  if (settings?.requiresApproval) {
    const approved = options.approve.includes(environment!);
    options.timeline.record({
      where: run.where,
      event: 'approval',
      outcome: approved ? 'approved' : 'rejected',
      detail: `environment '${environment}' requires a reviewer${approved ? '' : '; not in the approve list'}`,
    });
    if (!approved)
      return { ...skipped, result: 'failure', environment, errors: [`Environment '${environment}' was not approved.`] };
  }

  const { idToken } = run;
  const env = runnerEnvironment(run, idToken);
  let oidcSubject: string | undefined;
  if (idToken && options.runnerEnv.AUGEO_EMULATOR_URL) {
    oidcSubject = await setOidcContext(options.runnerEnv.AUGEO_EMULATOR_URL, {
      repository: options.repository,
      ref: options.event.ref,
      sha: options.event.sha,
      eventName: options.event.name,
      environment,
      jobWorkflowRef: `${options.repository}/${run.workflowPath}@${options.event.ref}`,
    });
    options.timeline.record({ where: run.where, event: 'identity', outcome: 'oidc', detail: `sub ${oidcSubject}` });
  }

  const vars = { ...options.vars, ...(settings?.vars ?? {}) };
  // Environment secrets reach only the jobs that name the environment, called workflows included (GitHub's rule).
  const secrets = { ...(run.contexts.secrets as Record<string, string>), ...(settings?.secrets ?? {}) };
  const contexts: Contexts = { ...run.contexts, vars, secrets, steps: {}, job: { status: 'success' } };
  const jobEnv = {
    ...(contexts.env as Record<string, string>),
    ...textRecord(templateValue(job.env, contexts, `${run.where} env`)),
  };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const rawSteps = child(run.raw, 'steps');
  const summaries: string[] = [];
  const errors: string[] = [];
  let status: Status = 'success';

  for (const [index, step] of job.steps.entries()) {
    if (!('run' in step) && !('uses' in step)) continue;
    const rawStep = rawSteps !== undefined && isSequence(rawSteps) ? rawSteps.get(index) : undefined;
    const stepId = step.id.startsWith('__') ? undefined : step.id;
    const label = `${run.where} › ${asText(step.name?.toString()) || stepId || ('uses' in step ? step.uses.value : 'run')}`;
    const stepContexts = { ...contexts, env: jobEnv, steps };
    if (!evaluateCondition(step.if.expression, stepContexts, status, `${label} if`)) {
      options.timeline.record({ where: label, event: 'step', outcome: 'skipped', detail: `if: ${step.if.expression}` });
      continue;
    }
    const stepEnv = { ...jobEnv, ...textRecord(templateValue(step.env, stepContexts, `${label} env`)) };
    let kind: StepKind;
    if ('uses' in step) {
      const action = toolkitActionOf(step.uses.value);
      if (action === undefined) {
        options.timeline.record({
          where: label,
          event: 'skipped-step',
          outcome: 'skipped',
          detail: `${step.uses.value} is from another repository`,
        });
        continue;
      }
      kind = {
        action,
        with: (templateValue(child(rawStep, 'with'), stepContexts, `${label} with`) ?? {}) as Record<string, unknown>,
      };
    } else {
      kind = {
        script: asText(templateValue(step.run, stepContexts, `${label} run`)),
        shell: asText(templateValue(child(rawStep, 'shell'), stepContexts, `${label} shell`)) || undefined,
      };
    }
    const result = await runStep({
      kind,
      env: { ...env, ...stepEnv },
      workspace: options.repoRoot,
      repoRoot: options.repoRoot,
      tempDir: run.tempDir,
      log: (line) => options.log(masked(line, Object.values(settings?.secrets ?? {}))),
    });
    Object.assign(jobEnv, result.envAdditions);
    if (result.summary.trim() !== '') summaries.push(result.summary);
    const continueOnError = step['continue-on-error'] === true;
    const conclusion = result.outcome === 'failure' && continueOnError ? 'success' : result.outcome;
    if (stepId !== undefined) steps[stepId] = { outputs: result.outputs, outcome: result.outcome, conclusion };
    options.timeline.record({
      where: label,
      event: 'step',
      outcome: result.outcome,
      detail: result.errors.join(' | ') || undefined,
    });
    if (conclusion === 'failure') {
      status = 'failure';
      errors.push(...result.errors);
    }
  }

  const outputs = textRecord(templateValue(job.outputs, { ...contexts, env: jobEnv, steps }, `${run.where} outputs`));
  const result: JobConclusion = status === 'success' ? 'success' : 'failure';
  options.timeline.record({
    where: run.where,
    event: 'job',
    outcome: result,
    detail: environment ? `environment ${environment}` : undefined,
  });
  options.onJobFinished?.({ where: run.where, environment, result, outputs });
  return { result, outputs, environment, oidcSubject, summaries, errors };
}

/** What the process of every step gets: the machine's environment and GITHUB_*, never an identity of its own. */
function runnerEnvironment(run: JobRun, idToken: boolean): Record<string, string> {
  const { options } = run;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(name) || IDENTITY_VARIABLES.includes(name))
      continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(options.runnerEnv)) {
    if (IDENTITY_VARIABLES.includes(name) || (!idToken && ID_TOKEN_VARIABLES.includes(name))) continue;
    env[name] = value;
  }
  const github = run.contexts.github as Record<string, unknown>;
  return {
    ...env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: options.repository,
    GITHUB_REPOSITORY_OWNER: options.repository.split('/')[0] ?? '',
    GITHUB_REF: options.event.ref,
    GITHUB_REF_NAME: options.event.ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_SHA: options.event.sha,
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_EVENT_PATH: asText(github.event_path),
    GITHUB_ACTOR: options.event.actor,
    GITHUB_WORKFLOW: asText(github.workflow),
    GITHUB_WORKFLOW_REF: `${options.repository}/${run.workflowPath}@${options.event.ref}`,
    GITHUB_RUN_ID: asText(github.run_id),
    GITHUB_RUN_NUMBER: asText(github.run_number),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: run.job.id.value,
    GITHUB_WORKSPACE: options.repoRoot,
    GITHUB_SERVER_URL: asText(github.server_url),
    GITHUB_API_URL: asText(github.api_url),
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: run.tempDir,
  };
}

/** As GitHub masks secrets in the log: every occurrence of a secret's value becomes `***`. */
function masked(line: string, secrets: string[]): string {
  return secrets.filter((secret) => secret !== '').reduce((text, secret) => text.split(secret).join('***'), line);
}

function textRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item)]));
}
