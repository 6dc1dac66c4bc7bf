import { deploymentsType, isSecureType, type ArmTemplate } from '@augeo/arm-template/arm-template';
import type { EffectiveResource, ExpandedTemplate } from '@augeo/arm-template/expand-template';
import type { PolicyFinding } from './policy-finding.js';
import { isWithinScope } from '@augeo/arm-template/resource-ids';
import { looksLikeSecret } from './secret-names.js';
import {
  describeValue,
  isRuntime,
  isTemplateObject,
  valueAt,
  type TemplateValue,
} from '@augeo/arm-template/template-value';

/**
 * The platform's policy rules, in the spirit of PSRule for Azure, checked over a template expanded for one
 * environment (expand-template.ts). Each finding's message says what to change. A value that is known only at
 * deployment cannot be shown to comply, so it is a finding too: these settings must be literals or parameters.
 */
export interface PolicyContext {
  environment: string;
  expanded: ExpandedTemplate;
}

export interface PolicyRule {
  id: string;
  title: string;
  check(context: PolicyContext): PolicyFinding[];
}

export const requiredTags = ['Environment', 'Project', 'Owner', 'CostCenter'];

const isType = (resource: EffectiveResource, type: string) => resource.type.toLowerCase() === type.toLowerCase();
const ofType = (context: PolicyContext, ...types: string[]) =>
  context.expanded.resources.filter((resource) => types.some((type) => isType(resource, type)));

function finding(ruleId: string, resource: EffectiveResource, message: string): PolicyFinding {
  return { ruleId, target: resource.id, message: `${resource.type} '${resource.name}': ${message}` };
}

/** Checks one setting; a missing or deployment-time value fails with the same fix. */
function expectSetting(
  ruleId: string,
  resource: EffectiveResource,
  path: string,
  accepts: (value: TemplateValue) => boolean,
  fix: string,
): PolicyFinding[] {
  const value = valueAt(resource.body, path);
  if (value !== undefined && !isRuntime(value) && accepts(value)) return [];
  return [finding(ruleId, resource, `${path} is ${describeValue(value)}. ${fix}`)];
}

/** '1.2', 'TLS1_2', 'TLSv1.2' → 1.2. */
function tlsVersion(value: TemplateValue): number {
  const match = typeof value === 'string' ? /(\d)[._](\d)/.exec(value) : null;
  return match ? Number(`${match[1]}.${match[2]}`) : Number.NaN;
}
const atLeastTls12 = (value: TemplateValue) => tlsVersion(value) >= 1.2;

const webApps = ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'];

// Resources that hold state or identity a deletion would lose: what production locks protect.
const statefulTypes = [
  'Microsoft.DBforPostgreSQL/flexibleServers',
  'Microsoft.KeyVault/vaults',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Network/dnsZones',
  'Microsoft.OperationalInsights/workspaces',
];

const lockTarget = (lock: EffectiveResource) =>
  lock.scopeId ?? lock.id.replace(/\/providers\/Microsoft\.Authorization\/locks\/[^/]+$/i, '');

function describeTemplate(deploymentPath: string[]): string {
  return deploymentPath.length === 0 ? 'the main template' : `module '${deploymentPath.join(' → ')}'`;
}

/** The parameter names an output value reads, e.g. parameters('adminPassword'). */
function parametersRead(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(/parameters\('([^']+)'\)/g)].map((match) => match[1] ?? '');
}

