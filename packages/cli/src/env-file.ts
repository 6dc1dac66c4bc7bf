import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { envFileUnreadable } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment with an env file's KEY=VALUE lines laid over it: the file was asked for, so it wins. */
export async function withEnvFile(env: Env, path: string): Promise<Env> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw envFileUnreadable(path, error);
  }
  return { ...env, ...parseEnv(text) };
}

/**
 * Node reads NODE_EXTRA_CA_CERTS once, at start (the emulator's env file names its test CA there): when the file
 * changes it, the command must run again in a process that starts with it.
 */
export function needsRestart(env: Env): boolean {
  return (env.NODE_EXTRA_CA_CERTS ?? '') !== (process.env.NODE_EXTRA_CA_CERTS ?? '');
}

/** Runs this same command line in a fresh Node with `env`, passing its output through; resolves to its exit code. */
export async function rerunWith(env: Env, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, '--', process.argv[1] ?? '', ...argv], {
    env: env as NodeJS.ProcessEnv,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
