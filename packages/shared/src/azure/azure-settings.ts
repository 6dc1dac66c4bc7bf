import { InputError, invalidInputs } from '../errors.js';
import type { ActionIO } from '../io/action-io.js';

/**
 * Where and as whom an action talks to Azure. Inputs win over the AZURE_* variables that
 * azure/login users already set; the endpoints are how sovereign clouds (and the emulator) are reached.
 */
export interface AzureSettings {
  tenantId: string;
  clientId: string;
  subscriptionId: string;
  /** Entra origin, e.g. https://login.microsoftonline.com (AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  /** ARM origin, e.g. https://management.azure.com (AZURE_RESOURCE_MANAGER_ENDPOINT). */
  resourceManagerEndpoint: string;
  /** The token scope ARM expects: the endpoint's own `/.default`, as for every Azure cloud. */
  resourceManagerScope: string;
  /** Audience of the GitHub OIDC token exchanged with Entra. */
  oidcAudience: string;
  /** How often long-running operations are polled when Azure sends no Retry-After. */
  pollIntervalMs: number;
}

export const AZURE_INPUTS = ['azure-client-id', 'azure-tenant-id', 'azure-subscription-id'] as const;

const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';
const DEFAULT_OIDC_AUDIENCE = 'api://AzureADTokenExchange';
const DEFAULT_POLL_INTERVAL_MS = 5000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the Azure settings; throws one InputError listing every bad or missing value. With `needsClientId: false`
 * (a sign-in that knows its own identity, such as az login) client and tenant ids may be left out: they are then ''.
 */
export function readAzureSettings(
  io: Pick<ActionIO, 'inputs' | 'env'>,
  { needsClientId = true }: { needsClientId?: boolean } = {},
): AzureSettings {
  const problems: InputError[] = [];
  const guid = (input: string, variable: string, needed = true): string => {
    const value = io.inputs.get(input) ?? io.env[variable]?.trim();
    if (!value && !needed) return '';
    if (!value || !GUID.test(value)) {
      problems.push(
        new InputError(input, value, `a GUID (set the input, or the ${variable} variable as azure/login users do)`),
      );
      return '';
    }
    return value;
  };
  const httpsOrigin = (variable: string, fallback: string): string => {
    const value = io.env[variable]?.trim() || fallback;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:') return url.origin;
    } catch {
      // reported below
    }
    problems.push(new InputError(variable, value, 'an https:// URL (Entra and ARM refuse tokens over plain http)'));
    return fallback;
  };

  const clientId = guid('azure-client-id', 'AZURE_CLIENT_ID', needsClientId);
  const tenantId = guid('azure-tenant-id', 'AZURE_TENANT_ID', needsClientId);
  const subscriptionId = guid('azure-subscription-id', 'AZURE_SUBSCRIPTION_ID');
  const authorityHost = httpsOrigin('AZURE_AUTHORITY_HOST', DEFAULT_AUTHORITY_HOST);
  const resourceManagerEndpoint = httpsOrigin('AZURE_RESOURCE_MANAGER_ENDPOINT', DEFAULT_RESOURCE_MANAGER_ENDPOINT);
  const pollIntervalMs = Number(io.env.AUGEO_POLL_INTERVAL_MS ?? DEFAULT_POLL_INTERVAL_MS);
  if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 1) {
    problems.push(
      new InputError('AUGEO_POLL_INTERVAL_MS', io.env.AUGEO_POLL_INTERVAL_MS, 'a whole number of milliseconds'),
    );
  }
  if (problems.length > 0) throw invalidInputs(problems);

  return {
    tenantId,
    clientId,
    subscriptionId,
    authorityHost,
    resourceManagerEndpoint,
    resourceManagerScope: `${resourceManagerEndpoint}/.default`,
    oidcAudience: io.env.AZURE_OIDC_AUDIENCE?.trim() || DEFAULT_OIDC_AUDIENCE,
    pollIntervalMs,
  };
}
