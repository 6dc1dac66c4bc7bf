import { describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CA_DIR, eventually, REPO_ROOT, TEST_WORLD } from './support/test-emulator.js';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'packages/emulator/bin/augeo-emulator.js');

async function processesWith(marker: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid,args']);
  return stdout.split('\n').filter((line) => line.includes(marker));
}

describe('augeo-emulator CLI', () => {
  it('starts, writes the runner environment, serves the control API, and stops cleanly on SIGTERM', async () => {
    await run(process.execPath, [
      join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-b',
      join(REPO_ROOT, 'packages/emulator'),
    ]);
    const work = await mkdtemp(join(tmpdir(), 'augeo-cli-'));
    // A marker in the slot apps' arguments finds them in `ps` among other tests' apps.
    const marker = `cli-test-${randomUUID()}`;
    const world = JSON.parse(await readFile(TEST_WORLD, 'utf8'));
    world.imageCatalogue[0].args.push(marker);
    world.imageCatalogue[0].cwd = join(REPO_ROOT, world.imageCatalogue[0].cwd);
    await writeFile(join(work, 'world.json'), JSON.stringify(world));
    const envFile = join(work, 'emulator.env');

    // `--` keeps Node 20 from reading `--env-file` after the script name as its own option.
    const cli = spawn(
      process.execPath,
      ['--', BIN, 'start', '--world', join(work, 'world.json'), '--env-file', envFile, '--ca-dir', CA_DIR],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    cli.stdout.on('data', (chunk) => (output += chunk));
    cli.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));

    const text = await eventually(
      () => readFile(envFile, 'utf8').catch(() => ''),
      (content) => content.includes('AUGEO_EMULATOR_URL='),
      30_000,
    );
    const env = Object.fromEntries(
      text
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(Object.keys(env).sort()).toEqual([
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'AUGEO_EMULATOR_URL',
      'AUGEO_POLL_INTERVAL_MS',
      'AZURE_AUTHORITY_HOST',
      'AZURE_CLIENT_ID',
      'AZURE_RESOURCE_MANAGER_ENDPOINT',
      'AZURE_SUBSCRIPTION_ID',
      'AZURE_TENANT_ID',
      'GITHUB_API_URL',
      'GITHUB_REPOSITORY',
      'GITHUB_SERVER_URL',
      'NODE_EXTRA_CA_CERTS',
    ]);
    expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toContain('?');

    const journal = await fetch(`${env.AUGEO_EMULATOR_URL}/_emulator/journal`);
    expect(journal.status).toBe(200);
    expect(Array.isArray(await journal.json())).toBe(true);
    expect(output).toContain('augeo emulator ready');
    expect(await processesWith(marker)).toHaveLength(4);

    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await processesWith(marker)).toEqual([]);
  });
});
