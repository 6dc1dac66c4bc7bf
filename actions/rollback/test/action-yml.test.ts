import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { rollbackInputs } from '@augeo/shared/blue-green/rollback-inputs';

const actionYaml = await readActionYaml('rollback');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(rollbackInputs.actionYamlInputs());
  });
});
