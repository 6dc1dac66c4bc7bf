import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import type { ReusableWorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { isMapping } from '@actions/workflow-parser';
import { invalidWorkflow, unsupportedUses } from '../errors.js';
import { TOOLKIT_REPOSITORY } from '../policy/toolkit-refs.js';
import { asText, evaluateCondition, type Contexts, type Status } from './expressions.js';
import { loadWorkflow, rawJob, workflowCall, type LoadedWorkflow } from './load-workflow.js';
import { grantsIdToken } from './permissions.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import { runJob, type JobResult } from './run-job.js';
import { child, templateValue } from './template-values.js';

export interface WorkflowResult {
  workflow: string;
  result: 'success' | 'failure';
  jobs: Record<string, JobResult & { called?: WorkflowResult }>;
  /** `on.workflow_call.outputs`, for a called workflow. */
  outputs: Record<string, string>;
}

interface Call {
  where: string;
  github: Record<string, unknown>;
  idToken: boolean;
  tempDir: string;
}

/**
 * Runs a workflow of this repository job by job, in `needs` order, as its event would: `if:` conditions, environments
 * and approvals, job outputs, and calls to reusable workflows with their inputs and outputs.
 */
export async function rehearseWorkflow(
  options: RehearsalOptions,
  workflowPath: string,
  inputs: Record<string, unknown> = {},
  /** How the workflow is started: dispatched with inputs, called as a reusable workflow, or by its event (default). */
  trigger: 'workflow_call' | 'workflow_dispatch' | undefined = options.event.name === 'workflow_dispatch'
    ? 'workflow_dispatch'
    : undefined,
): Promise<WorkflowResult> {
  const tempDir = mkdtempSync(join(tmpdir(), 'augeo-rehearsal-'));
  try {
    const eventPath = join(tempDir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event.payload));
    const workflow = await loadWorkflow(absolute(options, workflowPath), options.repoRoot);
    const github = {
      repository: options.repository,
      repository_owner: options.repository.split('/')[0],
      ref: options.event.ref,
      ref_name: options.event.ref.replace(/^refs\/(heads|tags)\//, ''),
      sha: options.event.sha,
      event_name: options.event.name,
      event: options.event.payload,
      event_path: eventPath,
      actor: options.event.actor,
      workflow: asText(templateValue(child(workflow.root, 'name'), {}, 'name')) || workflow.path,
      run_id: String(Date.now()),
      run_number: '1',
      run_attempt: '1',
      server_url: options.runnerEnv.GITHUB_SERVER_URL ?? 'https://github.com',
      api_url: options.runnerEnv.GITHUB_API_URL ?? 'https://api.github.com',
      token: options.runnerEnv.GITHUB_TOKEN ?? 'rehearsal-token',
      workspace: options.repoRoot,
    };
    return await runLoaded(options, workflow, withDefaults(workflow, trigger, inputs), {
      where: basename(workflow.path),
      github,
      idToken: true,
      tempDir,
    });
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

async function runLoaded(
  options: RehearsalOptions,
  workflow: LoadedWorkflow,
  inputs: Record<string, unknown>,
  call: Call,
): Promise<WorkflowResult> {
  options.timeline.record({ where: call.where, event: 'workflow', outcome: 'started', detail: describeInputs(inputs) });
  const env = templateValue(
    workflow.template.env,
    { github: call.github, inputs, vars: options.vars },
    `${call.where} env`,
  );
  const results: WorkflowResult['jobs'] = {};
  const pending = [...workflow.template.jobs];
  while (pending.length > 0) {
    const index = pending.findIndex((job) => (job.needs ?? []).every((need) => results[need.value] !== undefined));
    const job = pending.splice(index, 1)[0]!;
    const needIds = (job.needs ?? []).map((need) => need.value);
    const needs = Object.fromEntries(
      needIds.map((id) => [id, { result: results[id]!.result, outputs: results[id]!.outputs }]),
    );
    const contexts: Contexts = {
      github: { ...call.github, job: job.id.value },
      inputs,
      vars: options.vars,
      env: env ?? {},
      needs,
      secrets: { GITHUB_TOKEN: call.github.token },
      runner: { os: 'Linux', arch: 'X64', temp: call.tempDir },
      strategy: {},
      matrix: {},
    };
    const where = `${call.where} › ${job.id.value}`;
    const idToken = call.idToken && grantsIdToken(rawJob(workflow, job), workflow.root);
    const needsStatus = statusOf(needIds.map((id) => results[id]!.result));
    results[job.id.value] =
      job.type === 'reusableWorkflowJob'
        ? await runCall(
            options,
            job,
            { where, github: call.github, idToken, tempDir: call.tempDir },
            contexts,
            needsStatus,
          )
        : await runJob({
            job,
            raw: rawJob(workflow, job),
            where,
            workflowPath: workflow.path,
            contexts,
            needsStatus,
            idToken,
            tempDir: call.tempDir,
            options,
          });
  }
  const result = Object.values(results).some((job) => job.result === 'failure') ? 'failure' : 'success';
  const outputs = callOutputs(workflow, results, call.where);
  options.timeline.record({ where: call.where, event: 'workflow', outcome: result, detail: describeInputs(outputs) });
  return { workflow: workflow.path, result, jobs: results, outputs };
}

async function runCall(
  options: RehearsalOptions,
  job: ReusableWorkflowJob,
  call: Call,
  contexts: Contexts,
  needsStatus: Status,
): Promise<JobResult & { called?: WorkflowResult }> {
  if (!evaluateCondition(job.if.expression, contexts, needsStatus, `${call.where} if`)) {
    options.timeline.record({
      where: call.where,
      event: 'job',
      outcome: 'skipped',
      detail: `if: ${job.if.expression}`,
    });
    return { result: 'skipped', outputs: {}, summaries: [], errors: [] };
  }
  const callee = await loadWorkflow(absolute(options, calleePath(job.ref.value, call.where)), options.repoRoot);
  const given = (templateValue(job['input-values'], contexts, `${call.where} with`) ?? {}) as Record<string, unknown>;
  const called = await runLoaded(options, callee, withDefaults(callee, 'workflow_call', given), {
    ...call,
    where: `${call.where} › ${basename(callee.path)}`,
  });
  const failed = Object.values(called.jobs).flatMap((result) => result.errors);
  return { result: called.result, outputs: called.outputs, summaries: [], errors: failed, called };
}

/** `./.github/workflows/x.yml`, or this toolkit's own `augeo/infra/.github/workflows/x.yml@ref`, from the working tree. */
function calleePath(ref: string, where: string): string {
  if (ref.startsWith('./')) return ref;
  const own = new RegExp(`^${TOOLKIT_REPOSITORY}/(\\.github/workflows/[^@]+)@.+$`).exec(ref);
  if (own) return own[1]!;
  throw unsupportedUses(ref, where);
}

function absolute(options: RehearsalOptions, path: string): string {
  return isAbsolute(path) ? path : join(options.repoRoot, path);
}

/** Inputs as the trigger declares them: defaults filled in, booleans and numbers typed, required ones present. */
function withDefaults(
  workflow: LoadedWorkflow,
  trigger: 'workflow_call' | 'workflow_dispatch' | undefined,
  given: Record<string, unknown>,
): Record<string, unknown> {
  if (trigger === undefined) return given;
  const definitions = child(
    trigger === 'workflow_call' ? workflowCall(workflow) : child(child(workflow.root, 'on'), trigger),
    'inputs',
  );
  if (definitions === undefined || !isMapping(definitions)) return given;
  const inputs: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const pair of definitions) {
    const name = String(pair.key);
    const spec = templateValue(pair.value, {}, `inputs.${name}`) as {
      type?: string;
      default?: unknown;
      required?: boolean;
    } | null;
    const value = given[name] ?? spec?.default;
    if (value === undefined && spec?.required) missing.push(name);
    inputs[name] = typed(value, spec?.type);
  }
  const unknown = Object.keys(given).filter((name) => !(name in inputs));
  if (missing.length > 0 || unknown.length > 0) {
    throw invalidWorkflow(workflow.path, [
      ...missing.map((name) => `Input '${name}' is required but was not given.`),
      ...unknown.map((name) => `Input '${name}' is not declared by ${trigger}.`),
    ]);
  }
  return inputs;
}

function typed(value: unknown, type: string | undefined): unknown {
  if (value === undefined) return type === 'boolean' ? false : type === 'number' ? 0 : '';
  if (type === 'boolean') return value === true || value === 'true';
  if (type === 'number') return Number(value);
  return asText(value);
}

function callOutputs(workflow: LoadedWorkflow, jobs: WorkflowResult['jobs'], where: string): Record<string, string> {
  const outputs = child(workflowCall(workflow), 'outputs');
  if (outputs === undefined || !isMapping(outputs)) return {};
  const contexts = {
    jobs: Object.fromEntries(
      Object.entries(jobs).map(([id, job]) => [id, { result: job.result, outputs: job.outputs }]),
    ),
  };
  return Object.fromEntries(
    [...outputs].map((pair) => [
      String(pair.key),
      asText(templateValue(child(pair.value, 'value'), contexts, `${where} outputs`)),
    ]),
  );
}

function statusOf(results: string[]): Status {
  if (results.includes('failure')) return 'failure';
  return results.every((result) => result === 'success') ? 'success' : 'skipped';
}

function describeInputs(values: Record<string, unknown>): string | undefined {
  const text = Object.entries(values)
    .filter(([, value]) => value !== '' && value !== undefined)
    .map(([name, value]) => `${name}=${asText(value)}`)
    .join(' ');
  return text || undefined;
}
