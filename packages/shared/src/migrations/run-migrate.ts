import { readAzureSettings } from '../azure/azure-settings.js';
import { createAzureCredential, needsClientId, type AzureSignIn } from '../azure/azure-sign-in.js';
import { readKeyVaultSecret } from '../azure/key-vault-secret.js';
import type { ActionIO } from '../io/action-io.js';
import { resolveDatabaseUrl } from './database-url-secret.js';
import { migrateInputs, toMigrationGateConfig } from './migrate-inputs.js';
import { runMigrationGate } from './migration-gate.js';

/** actions/migrate: inputs → (database URL from Key Vault) → the migration gate. */
export async function runMigrate(io: ActionIO, signIn: AzureSignIn): Promise<void> {
  const checked = toMigrationGateConfig(migrateInputs.read(io.inputs), io.env.GITHUB_WORKSPACE ?? process.cwd());
  const config = await resolveDatabaseUrl(checked, (secret) => {
    // Signs in only when a secret is to be read: lint and database-url runs need no Azure settings.
    const settings = readAzureSettings(io, { needsClientId: needsClientId(signIn) });
    const credential = createAzureCredential(settings, signIn, io.log);
    return readKeyVaultSecret(credential, secret, {
      input: 'database-url-secret',
      clientId: settings.clientId,
      log: io.log,
    });
  });
  await runMigrationGate(config, { log: io.log, outputs: io.outputs, summary: io.summary, env: io.env });
}
