import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const EXAMPLE_WEB = join(REPO_ROOT, 'examples/web');

/** examples/web is not a workspace: install its locked dependencies once, when missing or older than its lockfile. */
export async function installExampleWeb(): Promise<void> {
  const installed = join(EXAMPLE_WEB, 'node_modules/.package-lock.json');
  const lock = join(EXAMPLE_WEB, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund', '--prefix', EXAMPLE_WEB], {
    maxBuffer: 16 * 1024 * 1024,
  });
}
