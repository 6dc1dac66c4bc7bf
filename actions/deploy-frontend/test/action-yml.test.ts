import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { AZURE_INPUTS } from '@augeo/shared/azure/azure-settings';
import { deployFrontendInputs } from '@augeo/shared/frontend/frontend-inputs';

const actionYaml = await readActionYaml('deploy-frontend');

describe('deploy-frontend action.yml', () => {
  it('declares exactly the inputs the schema reads, plus the Azure sign-in inputs', () => {
    const {
      [AZURE_INPUTS[0]]: _client,
      [AZURE_INPUTS[1]]: _tenant,
      [AZURE_INPUTS[2]]: _subscription,
      ...own
    } = actionYaml.inputs;
    expect(own).toEqual(deployFrontendInputs.actionYamlInputs());
    expect(Object.keys(actionYaml.inputs)).toEqual(expect.arrayContaining([...AZURE_INPUTS]));
  });

  it('declares the outputs the action sets and runs the bundle on node24', () => {
    expect(Object.keys(actionYaml.outputs).sort()).toEqual(['build-id', 'previous-build-id', 'url']);
    expect(actionYaml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
