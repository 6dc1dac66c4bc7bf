import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import { offlineDeployment } from '@augeo/shared/policy/check-policies';
import { imageTargets } from '@augeo/shared/provision/image-targets';
import { applyParameterOverrides, parameterOverrides } from '@augeo/shared/provision/parameter-overrides';
import { provisionInputs } from '@augeo/shared/provision/provision-inputs';

const compiled = resolve(import.meta.dirname, '../../../infrastructure/bicep/compiled');
const readJson = async <T>(file: string) => JSON.parse(await readFile(resolve(compiled, file), 'utf8')) as T;
const template = await readJson<ArmTemplate>('main.json');
const staging = await readJson<ArmParameterFile>('staging.parameters.json');
const dev = await readJson<ArmParameterFile>('dev.parameters.json');

const parse = (raw: string) => {
  const parsed = parameterOverrides.parse(raw);
  if (!parsed.ok) throw new Error(parsed.expected);
  return parsed.value;
};

describe('the parameter-overrides input', () => {
  it('reads name=value lines: the value is all after the first =, blank lines are skipped', () => {
    expect(parse('logRetentionDays = 60\n\n  teamsWebhookUrl=https://hooks.example/a?b=c  \n')).toEqual([
      { name: 'logRetentionDays', text: '60' },
      { name: 'teamsWebhookUrl', text: 'https://hooks.example/a?b=c' },
    ]);
  });

  it('refuses a line that is not name=value by its number, never echoing the input (it may hold a secret)', () => {
    const read = () =>
      provisionInputs.read({
        get: (name) =>
          ({ environment: 'dev', 'parameter-overrides': 'logRetentionDays=60\nhttps://hooks.example/secret' })[name],
      });
    expect(read).toThrow(
      "Input 'parameter-overrides' is invalid: got '***', expected name=value lines, one parameter each, such as `apiContainerImage=augeo/api:1.4.2` (line 2 is not name=value).",
    );
  });

  it('refuses a parameter set twice', () => {
    expect(parameterOverrides.parse('a=1\na=2')).toEqual({
      ok: false,
      expected: expect.stringContaining('(a is set twice)'),
    });
  });
});

describe('applyParameterOverrides', () => {
  it('types each value as the template declares its parameter, over the parameters file, which it leaves as it was', () => {
    const overrides = parse(
      'logRetentionDays=60\ndeleteLocksEnabled=true\napiContainerImage=augeo/api:1.2.0\nteamsWebhookUrl=https://hooks.example/t',
    );
    const { parameters, secure } = applyParameterOverrides(template, staging, overrides);
    expect(parameters.parameters).toMatchObject({
      logRetentionDays: { value: 60 },
      deleteLocksEnabled: { value: true },
      apiContainerImage: { value: 'augeo/api:1.2.0' },
      teamsWebhookUrl: { value: 'https://hooks.example/t' },
      environmentName: { value: 'staging' },
    });
    expect(secure).toEqual(['teamsWebhookUrl']);
    expect(staging.parameters.logRetentionDays).toEqual({ value: 30 });
  });

  it('refuses a name the template does not declare, listing the ones it does', () => {
    expect(() => applyParameterOverrides(template, staging, parse('logRetention=60'))).toThrow(
      `Input 'parameter-overrides' is invalid: got 'logRetention', expected name=value lines naming parameters the template declares: ${Object.keys(template.parameters ?? {}).join(', ')}.`,
    );
  });

  it('refuses a value that is not of the declared type', () => {
    expect(() => applyParameterOverrides(template, staging, parse('logRetentionDays=sixty'))).toThrow(
      "Input 'parameter-overrides' is invalid: got 'logRetentionDays=sixty', expected a value of type int for logRetentionDays.",
    );
  });
});

describe('imageTargets: the site slot each image parameter sets, as the template names it', () => {
  it('staging: the site runs apiContainerImage, its staging slot apiStagingContainerImage', () => {
    expect(imageTargets(template, staging, offlineDeployment)).toEqual([
      {
        parameter: 'apiContainerImage',
        resourceGroup: 'augeo-staging-rg',
        site: 'augeo-staging-api',
        slot: 'production',
      },
      {
        parameter: 'apiStagingContainerImage',
        resourceGroup: 'augeo-staging-rg',
        site: 'augeo-staging-api',
        slot: 'staging',
      },
    ]);
  });

  it('dev on a Basic plan: no staging slot, so only the site', () => {
    expect(imageTargets(template, dev, offlineDeployment)).toEqual([
      { parameter: 'apiContainerImage', resourceGroup: 'augeo-dev-rg', site: 'augeo-dev-api', slot: 'production' },
    ]);
  });

  it('a template without image parameters has none', () => {
    const storageOnly: ArmTemplate = { ...template, parameters: {}, resources: [], outputs: {} };
    expect(imageTargets(storageOnly, { parameters: {} }, offlineDeployment)).toEqual([]);
  });

  it('a template that does not evaluate stops the run, saying how to go on without keep-running-image', () => {
    const badSku = { parameters: { ...staging.parameters, appServicePlanSku: { value: 'P1v3' } } };
    expect(() => imageTargets(template, badSku, offlineDeployment)).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(
          "keep-running-image cannot find the API's site and slot in the template: Template parameter 'appServicePlanSku' is \"P1v3\"",
        ),
        hint: expect.stringContaining('keep-running-image: false skips this'),
      }),
    );
  });
});