export const policyRules: PolicyRule[] = [
  {
    id: 'AUGEO-TAG-001',
    title: 'Every resource carries the cost-allocation tags',
    check: (context) =>
      context.expanded.resources
        // Tracked resources (those with a location) take tags; deployments are bookkeeping, not billed resources.
        .filter((resource) => resource.body.location !== undefined && !isType(resource, deploymentsType))
        .flatMap((resource) => {
          const tags = resource.body.tags;
          if (!isTemplateObject(tags)) {
            return [
              finding(
                'AUGEO-TAG-001',
                resource,
                `has no tags. Set tags: ${requiredTags.join(', ')} (pass the module's tags parameter).`,
              ),
            ];
          }
          const missing = requiredTags.filter((tag) => typeof tags[tag] !== 'string' || tags[tag] === '');
          if (missing.length > 0) {
            return [
              finding(
                'AUGEO-TAG-001',
                resource,
                `lacks the tag(s) ${missing.join(', ')}. Add them to its tags (main.bicep builds them once).`,
              ),
            ];
          }
          if (tags.Environment !== context.environment) {
            return [
              finding(
                'AUGEO-TAG-001',
                resource,
                `has tag Environment=${describeValue(tags.Environment)} in the ${context.environment} environment. Tag it with the environment it belongs to.`,
              ),
            ];
          }
          return [];
        }),
  },
  {
    id: 'AUGEO-LOCK-001',
    title: 'Production resources that hold state have CanNotDelete locks',
    check: (context) => {
      if (context.environment !== 'production') return [];
      const locks = ofType(context, 'Microsoft.Authorization/locks').filter(
        (lock) => valueAt(lock.body, 'properties.level') === 'CanNotDelete',
      );
      return ofType(context, ...statefulTypes)
        .filter((resource) => !locks.some((lock) => isWithinScope(resource.id, lockTarget(lock))))
        .map((resource) =>
          finding(
            'AUGEO-LOCK-001',
            resource,
            'has no CanNotDelete lock in production. Add a Microsoft.Authorization/locks resource with level CanNotDelete scoped to it (deleteLocksEnabled = true in production.bicepparam).',
          ),
        );
    },
  },
  {
    id: 'AUGEO-TLS-001',
    title: 'TLS 1.2 or later on every endpoint',
    check: (context) => [
      ...ofType(context, ...webApps).flatMap((app) => [
        ...expectSetting(
          'AUGEO-TLS-001',
          app,
          'properties.siteConfig.minTlsVersion',
          atLeastTls12,
          "Set siteConfig.minTlsVersion to '1.2'.",
        ),
        ...(valueAt(app.body, 'properties.siteConfig.scmMinTlsVersion') === undefined
          ? []
          : expectSetting(
              'AUGEO-TLS-001',
              app,
              'properties.siteConfig.scmMinTlsVersion',
              atLeastTls12,
              "Set siteConfig.scmMinTlsVersion to '1.2'.",
            )),
      ]),
      ...ofType(context, 'Microsoft.Storage/storageAccounts').flatMap((account) =>
        expectSetting(
          'AUGEO-TLS-001',
          account,
          'properties.minimumTlsVersion',
          atLeastTls12,
          "Set minimumTlsVersion to 'TLS1_2'.",
        ),
      ),
      ...ofType(context, 'Microsoft.Cache/redis').flatMap((cache) =>
        expectSetting(
          'AUGEO-TLS-001',
          cache,
          'properties.minimumTlsVersion',
          atLeastTls12,
          "Set minimumTlsVersion to '1.2'.",
        ),
      ),
      ...ofType(context, 'Microsoft.DBforPostgreSQL/flexibleServers').flatMap((server) => {
        const setting = ofType(context, 'Microsoft.DBforPostgreSQL/flexibleServers/configurations').find(
          (configuration) =>
            configuration.name.toLowerCase() === `${server.name}/ssl_min_protocol_version`.toLowerCase(),
        );
        const fix = "Add a configurations child 'ssl_min_protocol_version' with value 'TLSv1.2'.";
        if (!setting) return [finding('AUGEO-TLS-001', server, `sets no minimum TLS version. ${fix}`)];
        return expectSetting('AUGEO-TLS-001', setting, 'properties.value', atLeastTls12, fix);
      }),
    ],
  },
  {
    id: 'AUGEO-HTTPS-001',
    title: 'HTTPS only: no plain HTTP or FTP',
    check: (context) => [
      ...ofType(context, ...webApps).flatMap((app) => [
        ...expectSetting(
          'AUGEO-HTTPS-001',
          app,
          'properties.httpsOnly',
          (value) => value === true,
          'Set httpsOnly: true.',
        ),
        ...expectSetting(
          'AUGEO-HTTPS-001',
          app,
          'properties.siteConfig.ftpsState',
          (value) => value === 'Disabled' || value === 'FtpsOnly',
          "Set siteConfig.ftpsState to 'Disabled'.",
        ),
      ]),
      ...ofType(context, 'Microsoft.Storage/storageAccounts').flatMap((account) => [
        ...expectSetting(
          'AUGEO-HTTPS-001',
          account,
          'properties.supportsHttpsTrafficOnly',
          (value) => value === true,
          'Set supportsHttpsTrafficOnly: true.',
        ),
        ...expectSetting(
          'AUGEO-HTTPS-001',
          account,
          'properties.allowBlobPublicAccess',
          (value) => value === false,
          'Set allowBlobPublicAccess: false.',
        ),
      ]),
    ],
  },
  {
    id: 'AUGEO-KV-001',
    title: 'Key Vault keeps deleted secrets recoverable',
    check: (context) =>
      ofType(context, 'Microsoft.KeyVault/vaults').flatMap((vault) => [
        ...expectSetting(
          'AUGEO-KV-001',
          vault,
          'properties.enableSoftDelete',
          (value) => value === true,
          'Set enableSoftDelete: true.',
        ),
        ...expectSetting(
          'AUGEO-KV-001',
          vault,
          'properties.enablePurgeProtection',
          (value) => value === true,
          'Set enablePurgeProtection: true (it cannot be turned off again, which is the point).',
        ),
      ]),
  },
  {
    id: 'AUGEO-REDIS-001',
    title: 'Redis accepts TLS connections only',
    check: (context) =>
      ofType(context, 'Microsoft.Cache/redis').flatMap((cache) => {
        // Azure keeps the non-TLS port (6379) closed unless enableNonSslPort is true.
        const value = valueAt(cache.body, 'properties.enableNonSslPort');
        if (value === undefined || value === false) return [];
        return [
          finding(
            'AUGEO-REDIS-001',
            cache,
            `properties.enableNonSslPort is ${describeValue(value)}. Set enableNonSslPort: false; clients use port 6380 with TLS.`,
          ),
        ];
      }),
  },
  {
    id: 'AUGEO-DB-001',
    title: 'Production PostgreSQL is zone-redundant with 30 days of backups',
    check: (context) => {
      if (context.environment !== 'production') return [];
      return ofType(context, 'Microsoft.DBforPostgreSQL/flexibleServers').flatMap((server) => [
        ...expectSetting(
          'AUGEO-DB-001',
          server,
          'properties.highAvailability.mode',
          (value) => value === 'ZoneRedundant',
          "Set postgresHighAvailability = 'ZoneRedundant' in production.bicepparam.",
        ),
        ...expectSetting(
          'AUGEO-DB-001',
          server,
          'properties.backup.backupRetentionDays',
          (value) => typeof value === 'number' && value >= 30,
          'Set postgresBackupRetentionDays = 30 in production.bicepparam.',
        ),
      ]);
    },
  },
  {
    id: 'AUGEO-SECRET-001',
    title: 'Secrets are secure parameters without defaults',
    check: (context) =>
      context.expanded.templates.flatMap(({ deploymentPath, template }) =>
        Object.entries(template.parameters ?? {}).flatMap(([name, definition]): PolicyFinding[] => {
          const target = `parameter '${name}' of ${describeTemplate(deploymentPath)}`;
          const secure = isSecureType(definition.type);
          if (looksLikeSecret(name) && !secure) {
            return [
              {
                ruleId: 'AUGEO-SECRET-001',
                target,
                message: `${target} looks like a secret but is not secure. Mark it @secure() so ARM never logs or returns it.`,
              },
            ];
          }
          const hasDefault = definition.defaultValue !== undefined && definition.defaultValue !== '';
          if ((secure || looksLikeSecret(name)) && hasDefault) {
            return [
              {
                ruleId: 'AUGEO-SECRET-001',
                target,
                message: `${target} is a secret with a default value in the template. Remove the default; pass the value at deploy time from a secret store.`,
              },
            ];
          }
          return [];
        }),
      ),
  },
  {
    id: 'AUGEO-SECRET-002',
    title: 'No secret leaves through an output',
    check: (context) =>
      context.expanded.templates.flatMap(({ deploymentPath, template }) => secretOutputs(template, deploymentPath)),
  },
];

function secretOutputs(template: ArmTemplate, deploymentPath: string[]): PolicyFinding[] {
  const secureParameters = new Set(
    Object.entries(template.parameters ?? {})
      .filter(([, definition]) => isSecureType(definition.type))
      .map(([name]) => name),
  );
  return Object.entries(template.outputs ?? {}).flatMap(([name, output]): PolicyFinding[] => {
    if (isSecureType(output.type)) return [];
    const target = `output '${name}' of ${describeTemplate(deploymentPath)}`;
    const leaked = parametersRead(output.value).filter((parameter) => secureParameters.has(parameter));
    const listsKeys = /\blist[A-Za-z]*\(/.test(JSON.stringify(output.value ?? null));
    if (looksLikeSecret(name) || leaked.length > 0 || listsKeys) {
      const why =
        leaked.length > 0
          ? `returns the secure parameter(s) ${leaked.join(', ')}`
          : listsKeys
            ? 'returns keys from a list*() call'
            : 'looks like a secret';
      return [
        {
          ruleId: 'AUGEO-SECRET-002',
          target,
          message: `${target} ${why}. Deployment outputs are readable by anyone who can read the deployment: remove it and let the consumer read the secret from Key Vault.`,
        },
      ];
    }
    return [];
  });
}
