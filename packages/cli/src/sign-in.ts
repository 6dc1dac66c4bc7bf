import { readFile } from 'node:fs/promises';
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import type { AzureSignIn } from '@augeo/shared/azure/azure-sign-in';
import type { AzureSettings } from '@augeo/shared/azure/azure-settings';
import type { IdTokenSource } from '@augeo/shared/azure/github-oidc-credential';
import type { Logger } from '@augeo/shared/io/action-io';
import { authNotConfigured, idTokenRequestFailed, unknownAuth } from './errors.js';

export const AUTH_MODES = ['oidc', 'env', 'workload-identity', 'cli'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

type Env = Readonly<Record<string, string | undefined>>;
const has = (env: Env, name: string) => Boolean(env[name]?.trim());

export function parseAuthMode(value: string): AuthMode {
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (!mode) throw unknownAuth(value, AUTH_MODES);
  return mode;
}

/**
 * Without --auth, the first that applies (docs/cli.md): GitHub's OIDC variables (a job with id-token: write, or the
 * emulator's env file), then a client secret or certificate in the environment, then a workload-identity token
 * file, and last the operator's `az login`.
 */
export function chooseAuthMode(env: Env): AuthMode {
  if (has(env, 'ACTIONS_ID_TOKEN_REQUEST_URL') && has(env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN')) return 'oidc';
  if (has(env, 'AZURE_CLIENT_SECRET') || has(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) return 'env';
  if (has(env, 'AZURE_FEDERATED_TOKEN_FILE')) return 'workload-identity';
  return 'cli';
}

/**
 * The sign-in the actions' cores get. OIDC and workload identity are client assertions, exchanged by the very
 * credential code the actions use; a secret, a certificate or az login are @azure/identity credentials built from
 * the same settings (authority host, tenant, client).
 */
export function signInFor(mode: AuthMode, env: Env, log: Logger): AzureSignIn {
  switch (mode) {
    case 'oidc':
      return githubOidcTokens(env);
    case 'workload-identity':
      return tokenFile(env);
    case 'env':
      return environmentCredential(env, log);
    case 'cli':
      return {
        needsClientId: false,
        credentialFor: (settings) => new AzureCliCredential(settings.tenantId ? { tenantId: settings.tenantId } : {}),
      };
  }
}

/** GitHub's ID-token endpoint, asked as @actions/core asks it, outside the runner (or against the emulator). */
function githubOidcTokens(env: Env): IdTokenSource {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim();
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim();
  if (!url || !bearer)
    throw authNotConfigured('oidc', 'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN');
  return {
    async getIdToken(audience) {
      const response = await fetch(`${url}&audience=${encodeURIComponent(audience)}`, {
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      });
      const body = await response.text();
      if (!response.ok) throw idTokenRequestFailed(response.status, body);
      const token = (JSON.parse(body) as { value?: unknown }).value;
      if (typeof token !== 'string' || token === '')
        throw idTokenRequestFailed(response.status, 'no token in the answer');
      return token;
    },
  };
}

/** A Kubernetes-style projected token: read afresh on every exchange, since the kubelet rotates the file. */
function tokenFile(env: Env): IdTokenSource {
  const path = env.AZURE_FEDERATED_TOKEN_FILE?.trim();
  if (!path) throw authNotConfigured('workload-identity', 'AZURE_FEDERATED_TOKEN_FILE');
  return { getIdToken: async () => (await readFile(path, 'utf8')).trim() };
}

function environmentCredential(env: Env, log: Logger): AzureSignIn {
  const secret = env.AZURE_CLIENT_SECRET?.trim();
  const certificatePath = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim();
  if (!secret && !certificatePath)
    throw authNotConfigured('env', 'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
  if (secret) log.mask(secret);
  const options = (settings: AzureSettings) => ({
    authorityHost: settings.authorityHost,
    // As for OIDC: the authority host is given, so there is nothing to discover (and a sovereign cloud could not).
    disableInstanceDiscovery: true,
  });
  return {
    needsClientId: true,
    credentialFor: (settings) =>
      secret
        ? new ClientSecretCredential(settings.tenantId, settings.clientId, secret, options(settings))
        : new ClientCertificateCredential(
            settings.tenantId,
            settings.clientId,
            { certificatePath: certificatePath ?? '' },
            options(settings),
          ),
  };
}
