import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

// GitHub runs the committed dist/, not src/: a dist/ that does not match a fresh bundle ships code nobody reviewed.
const repoRoot = resolve(import.meta.dirname, '..');
const actionsDir = join(repoRoot, 'actions');
const actionNames = readdirSync(actionsDir).filter((name) => existsSync(join(actionsDir, name, 'src/index.ts')));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function differencesBetween(committedDir: string, freshDir: string): string[] {
  const committed = filesUnder(committedDir);
  const fresh = filesUnder(freshDir);
  const missing = fresh.filter((file) => !committed.includes(file)).map((file) => `missing from dist/: ${file}`);
  const extra = committed.filter((file) => !fresh.includes(file)).map((file) => `not produced by the bundle: ${file}`);
  const differing = fresh
    .filter((file) => committed.includes(file))
    .filter((file) => !readFileSync(join(committedDir, file)).equals(readFileSync(join(freshDir, file))))
    .map((file) => `differs from a fresh bundle: ${file}`);
  return [...missing, ...extra, ...differing];
}

describe('committed dist/ matches a fresh bundle of src/', () => {
  let freshRoot: string;

  beforeAll(async () => {
    freshRoot = mkdtempSync(join(tmpdir(), 'augeo-check-dist-'));
    await promisify(execFile)(process.execPath, ['scripts/bundle.mjs', '--out-dir', freshRoot], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  }, 300_000);

  afterAll(() => rmSync(freshRoot, { recursive: true, force: true }));

  it.each(actionNames)('actions/%s/dist', (name) => {
    expect(filesUnder(join(freshRoot, name))).toContain('index.js');
    const differences = differencesBetween(join(actionsDir, name, 'dist'), join(freshRoot, name));
    const advice = `actions/${name}/dist is stale; run npm run bundle and commit the result.`;
    expect(differences.length === 0 ? 'up to date' : [advice, ...differences].join('\n  ')).toBe('up to date');
  });
});
