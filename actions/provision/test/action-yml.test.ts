import { describe, expect, it } from '@jest/globals';
import { readActionYaml } from '../../../test/support/action-yaml.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { provisionInputs } from '@augeo/shared/provision/provision-inputs';

const actionYaml = await readActionYaml('provision');
const template = JSON.parse(
  await readFile(resolve(import.meta.dirname, '../../../infrastructure/bicep/compiled/main.json'), 'utf8'),
) as { outputs: Record<string, unknown> };

describe('actions/provision action.yml', () => {
  it('declares exactly the inputs the schema reads, with the same defaults and descriptions', () => {
    expect(actionYaml.inputs).toEqual(provisionInputs.actionYamlInputs());
  });

  it("declares the action's own outputs and every output of the platform template", () => {
    expect(Object.keys(actionYaml.outputs).sort()).toEqual(
      ['deployment-name', 'has-changes', 'outputs', ...Object.keys(template.outputs)].sort(),
    );
  });
});
