import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { swapSlotsInputs } from '@augeo/shared/blue-green/swap-slots-inputs';

const actionYaml = await readActionYaml('swap-slots');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(swapSlotsInputs.actionYamlInputs());
  });
});
