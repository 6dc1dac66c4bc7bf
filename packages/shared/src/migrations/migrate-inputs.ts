import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseSecretUri, type SecretUri } from '../azure/key-vault-secret.js';
import { azureInputs } from '../blue-green/blue-green-inputs.js';
import { InputError, invalidInputs } from '../errors.js';
import { duration } from '../inputs/duration.js';
import { integer } from '../inputs/integer.js';
import { list } from '../inputs/list.js';
import { oneOf } from '../inputs/one-of.js';
import { accept, reject, type Parser } from '../inputs/parser.js';
import { defineInputs, optional, withDefault, type InputValues } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { parseDatabaseUrl } from './database-url.js';
import type { MigrationGateConfig } from './migration-gate.js';
import { ALLOWABLE_RULE_IDS, RULE_SET } from './rule-set.js';

const RULE_ID_EXPECTED = 'a rule id from the table in docs/migrations.md, such as changing-column-type';
const ruleId: Parser<string> = {
  expected: RULE_ID_EXPECTED,
  parse(raw) {
    const id = raw.trim().toLowerCase();
    if (ALLOWABLE_RULE_IDS.includes(id)) return accept(id);
    if (RULE_SET.has(id))
      return reject(`a rule a team may accept (${id} is a structural check of the gate; fix it instead)`);
    return reject(RULE_ID_EXPECTED);
  },
};

const HOUR_MS = 3_600_000;

/** The inputs of actions/migrate; action.yml declares exactly these (a test holds them together). */
export const migrateInputs = defineInputs({
  mode: withDefault(
    oneOf(['lint', 'plan', 'apply'] as const),
    'lint',
    '`lint`: offline, no database (pull requests). `plan`: read the database revision and lint exactly the pending SQL. `apply`: plan, then upgrade under an advisory lock and verify.',
  ),
  phase: withDefault(
    oneOf(['expand', 'contract'] as const),
    'expand',
    '`expand`: apply pending revisions up to the first one marked `phase = "contract"` (before the slot swap). `contract`: apply everything (after production is verified on the new release).',
  ),
  'working-directory': withDefault(text, '.', 'Folder holding alembic.ini, relative to the workspace.'),
  'alembic-config': withDefault(text, 'alembic.ini', 'Alembic config file, relative to working-directory.'),
  'alembic-ini-section': withDefault(text, 'alembic', 'Section of alembic-config to read (alembic --name).'),
  'alembic-command': withDefault(
    text,
    'alembic',
    'How to run Alembic, split on spaces (e.g. `poetry run alembic`). It must be able to import env.py and its driver.',
  ),
  'database-url': optional(
    text,
    'SQLAlchemy URL of the database (plan, apply), e.g. `postgresql+psycopg2://user:pw@host:5432/db?sslmode=require`. Masked. Alembic gets it as DATABASE_URL. Use a direct connection, not a pooler.',
    { sensitive: true },
  ),
  'database-url-secret': optional(
    text,
    'Instead of database-url: a Key Vault secret holding it, e.g. `https://my-vault.vault.azure.net/secrets/database-url` (optionally `/<version>`), read with the Azure OIDC sign-in below; the identity needs Key Vault Secrets User on the vault. Masked as soon as it is read.',
  ),
  allow: optional(
    list(ruleId, 'lines-or-commas'),
    'Rule ids the team accepts (comma or newline separated): their findings are listed in the summary as allowed instead of blocking.',
  ),
  'base-ref': optional(
    text,
    'lint only: check just the revision files added or changed since this git ref (e.g. `origin/main`; needs the history, fetch-depth: 0); default: every revision.',
  ),
  'postgres-version': optional(
    integer({ min: 10, max: 20 }),
    'PostgreSQL major version to lint for. Default: the server version (plan, apply), or 14 (lint).',
  ),
  'lock-timeout': withDefault(
    duration({ minMs: 1, maxMs: HOUR_MS }),
    '5s',
    'lock_timeout for every migration statement: a statement waiting longer for a lock fails instead of stalling production.',
  ),
  'statement-timeout': withDefault(
    duration({ minMs: 1, maxMs: 24 * HOUR_MS }),
    '15m',
    'statement_timeout for every migration statement.',
  ),
  'lock-wait-timeout': withDefault(
    duration({ maxMs: 6 * HOUR_MS }),
    '10m',
    'How long apply waits for another deploy to release the migration lock.',
  ),
  ...azureInputs,
});

