import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArmParameterFile, ArmResourceDefinition, ArmTemplate } from '@augeo/arm-template/arm-template';
import { checkPolicies } from '@augeo/shared/policy/check-policies';

// The committed compiled templates (scripts/bicep.sh build-all) — test/bicep-compiled.test.ts keeps them current —
// checked as they are, then broken on purpose one way at a time.
const compiledDir = resolve(import.meta.dirname, '../../../infrastructure/bicep/compiled');
const environments = ['dev', 'staging', 'production'] as const;
type Environment = (typeof environments)[number];

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(compiledDir, file), 'utf8')) as T;
const freshTemplate = () => readJson<ArmTemplate>('main.json');
const freshParameters = (environment: Environment) => readJson<ArmParameterFile>(`${environment}.parameters.json`);

function moduleTemplate(template: ArmTemplate, moduleName: string): ArmTemplate {
  const deployment = template.resources.find(
    (resource) => resource.type === 'Microsoft.Resources/deployments' && resource.name === moduleName,
  );
  if (!deployment) throw new Error(`main.json has no module '${moduleName}'`);
  return (deployment.properties as { template: ArmTemplate }).template;
}

function resourceOfType(template: ArmTemplate, type: string): ArmResourceDefinition {
  const resource = template.resources.find((candidate) => candidate.type === type);
  if (!resource) throw new Error(`template has no ${type}`);
  return resource;
}

const propertiesOf = (resource: ArmResourceDefinition) => resource.properties as Record<string, unknown>;

function setParameter(parameters: ArmParameterFile, name: string, value: unknown): ArmParameterFile {
  if (!(name in parameters.parameters)) throw new Error(`parameters have no '${name}'`);
  parameters.parameters[name] = { value };
  return parameters;
}

const ruleIds = (findings: { ruleId: string }[]) => [...new Set(findings.map((finding) => finding.ruleId))];

describe('checkPolicies on the compiled templates', () => {
  it.each(environments)('finds nothing to fix in %s', (environment) => {
    expect(checkPolicies(freshTemplate(), freshParameters(environment), environment)).toEqual([]);
  });
});

