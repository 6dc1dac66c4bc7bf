import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { checkBuildOutput, stampBuildId, zipBuildOutput } from '../src/frontend/build-output.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'frontend-output-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('build output', () => {
  it('refuses a missing folder and an empty one', async () => {
    await expect(checkBuildOutput(join(folder, 'dist'))).rejects.toThrow(/'.*dist' does not exist/);
    await mkdir(join(folder, 'dist', 'assets'), { recursive: true });
    await expect(checkBuildOutput(join(folder, 'dist'))).rejects.toThrow(/'.*dist' is empty/);
  });

  it("keeps the app's own build id, and stamps one into an output that has none", async () => {
    await writeFile(join(folder, 'version.json'), JSON.stringify({ buildId: 'from-app', apiBaseUrl: 'x' }));
    expect(await stampBuildId(folder, 'from-action')).toBe('from-app');
    await rm(join(folder, 'version.json'));
    await writeFile(join(folder, 'index.html'), '<p>hi</p>');
    expect(await stampBuildId(folder, 'from-action')).toBe('from-action');
    expect(JSON.parse(await readFile(join(folder, 'version.json'), 'utf8'))).toEqual({ buildId: 'from-action' });
  });

  it('zips every file at the root of the package, the same bytes for the same output', async () => {
    await mkdir(join(folder, 'assets'));
    await writeFile(join(folder, 'index.html'), '<p>hi</p>');
    await writeFile(join(folder, 'assets', 'app.js'), 'console.log(1)');
    const first = await zipBuildOutput(folder);
    const second = await zipBuildOutput(folder);
    expect(first.files).toBe(2);
    expect(Buffer.from(first.zip).equals(Buffer.from(second.zip))).toBe(true);
    const entries = unzipSync(first.zip);
    expect(Object.keys(entries).sort()).toEqual(['assets/app.js', 'index.html']);
    expect(Buffer.from(entries['index.html'] ?? []).toString()).toBe('<p>hi</p>');
  });
});
