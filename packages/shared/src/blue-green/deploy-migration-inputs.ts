import type { SecretUri } from '../azure/key-vault-secret.js';
import { InputError, invalidInputs } from '../errors.js';
import { boolean } from '../inputs/boolean.js';
import { optional, withDefault, type InputValues } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { migrateInputs, toMigrationGateConfig } from '../migrations/migrate-inputs.js';
import type { MigrationGateConfig } from '../migrations/migration-gate.js';

const migrate = migrateInputs.specs;

/** deploy-backend's migration inputs: the migrate action's, named for a deploy. */
export const deployMigrationInputs = {
  'migrations-directory': optional(
    text,
    'Folder holding alembic.ini, relative to the workspace. When set, the migration gate runs under the deploy lock before the slot is staged: it lints exactly the pending revisions against the database and applies them (phase expand) under an advisory lock; a blocked or failed migration means no slot is changed. Empty: no migrations.',
  ),
  'alembic-config': withDefault(
    migrate['alembic-config'].parser,
    'alembic.ini',
    'Alembic config file, relative to migrations-directory.',
  ),
  'alembic-command': migrate['alembic-command'],
  'database-url': optional(
    text,
    'SQLAlchemy URL of the database the migrations run against, e.g. `postgresql+psycopg2://user:pw@host:5432/db?sslmode=require`. Masked. Alembic gets it as DATABASE_URL. Use a direct connection, not a pooler.',
    { sensitive: true },
  ),
  'database-url-secret': migrate['database-url-secret'],
  'migration-allow': optional(
    migrate.allow.parser,
    'Migration rule ids the team accepts (comma or newline separated), as `allow` of the migrate action: listed in the summary as allowed instead of blocking.',
  ),
  contract: withDefault(
    boolean,
    'false',
    'Once production is verified on the new release, apply the revisions marked `phase = "contract"` that expand held back (phase contract). `false`: they stay pending for a later deploy.',
  ),
};

type DeployMigrationValues = InputValues<typeof deployMigrationInputs>;

export interface DeployMigrations {
  /** The gate's config for phase expand (mode apply); contract runs the same with phase contract. */
  config: MigrationGateConfig & { databaseUrlSecret?: SecretUri };
  contract: boolean;
}

/** The migration step of a deploy, or undefined without migrations-directory (then no other migration input may be set). */
export function deployMigrationsOf(values: DeployMigrationValues, workspace: string): DeployMigrations | undefined {
  if (values.migrationsDirectory === undefined) {
    const stray = (
      [
        ['database-url', values.databaseUrl === undefined ? undefined : '***'],
        ['database-url-secret', values.databaseUrlSecret],
        ['migration-allow', values.migrationAllow?.join(',')],
        ['contract', values.contract ? 'true' : undefined],
      ] as const
    ).filter(([, value]) => value !== undefined);
    if (stray.length > 0)
      throw invalidInputs(
        stray.map(([input, value]) => new InputError(input, value, 'no value unless migrations-directory is set')),
      );
    return undefined;
  }
  const defaults = migrateInputs.read({ get: () => undefined });
  const config = toMigrationGateConfig(
    {
      ...defaults,
      mode: 'apply',
      phase: 'expand',
      workingDirectory: values.migrationsDirectory,
      alembicConfig: values.alembicConfig,
      alembicCommand: values.alembicCommand,
      databaseUrl: values.databaseUrl,
      databaseUrlSecret: values.databaseUrlSecret,
      allow: values.migrationAllow,
    },
    workspace,
    'migrations-directory',
  );
  return { config, contract: values.contract };
}
