import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

// The layout every action shares (docs/design.md "Layout"): GitHub runs action.yml's main on node24, index.ts only
// starts run(), and main.ts holds run() so tests and the demo can call it without starting the action.
const repoRoot = resolve(import.meta.dirname, '..');
const actionsDir = join(repoRoot, 'actions');
const actionNames = readdirSync(actionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const readAction = (name: string, file: string) => readFileSync(join(actionsDir, name, file), 'utf8');
const meaningfulLines = (source: string) =>
  source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

describe('workspace layout', () => {
  it('has actions to check', () => {
    expect(actionNames.length).toBeGreaterThan(0);
  });

  it('runs the tests on Node 24, the runtime GitHub gives node24 actions', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  describe.each(actionNames)('actions/%s', (name) => {
    it('has an action.yml that runs dist/index.js on node24', () => {
      const metadata = parse(readAction(name, 'action.yml')) as { runs?: { using?: string; main?: string } };
      expect(metadata.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
    });

    it('has a src/index.ts that only imports run from ./main.js and calls it', () => {
      expect(meaningfulLines(readAction(name, 'src/index.ts'))).toEqual([
        "import { run } from './main.js';",
        'await run();',
      ]);
    });

    it('has a src/main.ts that exports run', () => {
      expect(readAction(name, 'src/main.ts')).toMatch(/^export async function run\(\): Promise<void> \{/m);
    });

    it('has a bundled dist/index.js', () => {
      expect(existsSync(join(actionsDir, name, 'dist/index.js'))).toBe(true);
    });
  });
});