describe('checkPolicies on templates broken on purpose', () => {
  it('AUGEO-TAG-001: a resource without tags', () => {
    const template = freshTemplate();
    delete resourceOfType(moduleTemplate(template, 'redis'), 'Microsoft.Cache/redis').tags;

    const findings = checkPolicies(template, freshParameters('dev'), 'dev');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-TAG-001',
        target: expect.stringMatching(/Microsoft\.Cache\/redis\/augeo-dev-redis$/),
      }),
    ]);
    expect(findings[0]?.message).toMatch(/has no tags\. Set tags: Environment, Project, Owner, CostCenter/);
  });

  it('AUGEO-TAG-001: the CostCenter tag dropped from the shared tags reaches every tagged resource', () => {
    const template = freshTemplate();
    const tags = template.variables?.tags as Record<string, unknown>;
    delete tags.CostCenter;

    const findings = checkPolicies(template, freshParameters('staging'), 'staging');

    expect(ruleIds(findings)).toEqual(['AUGEO-TAG-001']);
    expect(findings.length).toBeGreaterThan(20);
    expect(findings.every((finding) => finding.message.includes('CostCenter'))).toBe(true);
  });

  it('AUGEO-TAG-001: resources tagged for another environment', () => {
    const findings = checkPolicies(freshTemplate(), freshParameters('dev'), 'staging');

    expect(ruleIds(findings)).toEqual(['AUGEO-TAG-001']);
    expect(findings[0]?.message).toMatch(/Environment="dev" in the staging environment/);
  });

  it('AUGEO-LOCK-001: production without its locks', () => {
    const parameters = setParameter(freshParameters('production'), 'deleteLocksEnabled', false);

    const findings = checkPolicies(freshTemplate(), parameters, 'production');

    expect(ruleIds(findings)).toEqual(['AUGEO-LOCK-001']);
    expect(findings.map((finding) => finding.target.split('/providers/')[1])).toEqual([
      'Microsoft.OperationalInsights/workspaces/augeo-production-logs',
      expect.stringMatching(/^Microsoft\.KeyVault\/vaults\//),
      'Microsoft.DBforPostgreSQL/flexibleServers/augeo-production-db',
      expect.stringMatching(/^Microsoft\.Storage\/storageAccounts\//),
      'Microsoft.Network/dnsZones/augeo.app',
    ]);
  });

  it('AUGEO-LOCK-001: one lock removed from the template leaves exactly that resource unprotected', () => {
    const template = freshTemplate();
    const vaultModule = moduleTemplate(template, 'key-vault');
    vaultModule.resources = vaultModule.resources.filter(
      (resource) => resource.type !== 'Microsoft.Authorization/locks',
    );

    const findings = checkPolicies(template, freshParameters('production'), 'production');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-LOCK-001',
        target: expect.stringMatching(/Microsoft\.KeyVault\/vaults\//),
      }),
    ]);
  });

  it('AUGEO-TLS-001: the API site allowing TLS 1.0', () => {
    const template = freshTemplate();
    const site = resourceOfType(moduleTemplate(template, 'app-service'), 'Microsoft.Web/sites');
    const siteConfig = { ...(propertiesOf(site).siteConfig as Record<string, unknown>), minTlsVersion: '1.0' };
    propertiesOf(site).siteConfig = siteConfig;

    const findings = checkPolicies(template, freshParameters('production'), 'production');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-TLS-001',
        target: expect.stringMatching(/Microsoft\.Web\/sites\/augeo-production-api$/),
        message: expect.stringContaining(
          `properties.siteConfig.minTlsVersion is "1.0". Set siteConfig.minTlsVersion to '1.2'.`,
        ),
      }),
    ]);
  });

  it('AUGEO-TLS-001: storage accepting TLS 1.0', () => {
    const template = freshTemplate();
    propertiesOf(
      resourceOfType(moduleTemplate(template, 'storage'), 'Microsoft.Storage/storageAccounts'),
    ).minimumTlsVersion = 'TLS1_0';

    expect(ruleIds(checkPolicies(template, freshParameters('dev'), 'dev'))).toEqual(['AUGEO-TLS-001']);
  });

  it('AUGEO-TLS-001: PostgreSQL without a minimum TLS version', () => {
    const template = freshTemplate();
    const databaseModule = moduleTemplate(template, 'database');
    databaseModule.resources = databaseModule.resources.filter(
      (resource) => resource.type !== 'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
    );
    for (const resource of databaseModule.resources) delete resource.dependsOn;

    const findings = checkPolicies(template, freshParameters('staging'), 'staging');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-TLS-001',
        message: expect.stringContaining('sets no minimum TLS version'),
      }),
    ]);
  });

  it('AUGEO-HTTPS-001: a site that serves plain HTTP', () => {
    const template = freshTemplate();
    propertiesOf(resourceOfType(moduleTemplate(template, 'app-service'), 'Microsoft.Web/sites/slots')).httpsOnly =
      false;

    const findings = checkPolicies(template, freshParameters('staging'), 'staging');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-HTTPS-001',
        target: expect.stringMatching(/sites\/augeo-staging-api\/slots\/staging$/),
      }),
    ]);
  });

  it('AUGEO-KV-001: Key Vault without purge protection', () => {
    const template = freshTemplate();
    propertiesOf(
      resourceOfType(moduleTemplate(template, 'key-vault'), 'Microsoft.KeyVault/vaults'),
    ).enablePurgeProtection = false;

    const findings = checkPolicies(template, freshParameters('dev'), 'dev');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-KV-001',
        message: expect.stringContaining('Set enablePurgeProtection: true'),
      }),
    ]);
  });

  it('AUGEO-REDIS-001: Redis with the non-TLS port open', () => {
    const template = freshTemplate();
    propertiesOf(resourceOfType(moduleTemplate(template, 'redis'), 'Microsoft.Cache/redis')).enableNonSslPort = true;

    const findings = checkPolicies(template, freshParameters('production'), 'production');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-REDIS-001',
        message: expect.stringContaining('Set enableNonSslPort: false'),
      }),
    ]);
  });

  it('AUGEO-DB-001: production PostgreSQL without zone-redundant HA and with 7-day backups', () => {
    const parameters = freshParameters('production');
    setParameter(parameters, 'postgresHighAvailability', 'Disabled');
    setParameter(parameters, 'postgresBackupRetentionDays', 7);

    const findings = checkPolicies(freshTemplate(), parameters, 'production');

    expect(findings.map((finding) => [finding.ruleId, finding.message.split(' is ')[0]])).toEqual([
      [
        'AUGEO-DB-001',
        "Microsoft.DBforPostgreSQL/flexibleServers 'augeo-production-db': properties.highAvailability.mode",
      ],
      [
        'AUGEO-DB-001',
        "Microsoft.DBforPostgreSQL/flexibleServers 'augeo-production-db': properties.backup.backupRetentionDays",
      ],
    ]);
  });

  it('AUGEO-DB-001 holds production only: staging may run without HA', () => {
    const parameters = setParameter(freshParameters('staging'), 'postgresHighAvailability', 'Disabled');

    expect(checkPolicies(freshTemplate(), parameters, 'staging')).toEqual([]);
  });

  it('AUGEO-SECRET-001: a password parameter with a default', () => {
    const template = freshTemplate();
    template.parameters = {
      ...template.parameters,
      databaseAdminPassword: { type: 'string', defaultValue: 'hunter2' },
    };

    const findings = checkPolicies(template, freshParameters('dev'), 'dev');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-SECRET-001',
        target: "parameter 'databaseAdminPassword' of the main template",
        message: expect.stringContaining('Mark it @secure()'),
      }),
    ]);
  });

  it('AUGEO-SECRET-001: a secure parameter with a hard-coded default inside a module', () => {
    const template = freshTemplate();
    const monitoring = moduleTemplate(template, 'monitoring');
    const teamsWebhookUrl = monitoring.parameters?.teamsWebhookUrl;
    if (!teamsWebhookUrl) throw new Error('monitoring has no teamsWebhookUrl parameter');
    teamsWebhookUrl.defaultValue = 'https://example.webhook.office.com/hook';

    const findings = checkPolicies(template, freshParameters('dev'), 'dev');

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'AUGEO-SECRET-001',
        target: "parameter 'teamsWebhookUrl' of module 'monitoring'",
      }),
    ]);
  });

  it('AUGEO-SECRET-002: an output that returns a secure parameter, and one named like a secret', () => {
    const template = freshTemplate();
    template.outputs = {
      ...template.outputs,
      alertWebhook: { type: 'string', value: "[parameters('teamsWebhookUrl')]" },
      storageConnectionString: { type: 'string', value: "[variables('storageAccountName')]" },
    };

    const findings = checkPolicies(template, freshParameters('dev'), 'dev');

    expect(findings.map((finding) => [finding.ruleId, finding.target])).toEqual([
      ['AUGEO-SECRET-002', "output 'alertWebhook' of the main template"],
      ['AUGEO-SECRET-002', "output 'storageConnectionString' of the main template"],
    ]);
    expect(findings[0]?.message).toContain('returns the secure parameter(s) teamsWebhookUrl');
  });
});

describe('checkPolicies on what it cannot evaluate', () => {
  it('names a template function it does not implement instead of passing', () => {
    const template = freshTemplate();
    resourceOfType(moduleTemplate(template, 'redis'), 'Microsoft.Cache/redis').name = "[toUpper(parameters('name'))]";

    expect(() => checkPolicies(template, freshParameters('dev'), 'dev')).toThrow(
      /The template function 'toUpper' \(in resource Microsoft\.Cache\/redis .* of module 'redis'\) is not supported/,
    );
  });

  it('refuses parameters built for another template', () => {
    const parameters = freshParameters('dev');
    parameters.parameters.sqlServerSku = { value: 'S0' };

    expect(() => checkPolicies(freshTemplate(), parameters, 'dev')).toThrow(
      "Template parameter 'sqlServerSku' is not declared by the template.",
    );
  });

  it('refuses a parameter value the template does not allow', () => {
    const parameters = setParameter(freshParameters('dev'), 'appServicePlanSku', 'F1');

    expect(() => checkPolicies(freshTemplate(), parameters, 'dev')).toThrow(
      `Template parameter 'appServicePlanSku' is "F1"; allowed: "B1", "S1".`,
    );
  });
});
