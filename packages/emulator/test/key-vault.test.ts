import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
import { startEmulator, type Emulator } from '../src/index.js';
import { loadWorld } from '../src/world.js';
import {
  AZURE_AUDIENCE,
  CA_DIR,
  REPO_ROOT,
  silenceWorkflowCommands,
  STAGING_CLIENT,
  STAGING_OBJECT,
  SUBSCRIPTION,
  TENANT,
  TEST_WORLD,
} from './support/test-emulator.js';

// The Key Vault data plane: the challenge a real client answers, RBAC by data role, and the secret's shape.

const SECRET = 'postgresql+psycopg2://app:s3cret@db.example:5432/app';
const vaultScope = (name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/shop-staging-rg/providers/Microsoft.KeyVault/vaults/${name}`;

describe('Key Vault secrets', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    silenceWorkflowCommands();
    const world = await loadWorld(TEST_WORLD);
    const group = world.subscriptions[0]!.resourceGroups.find((candidate) => candidate.name === 'shop-staging-rg')!;
    group.keyVaults = [
      { name: 'shop-kv', secrets: { 'database-url': SECRET } },
      { name: 'shop-locked-kv', secrets: { 'database-url': SECRET } },
    ];
    // The staging identity is Website Contributor on the group (control plane only) and may read one vault's secrets.
    world.roleAssignments.push({
      principalId: STAGING_OBJECT,
      role: 'Key Vault Secrets User',
      scope: vaultScope('shop-kv'),
    });
    emulator = await startEmulator({ world, caDir: CA_DIR, repoRoot: REPO_ROOT });
    Object.assign(process.env, emulator.env);
  });
  afterAll(() => emulator?.stop());

  const vaultToken = async () =>
    (
      await new ClientAssertionCredential(TENANT, STAGING_CLIENT, () => core.getIDToken(AZURE_AUDIENCE), {
        authorityHost: emulator.env.AZURE_AUTHORITY_HOST,
        disableInstanceDiscovery: true,
      }).getToken('https://vault.azure.net/.default')
    ).token;
  const getSecret = (vault: string, path: string, token?: string) =>
    fetch(`${emulator.keyVaultUrl(vault)}${path}?api-version=7.6`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('answers a request without a token with the challenge naming the tenant and the vault resource', async () => {
    const response = await getSecret('shop-kv', '/secrets/database-url');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer authorization="${emulator.env.AZURE_AUTHORITY_HOST}/${TENANT}", resource="https://vault.azure.net"`,
    );
    expect(await response.json()).toEqual({
      error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' },
    });
  });

  it('gives the secret, with its versioned id, to an identity holding Key Vault Secrets User', async () => {
    const token = await vaultToken();
    const response = await getSecret('shop-kv', '/secrets/database-url', token);

    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: string; id: string };
    expect(body.value).toBe(SECRET);
    expect(body.id).toMatch(new RegExp(`^${emulator.keyVaultUrl('shop-kv')}/secrets/database-url/[0-9a-f]{32}$`));
    const version = body.id.split('/').pop();
    expect((await getSecret('shop-kv', `/secrets/database-url/${version}`, token)).status).toBe(200);
    expect((await getSecret('shop-kv', `/secrets/database-url/${'0'.repeat(32)}`, token)).status).toBe(404);
    expect((await getSecret('shop-kv', '/secrets/no-such-secret', token)).status).toBe(404);
    expect(emulator.journal().filter((entry) => entry.host === 'key-vault' && entry.status === 200)).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/secrets/database-url', principal: STAGING_OBJECT }),
    );
  });

  it('refuses an identity without a data role (control-plane roles do not count) with 403 ForbiddenByRbac', async () => {
    const response = await getSecret('shop-locked-kv', '/secrets/database-url', await vaultToken());

    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string; innererror: { code: string } } };
    expect(body.error.code).toBe('Forbidden');
    expect(body.error.innererror.code).toBe('ForbiddenByRbac');
    expect(body.error.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'");
    expect(body.error.message).not.toContain(SECRET);
  });

  it('refuses a token issued for another resource (ARM)', async () => {
    const armToken = (
      await new ClientAssertionCredential(TENANT, STAGING_CLIENT, () => core.getIDToken(AZURE_AUDIENCE), {
        authorityHost: emulator.env.AZURE_AUTHORITY_HOST,
        disableInstanceDiscovery: true,
      }).getToken('https://management.azure.com/.default')
    ).token;
    const response = await getSecret('shop-kv', '/secrets/database-url', armToken);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('resource="https://vault.azure.net"');
  });
});
