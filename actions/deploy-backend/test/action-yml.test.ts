import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { deployBackendInputs } from '@augeo/shared/blue-green/deploy-backend-inputs';
import { deployOutputs } from '@augeo/shared/blue-green/run-outputs';
import { migrationOutputs } from '@augeo/shared/migrations/migration-report';

const actionYaml = await readActionYaml('deploy-backend');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(deployBackendInputs.actionYamlInputs());
  });

  it('declares every output of the deploy and, prefixed with migration-, of the migration gate', () => {
    const deployed = deployOutputs({
      action: 'deploy-backend',
      title: '',
      result: 'deployed',
      gates: [],
      timeline: [],
      rolledBack: false,
      reasons: [],
      warnings: [],
    });
    const migrated = migrationOutputs({
      mode: 'apply',
      phase: 'expand',
      heads: [],
      pending: [],
      applicable: [],
      heldBack: [],
      applied: [],
      checked: [],
      findings: [],
      blocked: false,
      postgresVersion: '15',
    });
    expect(Object.keys(actionYaml.outputs)).toEqual([
      ...Object.keys(deployed),
      ...Object.keys(migrated).map((name) => `migration-${name}`),
    ]);
  });
});