export type MigrateInputValues = InputValues<typeof migrateInputs.specs>;

/** PostgreSQL major version the gate lints for when it cannot ask a server: the platform's Azure Flexible Server. */
export const DEFAULT_LINT_POSTGRES_VERSION = 14;

/** The values toMigrationGateConfig reads: actions/migrate's, or deploy-backend's migration inputs. */
export type MigrationValues = Omit<MigrateInputValues, 'azureClientId' | 'azureTenantId' | 'azureSubscriptionId'>;

/**
 * Turns parsed inputs into the gate's config, checking what only the file system can tell. Every problem is
 * reported at once, and all of them before anything touches the database. A database-url-secret is only checked
 * here: resolveDatabaseUrl reads it. `directoryInput` names the working directory as the calling action does.
 */
export function toMigrationGateConfig(
  values: MigrationValues,
  workspace: string,
  directoryInput = 'working-directory',
): MigrationGateConfig & { databaseUrlSecret?: SecretUri } {
  const problems: InputError[] = [];
  const workingDirectory = resolve(workspace, values.workingDirectory);
  const alembicConfig = resolve(workingDirectory, values.alembicConfig);
  if (!isDirectory(workingDirectory)) {
    problems.push(
      new InputError(directoryInput, values.workingDirectory, `a folder that exists (resolved to ${workingDirectory})`),
    );
  } else if (!existsSync(alembicConfig)) {
    const where = isAbsolute(values.alembicConfig) ? '' : ` inside working-directory (looked for ${alembicConfig})`;
    problems.push(
      new InputError('alembic-config', values.alembicConfig, `the path of an existing Alembic config file${where}`),
    );
  }
  const alembicCommand = values.alembicCommand.split(/\s+/).filter(Boolean);
  let databaseUrl;
  let databaseUrlSecret;
  if (values.databaseUrl !== undefined && values.databaseUrlSecret !== undefined) {
    problems.push(
      new InputError('database-url-secret', values.databaseUrlSecret, 'no value when database-url is set (give one)'),
    );
  } else if (values.databaseUrl !== undefined) {
    try {
      databaseUrl = parseDatabaseUrl('database-url', values.databaseUrl);
    } catch (error) {
      problems.push(error as InputError);
    }
  } else if (values.databaseUrlSecret !== undefined) {
    try {
      databaseUrlSecret = parseSecretUri('database-url-secret', values.databaseUrlSecret);
    } catch (error) {
      problems.push(error as InputError);
    }
  } else if (values.mode !== 'lint') {
    problems.push(
      new InputError(
        'database-url',
        undefined,
        `the SQLAlchemy URL of the database, or database-url-secret (mode ${values.mode} reads it)`,
      ),
    );
  }
  if (values.baseRef !== undefined && values.mode !== 'lint') {
    problems.push(
      new InputError(
        'base-ref',
        values.baseRef,
        'nothing in mode plan or apply (they lint exactly what the database lacks)',
      ),
    );
  }
  if (problems.length > 0) throw invalidInputs(problems);
  return {
    mode: values.mode,
    phase: values.phase,
    workspace,
    workingDirectory,
    alembicConfig,
    iniSection: values.alembicIniSection,
    alembicCommand,
    databaseUrl,
    ...(databaseUrlSecret ? { databaseUrlSecret } : {}),
    allow: values.allow ?? [],
    baseRef: values.baseRef,
    postgresVersion: values.postgresVersion,
    lockTimeoutMs: values.lockTimeout,
    statementTimeoutMs: values.statementTimeout,
    lockWaitTimeoutMs: values.lockWaitTimeout,
  };
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
