import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const BUILD = resolve(import.meta.dirname, '../../scripts/build.mjs');

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed, for runs with --json. */
  json?: { command: string; result: string; outputs: Record<string, string>; error?: string; summary: string };
}

/**
 * The CLI as `npm run build` makes it, built from the current sources into a temporary folder (so a test never runs
 * a stale dist/), run as an operator runs it: a fresh node process with PATH and HOME, the flags, and the emulator's
 * variables only through `--env-file`, the file the emulator writes.
 */
export class Cli {
  private constructor(
    private readonly dir: string,
    readonly bundle: string,
  ) {}

  static async build(): Promise<Cli> {
    const dir = await mkdtemp(join(tmpdir(), 'augeo-cli-'));
    const bundle = join(dir, 'augeo.js');
    await promisify(execFile)(process.execPath, [BUILD, '--outfile', bundle]);
    return new Cli(dir, bundle);
  }

  async run(
    args: string[],
    options: { envFile?: Record<string, string>; env?: Record<string, string>; cwd?: string } = {},
  ): Promise<CliRun> {
    const argv = options.envFile ? [...args, '--env-file', await this.envFile(options.envFile)] : args;
    const child = spawn(process.execPath, ['--', this.bundle, ...argv], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? this.dir, ...options.env },
      cwd: options.cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));
    return { exitCode, stdout, stderr, ...(args.includes('--json') ? { json: JSON.parse(stdout) } : {}) };
  }

  /** Writes KEY=VALUE lines as `augeo-emulator start --env-file` does; the file goes when the CLI is removed. */
  async envFile(env: Record<string, string>): Promise<string> {
    const path = join(this.dir, `env-${process.hrtime.bigint()}`);
    await writeFile(
      path,
      Object.entries(env)
        .map(([key, value]) => `${key}=${value}\n`)
        .join(''),
    );
    return path;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** An action's inputs as the CLI's flags: `{ 'app-name': 'x' }` → `--app-name x`. */
export function flags(inputs: Record<string, string>): string[] {
  return Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]);
}
