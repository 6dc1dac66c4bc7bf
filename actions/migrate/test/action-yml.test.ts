import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { migrateInputs } from '@augeo/shared/migrations/migrate-inputs';
import type { MigrationGateResult } from '@augeo/shared/migrations/migration-gate';
import { migrationOutputs } from '@augeo/shared/migrations/migration-report';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const actionYaml = parse(await readFile(resolve(import.meta.dirname, '../action.yml'), 'utf8')) as ActionYaml;

describe('actions/migrate action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(migrateInputs.actionYamlInputs());
  });

  it('declares every output the gate sets', () => {
    const result: MigrationGateResult = {
      mode: 'lint',
      phase: 'expand',
      heads: ['0003'],
      pending: [],
      applicable: [],
      heldBack: [],
      applied: [],
      checked: ['0001'],
      findings: [],
      blocked: false,
      postgresVersion: '14',
    };
    expect(Object.keys(actionYaml.outputs).sort()).toEqual(Object.keys(migrationOutputs(result)).sort());
  });
});
