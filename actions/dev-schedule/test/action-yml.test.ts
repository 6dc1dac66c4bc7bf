import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { devScheduleInputs } from '@augeo/shared/operations/dev-schedule-inputs';

const actionYaml = await readActionYaml('dev-schedule');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(devScheduleInputs.actionYamlInputs());
  });
});
