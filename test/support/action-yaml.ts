import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

/** actions/<name>/action.yml, parsed: what each action's schema test holds its source of truth against. */
export async function readActionYaml(action: string): Promise<ActionYaml> {
  return parse(
    await readFile(resolve(import.meta.dirname, '../../actions', action, 'action.yml'), 'utf8'),
  ) as ActionYaml;
}
