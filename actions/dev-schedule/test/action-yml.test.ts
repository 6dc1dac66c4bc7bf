import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { devScheduleInputs } from '@augeo/shared/operations/dev-schedule-inputs';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
}

const actionYaml = parse(await readFile(resolve(import.meta.dirname, '../action.yml'), 'utf8')) as ActionYaml;

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(devScheduleInputs.actionYamlInputs());
  });

  it('runs the bundle on node24', () => {
    expect(actionYaml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
