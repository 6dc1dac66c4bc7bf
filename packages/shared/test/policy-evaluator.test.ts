import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import { offlineDeployment } from '@augeo/shared/policy/check-policies';
import type { EvaluationScope } from '@augeo/arm-template/deployment-scope';
import { evaluateTemplateValue } from '@augeo/arm-template/evaluate-expression';
import { expandTemplate } from '@augeo/arm-template/expand-template';
import { looksLikeSecret } from '@augeo/shared/policy/secret-names';
import { RuntimeValue, valueAt, type TemplateValue } from '@augeo/arm-template/template-value';

const compiledDir = resolve(import.meta.dirname, '../../../infrastructure/bicep/compiled');
const template = JSON.parse(readFileSync(join(compiledDir, 'main.json'), 'utf8')) as ArmTemplate;

function expandFor(environment: string) {
  const file = JSON.parse(
    readFileSync(join(compiledDir, `${environment}.parameters.json`), 'utf8'),
  ) as ArmParameterFile;
  const values = Object.fromEntries(
    Object.entries(file.parameters).map(([name, { value }]) => [name, value as TemplateValue]),
  );
  return expandTemplate(template, values, offlineDeployment);
}

const named = (expanded: ReturnType<typeof expandFor>, type: string) =>
  expanded.resources.filter((resource) => resource.type === type);

describe('expandTemplate on the compiled main template', () => {
  it('passes module outputs on: the resource group and API names reach the main outputs', () => {
    const { outputs } = expandFor('dev');

    expect(outputs).toMatchObject({
      resourceGroupName: 'augeo-dev-rg',
      apiAppName: 'augeo-dev-api',
      apiStagingHostName: '',
    });
    expect(outputs.apiDefaultHostName).toBeInstanceOf(RuntimeValue);
  });

  it('creates the staging slot where the plan has slots, and gives each identity Key Vault access', () => {
    const dev = expandFor('dev');
    const staging = expandFor('staging');

    expect(named(dev, 'Microsoft.Web/sites/slots')).toEqual([]);
    expect(named(staging, 'Microsoft.Web/sites/slots').map((slot) => slot.name)).toEqual(['augeo-staging-api/staging']);
    // One role assignment per principal the app-service module outputs: the loop count comes from another module.
    expect(
      named(dev, 'Microsoft.Authorization/roleAssignments').filter((assignment) =>
        assignment.scopeId?.includes('KeyVault'),
      ),
    ).toHaveLength(1);
    expect(
      named(staging, 'Microsoft.Authorization/roleAssignments').filter((assignment) =>
        assignment.scopeId?.includes('KeyVault'),
      ),
    ).toHaveLength(2);
  });

  it("evaluates each environment's SKUs and settings from its parameters", () => {
    const production = expandFor('production');
    const [plan] = named(production, 'Microsoft.Web/serverfarms');
    const [autoscale] = named(production, 'Microsoft.Insights/autoscalesettings');
    const [server] = named(production, 'Microsoft.DBforPostgreSQL/flexibleServers');

    expect(valueAt(plan?.body, 'sku')).toEqual({ name: 'S1', capacity: 2 });
    expect(valueAt(autoscale?.body, 'properties.profiles')).toMatchObject([
      { capacity: { minimum: '2', maximum: '5', default: '2' } },
    ]);
    expect(valueAt(server?.body, 'properties.highAvailability.mode')).toBe('ZoneRedundant');
    expect(named(expandFor('dev'), 'Microsoft.Insights/autoscalesettings')).toEqual([]);
  });

  it('builds the federated credential subject for the environment', () => {
    const [credential] = named(
      expandFor('staging'),
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    );

    expect(credential?.body.properties).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:augeo/infra:environment:staging',
      audiences: ['api://AzureADTokenExchange'],
    });
  });

  it('keeps what only Azure knows as a runtime value and marks loops it cannot count', () => {
    const rules = named(expandFor('dev'), 'Microsoft.Cache/redis/firewallRules');

    expect(rules).toHaveLength(1);
    expect(rules[0]?.runtimeDependent).toBe(true);
    expect(valueAt(rules[0]?.body, 'properties.startIP')).toBeInstanceOf(RuntimeValue);
  });
});

describe('evaluateTemplateValue', () => {
  const scope: EvaluationScope = {
    deployment: { ...offlineDeployment, resourceGroup: { name: 'rg', location: 'westeurope' } },
    where: 'a test',
    parameter: (name) => ({ name: 'augeo', count: 2, on: true })[name] ?? null,
    variable: () => {
      throw new Error('no variables here');
    },
    copyIndex: () => {
      throw new Error('no loop here');
    },
    reference: (id) => new RuntimeValue(`reference(${id})`),
  };

  it.each([
    ["[format('{0}-{1}', parameters('name'), 'api')]", 'augeo-api'],
    ["[concat('it''s ', string(parameters('count')))]", "it's 2"],
    ['[[not an expression]', '[not an expression]'],
    ["[if(parameters('on'), 'yes', parameters('missing').boom)]", 'yes'],
    [
      "[resourceId('Microsoft.Web/sites/slots', 'app', 'staging')]",
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/app/slots/staging',
    ],
    ["[take(split('a,b,c', ','), 2)]", ['a', 'b']],
    ["[createObject('n', length(createArray(1, 2, 3)))]", { n: 3 }],
    ["[not(empty(''))]", false],
  ])('%s → %j', (expression, expected) => {
    expect(evaluateTemplateValue(expression, scope)).toEqual(expected);
  });

  it('builds property loops', () => {
    const value = evaluateTemplateValue(
      { copy: [{ name: 'rules', count: 2, input: { index: "[copyIndex('rules')]" } }] },
      scope,
    );
    expect(value).toEqual({ rules: [{ index: 0 }, { index: 1 }] });
  });

  it('says where an expression is broken', () => {
    expect(() => evaluateTemplateValue("[format('{0}', 'a']", scope)).toThrow(/cannot be parsed: expected '\)'/);
  });
});

describe('looksLikeSecret', () => {
  it.each(['adminPassword', 'clientSecret', 'sasToken', 'apiKey', 'storageConnectionString', 'db_password'])(
    '%s is a secret',
    (name) => {
      expect(looksLikeSecret(name)).toBe(true);
    },
  );

  it.each(['keyVaultName', 'secretUri', 'tokenAudience', 'deployerClientId', 'passwordPolicy'])('%s is not', (name) => {
    expect(looksLikeSecret(name)).toBe(false);
  });
});
