/**
 * The bundled migrate action reading database-url-secret from the emulator's Key Vault with the job's OIDC sign-in,
 * then planning against the real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';
import { createDatabase, dropDatabase, MigrationsProject } from '../../../packages/shared/test/migrations-fixture.js';
import { runAction, tokensIn, unmaskedSecrets } from '../../../test/support/run-action.js';

const DATABASE = 'augeo_migrate_key_vault';
const PASSWORD = 'vault-Pa55word-secret';
const RESOURCE_GROUP = 'augeo-staging-rg';
const VAULT = 'augeo-staging-kv';
const LOCKED_VAULT = 'augeo-locked-kv';
const NOT_A_URL = 'hunter2-is-not-a-url';

let databaseUrl: string;
let emulator: Emulator;
const project = new MigrationsProject();

/** The default world's identities without any app, and two vaults: the staging deployer may read only the first. */
async function startVaultEmulator(): Promise<Emulator> {
  const world = await loadWorld(undefined);
  const subscription = world.subscriptions[0]!;
  const group = subscription.resourceGroups.find((candidate) => candidate.name === RESOURCE_GROUP)!;
  const deployer = world.roleAssignments.find(
    (assignment) =>
      assignment.scope.endsWith(`/resourceGroups/${RESOURCE_GROUP}`) && assignment.role === 'Website Contributor',
  )!.principalId;
  subscription.resourceGroups = [
    {
      name: RESOURCE_GROUP,
      location: group.location,
      sites: [],
      keyVaults: [
        { name: VAULT, secrets: { 'database-url': databaseUrl, 'not-a-url': NOT_A_URL } },
        { name: LOCKED_VAULT, secrets: { 'database-url': databaseUrl } },
      ],
    },
  ];
  world.roleAssignments.push({
    principalId: deployer,
    role: 'Key Vault Secrets User',
    scope: `/subscriptions/${subscription.id}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/${VAULT}`,
  });
  return startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR });
}

beforeAll(async () => {
  databaseUrl = await createDatabase(DATABASE, { password: PASSWORD });
  emulator = await startVaultEmulator();
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  project.remove();
  await dropDatabase(DATABASE);
});

const migrate = (secretUri: string) =>
  runAction(
    'migrate',
    { mode: 'plan', 'database-url-secret': secretUri },
    { ...emulator.env, GITHUB_WORKSPACE: project.dir },
  );
/** What the run printed besides the `::add-mask::` commands that hide values on a runner. */
const printed = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

describe('migrate with database-url-secret', () => {
  it('reads the URL from Key Vault with the OIDC sign-in, masks it at once, and plans against the database', async () => {
    const run = await migrate(`${emulator.keyVaultUrl(VAULT)}/secrets/database-url`);

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ current: '', head: '0003', pending: '["0001","0002","0003"]' });
    const lines = run.stdout.split('\n');
    const masked = lines.indexOf(`::add-mask::${databaseUrl}`);
    expect(masked).toBeGreaterThanOrEqual(0);
    expect(masked).toBeLessThan(lines.findIndex((line) => line.startsWith('Using alembic')));
    expect(printed(run.stdout)).not.toContain(PASSWORD);
    expect(printed(run.summary)).not.toContain(PASSWORD);
    expect(unmaskedSecrets(run.stdout, tokensIn(run.stdout))).toEqual([]);
    expect(
      emulator
        .journal()
        .filter((entry) => entry.host === 'key-vault')
        .map((entry) => entry.status),
    ).toEqual([401, 200]);
  });

  it('names the vault, the identity and the role to assign when Key Vault answers 403', async () => {
    const uri = `${emulator.keyVaultUrl(LOCKED_VAULT)}/secrets/database-url`;
    const run = await migrate(uri);

    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      `Key Vault refused to give the secret ${uri} (database-url-secret) to the identity ${emulator.env.AZURE_CLIENT_ID}: it lacks the role to read secrets.`,
    );
    expect(run.errors.join('\n')).toContain("'Key Vault Secrets User'");
    expect(run.stdout).not.toContain('Using alembic');
  });

  it('reports a secret that is no database URL by its URI, never by its value', async () => {
    const uri = `${emulator.keyVaultUrl(VAULT)}/secrets/not-a-url`;
    const run = await migrate(uri);

    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(`Input 'database-url-secret' is invalid: got '${uri}'`);
    expect(run.stdout).toContain(`::add-mask::${NOT_A_URL}`);
    expect(printed(run.stdout)).not.toContain(NOT_A_URL);
  });

  it('refuses a secret URI that is not one, before signing in', async () => {
    const run = await migrate('http://augeo-kv.vault.azure.net/keys/database-url');

    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "Input 'database-url-secret' is invalid: got 'http://augeo-kv.vault.azure.net/keys/database-url', expected a Key Vault secret URI",
    );
    expect(tokensIn(run.stdout)).toEqual([]);
  });
});
