import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { drDrillInputs } from '@augeo/shared/operations/dr-drill-inputs';

const actionYaml = await readActionYaml('dr-drill');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(drDrillInputs.actionYamlInputs());
  });
});
