import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export interface ActionRun {
  exitCode: number | null;
  /** stdout and stderr as the runner would log them. */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error::` lines, with GitHub's command escaping undone. */
  errors: string[];
  durationMs: number;
}

/**
 * Runs actions/<name>/dist/index.js the way the runner does: a fresh node process, inputs as `INPUT_<NAME>`
 * (upper-cased, hyphens kept), outputs and summary through files, a pull request's event payload through
 * GITHUB_EVENT_PATH, and nothing else from this process's environment but PATH, HOME and what `env` passes
 * (the emulator's OIDC, Azure and CA variables).
 */
export interface RunOptions {
  /** Written to GITHUB_EVENT_PATH as a pull_request event. */
  pullRequestEvent?: object;
  /** The checkout: the working directory and GITHUB_WORKSPACE, as on a runner. */
  workspace?: string;
  /** Take node_modules/.bin off PATH, as on a runner, so the action must find its tools itself. */
  runnerPath?: boolean;
}

export async function runAction(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  { pullRequestEvent, workspace, runnerPath = false }: RunOptions = {},
): Promise<ActionRun> {
  const dist = resolve(import.meta.dirname, '../../actions', action, 'dist/index.js');
  const dir = await mkdtemp(join(tmpdir(), `${action}-`));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const eventFile = join(dir, 'event.json');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  if (pullRequestEvent) await writeFile(eventFile, JSON.stringify(pullRequestEvent));
  const started = performance.now();
  try {
    const childEnv: Record<string, string> = {
      PATH: runnerPath ? withoutNodeModules(process.env.PATH ?? '') : (process.env.PATH ?? ''),
      ...(workspace ? { GITHUB_WORKSPACE: workspace } : {}),
      HOME: process.env.HOME ?? dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...(pullRequestEvent ? { GITHUB_EVENT_PATH: eventFile, GITHUB_EVENT_NAME: 'pull_request' } : {}),
      ...env,
    };
    for (const [name, value] of Object.entries(inputs))
      childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const child = spawn(process.execPath, [dist], { env: childEnv, cwd: workspace });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));
    return {
      exitCode,
      stdout,
      outputs: parseGithubOutput(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      errors: stdout
        .split('\n')
        .filter((line) => line.startsWith('::error::'))
        .map((line) => unescapeCommand(line.slice('::error::'.length))),
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT holds `name<<ghadelimiter_<uuid>` / value lines / the delimiter again. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!header) continue;
    const [, name = '', delimiter] = header;
    const end = lines.indexOf(delimiter ?? '', index + 1);
    if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${delimiter} for ${name}`);
    outputs[name] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}

function withoutNodeModules(path: string): string {
  return path
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * Secrets a run must never print unmasked. On a runner `::add-mask::` hides a value from then on; here nothing
 * does, so the check is: every secret that shows up in stdout appears first in its own `::add-mask::` line,
 * and never anywhere else.
 */
export function unmaskedSecrets(stdout: string, secrets: string[]): string[] {
  return secrets.filter((secret) => {
    if (secret === '' || !stdout.includes(secret)) return false;
    const lines = stdout.split('\n').filter((line) => line.includes(secret));
    return lines.some((line) => line !== `::add-mask::${secret}`);
  });
}

/** The JWTs (ID tokens and access tokens) that appear anywhere in a run's output. */
export function tokensIn(stdout: string): string[] {
  return [...new Set(stdout.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g) ?? [])];
}
