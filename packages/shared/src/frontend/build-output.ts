import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { frontendOutputUnusable } from '../errors.js';

/** The file the site serves at /version.json; its buildId is how a deploy is verified. */
export const VERSION_FILE = 'version.json';

/** Every file under `folder`, as zip paths (forward slashes), sorted so the same output zips the same way. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Refuses a missing or empty output before anything is uploaded: an empty deploy would blank the site. */
export async function checkBuildOutput(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw frontendOutputUnusable(folder, 'missing');
  if ((await filesUnder(folder)).length === 0) throw frontendOutputUnusable(folder, 'empty');
}

/**
 * The build id the output carries in version.json. An app that stamps none (any static site, not only ours) gets
 * one written, so every deploy can be verified by what the site serves.
 */
export async function stampBuildId(folder: string, fallbackBuildId: string): Promise<string> {
  const path = join(folder, VERSION_FILE);
  const existing = await readFile(path, 'utf8').then(
    (text) => {
      try {
        return JSON.parse(text) as { buildId?: unknown };
      } catch {
        return undefined;
      }
    },
    () => undefined,
  );
  if (typeof existing?.buildId === 'string' && existing.buildId !== '') return existing.buildId;
  await writeFile(path, `${JSON.stringify({ ...existing, buildId: fallbackBuildId }, null, 2)}\n`);
  return fallbackBuildId;
}

/** Zips the output folder's content at the zip's root, as Static Web Apps expects the app's files. */
export async function zipBuildOutput(folder: string): Promise<{ zip: Uint8Array; files: number }> {
  const files = await filesUnder(folder);
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file] = await readFile(join(folder, ...file.split('/')));
  // A fixed mtime: the same output gives the same bytes, so a package's digest names its content.
  return { zip: zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }), files: files.length };
}
