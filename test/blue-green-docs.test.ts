import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');

describe.each(['deploy-backend', 'swap-slots', 'rollback'])('docs/actions/%s.md', (name) => {
  it('lists every input with its default and every output of action.yml, and nothing else', async () => {
    const yml = parse(await readFile(resolve(root, 'actions', name, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    const doc = await readFile(resolve(root, 'docs/actions', `${name}.md`), 'utf8');
    const rows = (section: string) =>
      [...(doc.split(`## ${section}`)[1]?.split('\n## ')[0] ?? '').matchAll(/^\| `([^`]+)` +\|/gm)].map(
        (row) => row[1],
      );
    expect(rows('Inputs')).toEqual(Object.keys(yml.inputs));
    expect(rows('Outputs')).toEqual(Object.keys(yml.outputs));
    for (const [input, spec] of Object.entries(yml.inputs)) {
      if (spec.default !== undefined)
        expect(doc).toMatch(
          new RegExp(`\\| \`${input}\` +\\| no +\\| \`${spec.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` +\\|`),
        );
    }
  });
});
