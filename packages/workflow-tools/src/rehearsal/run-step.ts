import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMetadata } from '../action-metadata.js';
import { asText } from './expressions.js';
import { runProcess } from './process-step.js';
import { readKeyValueFile } from './runner-files.js';

export type StepKind =
  { action: string; with: Record<string, unknown> } | { script: string; shell: string | undefined };

export interface StepRun {
  kind: StepKind;
  /** The process environment: runner, GITHUB_* and the step's `env:`. */
  env: Record<string, string>;
  workspace: string;
  repoRoot: string;
  tempDir: string;
  log: (line: string) => void;
}

export interface StepResult {
  outcome: 'success' | 'failure';
  outputs: Record<string, string>;
  /** GITHUB_ENV additions for later steps. */
  envAdditions: Record<string, string>;
  summary: string;
  errors: string[];
}

/**
 * Runs one step with the runner's contract: INPUT_* (with action.yml defaults), GITHUB_OUTPUT, GITHUB_ENV and
 * GITHUB_STEP_SUMMARY files; scripts in bash as GitHub runs them.
 */
export async function runStep(step: StepRun): Promise<StepResult> {
  const files = mkdtempSync(join(step.tempDir, 'step-'));
  const output = join(files, 'output');
  const envFile = join(files, 'env');
  const summary = join(files, 'summary.md');
  for (const file of [output, envFile, summary, join(files, 'path')]) writeFileSync(file, '');
  const env = {
    ...step.env,
    GITHUB_OUTPUT: output,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_PATH: join(files, 'path'),
  };

  const outcome =
    'action' in step.kind ? await runAction(step, step.kind, env) : await runScript(step, step.kind, env, files);
  return {
    outcome: outcome.exitCode === 0 ? 'success' : 'failure',
    outputs: readKeyValueFile(output),
    envAdditions: readKeyValueFile(envFile),
    summary: readFileSync(summary, 'utf8'),
    errors:
      outcome.exitCode === 0 ? [] : outcome.errors.length > 0 ? outcome.errors : [`exited with ${outcome.exitCode}`],
  };
}

async function runAction(
  step: StepRun,
  kind: { action: string; with: Record<string, unknown> },
  env: Record<string, string>,
) {
  const metadata = readActionMetadata(step.repoRoot, kind.action);
  const entry = metadata?.main === undefined ? undefined : join(metadata.directory, metadata.main);
  if (!metadata || !entry || !existsSync(entry)) {
    return {
      exitCode: 1,
      errors: [`actions/${kind.action} has no bundle to run (${entry ?? 'no action.yml'}): run npm run bundle.`],
    };
  }
  const inputs: Record<string, string> = {};
  for (const [name, spec] of metadata.inputs) if (spec.default !== undefined) inputs[name] = spec.default;
  for (const [name, value] of Object.entries(kind.with)) inputs[name] = asText(value);
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
  );
  return runProcess(process.execPath, [entry], {
    cwd: step.workspace,
    env: { ...env, ...inputEnv, GITHUB_ACTION_PATH: metadata.directory },
    log: step.log,
  });
}

async function runScript(
  step: StepRun,
  kind: { script: string; shell: string | undefined },
  env: Record<string, string>,
  files: string,
) {
  const path = join(files, 'script.sh');
  writeFileSync(path, kind.script);
  // GitHub's defaults: `bash -e {0}` without a shell key, `bash --noprofile --norc -eo pipefail {0}` with `shell: bash`.
  const flags = kind.shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail'] : ['--noprofile', '--norc', '-e'];
  return runProcess('bash', [...flags, path], { cwd: step.workspace, env, log: step.log });
}
