import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist/index.js');

export interface DistRun {
  exitCode: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error::` lines, with GitHub's command escaping undone. */
  errors: string[];
}

/**
 * Runs the bundled action the way the runner does: a fresh node process, inputs as `INPUT_<NAME>`, outputs and
 * summary through files, and (for pull-request runs) the event payload through GITHUB_EVENT_PATH.
 */
export async function runDist(
  inputs: Record<string, string>,
  env: Record<string, string>,
  event?: object,
): Promise<DistRun> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-frontend-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const eventFile = join(dir, 'event.json');
  if (event) await writeFile(eventFile, JSON.stringify(event));
  try {
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...(event ? { GITHUB_EVENT_PATH: eventFile, GITHUB_EVENT_NAME: 'pull_request' } : {}),
      ...env,
    };
    for (const [name, value] of Object.entries(inputs))
      childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const child = spawn(process.execPath, [DIST], { env: childEnv });
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
        .map((line) => line.slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT holds `name<<ghadelimiter_<uuid>` / value lines / the delimiter again. */
function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!header) continue;
    const [, name = '', delimiter] = header;
    const end = lines.indexOf(delimiter ?? '', index + 1);
    outputs[name] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}
