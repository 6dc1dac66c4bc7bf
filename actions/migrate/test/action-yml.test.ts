import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { migrateInputs } from '@augeo/shared/migrations/migrate-inputs';
import type { MigrationGateResult } from '@augeo/shared/migrations/migration-gate';
import { migrationOutputs } from '@augeo/shared/migrations/migration-report';

const actionYaml = await readActionYaml('migrate');

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
