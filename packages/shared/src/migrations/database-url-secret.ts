import type { SecretUri } from '../azure/key-vault-secret.js';
import { InputError } from '../errors.js';
import { parseDatabaseUrl } from './database-url.js';
import type { MigrationGateConfig } from './migration-gate.js';

/** Reads a Key Vault secret's value (masked by the reader the moment it arrives). */
export type SecretReader = (secret: SecretUri) => Promise<string>;

/**
 * The gate's config with the database URL in place: from database-url as given, or read from the Key Vault secret
 * that database-url-secret names. A value that is not a PostgreSQL URL is reported by the secret's URI, never by
 * the value (it may be a bare password).
 */
export async function resolveDatabaseUrl(
  config: MigrationGateConfig & { databaseUrlSecret?: SecretUri },
  readSecret: SecretReader,
): Promise<MigrationGateConfig> {
  const { databaseUrlSecret, ...rest } = config;
  if (!databaseUrlSecret) return rest;
  const value = await readSecret(databaseUrlSecret);
  try {
    return { ...rest, databaseUrl: parseDatabaseUrl('database-url-secret', value.trim()) };
  } catch {
    throw new InputError(
      'database-url-secret',
      databaseUrlSecret.uri,
      'a secret whose value is a PostgreSQL URL such as postgresql+psycopg2://user:password@host:5432/dbname',
    );
  }
}
