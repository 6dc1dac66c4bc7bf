import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { healthCheckInputs } from '@augeo/shared/health/health-check-inputs';
import { healthOutputs } from '@augeo/shared/health/health-outputs';

const actionYaml = await readActionYaml('health-check');

describe('action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(healthCheckInputs.actionYamlInputs());
  });

  it('declares every output the action sets', () => {
    const report = { healthy: true, thresholds: { maxErrorRatePercent: 5, maxP95Ms: 500 }, urls: [] };
    expect(Object.keys(actionYaml.outputs).sort()).toEqual(Object.keys(healthOutputs(report)).sort());
  });
});
