import { createHash } from 'node:crypto';
import type { EntraTokens } from './entra-tokens.js';
import type { FaultBook } from './faults.js';
import { gateway, type Exchange } from './gateway.js';
import { listen, sendJson, type Listening, type TlsIdentity } from './http.js';
import type { Journal } from './journal.js';
import { isDataActionAllowed } from './rbac.js';
import type { RoleAssignment, World } from './world.js';

/** The resource Key Vault tokens are issued for, in every public-cloud vault's challenge. */
export const KEY_VAULT_RESOURCE = 'https://vault.azure.net';
const GET_SECRET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';

interface Vault {
  name: string;
  tenantId: string;
  /** ARM id of the vault: the scope its role assignments are checked against. */
  id: string;
  location: string;
  secrets: Record<string, string>;
}

export interface KeyVaultOptions {
  tls: TlsIdentity;
  journal: Journal;
  faults: FaultBook;
  tokens: EntraTokens;
  roleAssignments: RoleAssignment[];
  /** The emulator's Entra origin: the authority a challenge names. */
  entraOrigin: () => string;
}

class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly inner?: string,
  ) {
    super(message);
  }

  body(): unknown {
    return {
      error: { code: this.code, message: this.message, ...(this.inner ? { innererror: { code: this.inner } } : {}) },
    };
  }
}

/**
 * The data plane of every Key Vault in the world (GET secret), each on its own HTTPS port: a vault is told apart by
 * its address, as `<name>.vault.azure.net` is in Azure. Requests without a token get Key Vault's challenge (401 with
 * `WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="https://vault.azure.net"`), which the
 * real @azure/keyvault-secrets client answers with a token for `https://vault.azure.net/.default`; the caller then
 * needs the Key Vault Secrets User role (RBAC permission model) on the vault or above.
 */
export async function listenKeyVaults(world: World, options: KeyVaultOptions): Promise<Map<string, Listening>> {
  const listening = new Map<string, Listening>();
  try {
    for (const vault of vaultsOf(world)) {
      let origin = '';
      const listener = await listen(
        gateway({
          host: 'key-vault',
          journal: options.journal,
          faults: options.faults,
          handle: (exchange) => serveVault(exchange, vault, options, origin),
          faultBody: (status) =>
            new KeyVaultError(status, 'ServiceUnavailable', `Fault injected by the emulator (HTTP ${status}).`).body(),
          crashBody: (error) => new KeyVaultError(500, 'InternalServerError', error.message).body(),
        }),
        options.tls,
      );
      origin = listener.origin;
      listening.set(vault.name.toLowerCase(), listener);
    }
    return listening;
  } catch (error) {
    await Promise.all([...listening.values()].map((listener) => listener.close()));
    throw error;
  }
}

function vaultsOf(world: World): Vault[] {
  return world.subscriptions.flatMap((subscription) =>
    subscription.resourceGroups.flatMap((group) =>
      (group.keyVaults ?? []).map((vault) => ({
        name: vault.name,
        tenantId: subscription.tenantId,
        id: `/subscriptions/${subscription.id}/resourceGroups/${group.name}/providers/Microsoft.KeyVault/vaults/${vault.name}`,
        location: group.location,
        secrets: { ...vault.secrets },
      })),
    ),
  );
}

async function serveVault(exchange: Exchange, vault: Vault, options: KeyVaultOptions, origin: string): Promise<void> {
  const challenge = `Bearer authorization="${options.entraOrigin()}/${vault.tenantId}", resource="${KEY_VAULT_RESOURCE}"`;
  try {
    const caller = await authenticate(exchange, vault, options);
    exchange.principal = caller.oid;
    if (!exchange.url.searchParams.get('api-version'))
      throw new KeyVaultError(400, 'BadParameter', "The 'api-version' query parameter is missing.");
    const route = /^\/secrets\/([0-9a-zA-Z-]{1,127})(?:\/([0-9a-f]{32}))?\/?$/.exec(exchange.path);
    if (exchange.method !== 'GET' || !route)
      throw new KeyVaultError(
        404,
        'NotFound',
        `The emulator's Key Vault serves only GET /secrets/{name}[/{version}], not '${exchange.method} ${exchange.path}'.`,
      );
    if (!isDataActionAllowed(options.roleAssignments, caller.oid, GET_SECRET, vault.id)) {
      throw new KeyVaultError(
        403,
        'Forbidden',
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${caller.appid};oid=${caller.oid};iss=${options.entraOrigin()}/${caller.tid}/v2.0\r\nAction: '${GET_SECRET}'\r\nResource: '${vault.id.toLowerCase()}/secrets/${route[1]!.toLowerCase()}'\r\nAssignment: (not found)\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${vault.name};location=${vault.location}\r\n`,
        'ForbiddenByRbac',
      );
    }
    const [, name = '', version] = route;
    const secretName = Object.keys(vault.secrets).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    const value = secretName === undefined ? undefined : vault.secrets[secretName];
    const current = value === undefined ? undefined : versionOf(name, value);
    if (value === undefined || (version !== undefined && version !== current)) {
      throw new KeyVaultError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${version ? `${name}/${version}` : name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
      );
    }
    sendJson(exchange.res, 200, {
      value,
      id: `${origin}/secrets/${secretName}/${current}`,
      attributes: { enabled: true, created: 1767225600, updated: 1767225600, recoveryLevel: 'Recoverable+Purgeable' },
      tags: {},
    });
  } catch (error) {
    if (!(error instanceof KeyVaultError)) throw error;
    sendJson(exchange.res, error.status, error.body(), error.status === 401 ? { 'www-authenticate': challenge } : {});
  }
}

async function authenticate(
  exchange: Exchange,
  vault: Vault,
  options: KeyVaultOptions,
): Promise<{ tid: string; oid: string; appid: string }> {
  const header = exchange.req.headers.authorization;
  if (!header?.startsWith('Bearer '))
    throw new KeyVaultError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.');
  let caller;
  try {
    caller = await options.tokens.verify(header.slice('Bearer '.length), [
      KEY_VAULT_RESOURCE,
      `${KEY_VAULT_RESOURCE}/`,
    ]);
  } catch {
    throw new KeyVaultError(
      401,
      'Unauthorized',
      `AKV10022: Invalid audience, signature or lifetime. Expected a token for ${KEY_VAULT_RESOURCE}.`,
    );
  }
  if (caller.tid.toLowerCase() !== vault.tenantId.toLowerCase())
    throw new KeyVaultError(
      401,
      'Unauthorized',
      `AKV10032: Invalid issuer. Expected a token of tenant ${vault.tenantId}.`,
    );
  return caller;
}

/** A stable 32-hex version id per value, as Key Vault's are. */
function versionOf(name: string, value: string): string {
  return createHash('sha256').update(`${name}\n${value}`).digest('hex').slice(0, 32);
}
