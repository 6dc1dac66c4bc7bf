import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { AadstsError, aadstsErrors } from './errors.js';
import type { EntraTokens } from './entra-tokens.js';
import type { Exchange } from './gateway.js';
import { sendJson } from './http.js';
import type { Identity, Tenant } from './world.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3599;

export interface EntraDeps {
  tenants: Tenant[];
  tokens: EntraTokens;
  origin: () => string;
  /** The GitHub issuer the emulator stands in for, and where its key set is served. */
  github: { issuer: string; jwksUrl: () => string };
}

/** Entra ID: OpenID discovery and the client-credentials grant with a federated (GitHub) assertion. */
export function entraHost(deps: EntraDeps) {
  let githubKeys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keysOf = () => (githubKeys ??= createRemoteJWKSet(new URL(deps.github.jwksUrl())));

  return async (exchange: Exchange): Promise<void> => {
    const { res, method, path } = exchange;
    const route =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.exec(path);
    const tenantId = route?.[1] ?? '';
    const tenant = deps.tenants.find((candidate) => candidate.id.toLowerCase() === tenantId.toLowerCase());
    const correlationId =
      exchange.req.headers['client-request-id']?.toString() ??
      exchange.url.searchParams.get('client-request-id') ??
      randomUUID();
    if (!route) {
      sendJson(res, 404, {
        error: 'not_found',
        error_description: `The emulator's Entra does not serve '${method} ${path}'.`,
      });
      return;
    }
    if (!tenant) {
      sendJson(res, 400, aadstsErrors.tenantNotFound(tenantId).body(correlationId));
      return;
    }
    const base = `${deps.origin()}/${tenant.id}`;
    if (method === 'GET' && route[2] === 'v2.0/.well-known/openid-configuration') {
      sendJson(res, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        issuer: `${base}/v2.0`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        id_token_signing_alg_values_supported: ['RS256'],
        tenant_region_scope: 'EU',
      });
      return;
    }
    if (method === 'GET' && route[2] === 'discovery/v2.0/keys') {
      sendJson(res, 200, deps.tokens.jwks());
      return;
    }
    if (method !== 'POST' || route[2] !== 'oauth2/v2.0/token') {
      sendJson(res, 405, { error: 'invalid_request', error_description: `Method ${method} is not allowed here.` });
      return;
    }
    const form = new URLSearchParams(exchange.body.toString('utf8'));
    if (form.get('client_id')) exchange.principal = form.get('client_id') ?? undefined;
    try {
      const identity = await exchangeAssertion(form, tenant, deps, keysOf);
      const scope = form.get('scope') ?? '';
      const audience =
        scope
          .split(' ')
          .find((item) => item.endsWith('/.default'))
          ?.slice(0, -'/.default'.length) ?? '';
      const accessToken = await deps.tokens.issue({
        tid: tenant.id,
        oid: identity.objectId,
        appid: identity.clientId,
        audience,
        issuer: `${base}/v2.0`,
        lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      });
      sendJson(res, 200, {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        access_token: accessToken,
      });
    } catch (error) {
      if (!(error instanceof AadstsError)) throw error;
      sendJson(res, error.status, error.body(correlationId));
    }
  };
}

async function exchangeAssertion(
  form: URLSearchParams,
  tenant: Tenant,
  deps: EntraDeps,
  githubKeys: () => ReturnType<typeof createRemoteJWKSet>,
): Promise<Identity> {
  const grant = form.get('grant_type') ?? '';
  if (grant !== 'client_credentials') throw aadstsErrors.unsupportedGrant(grant);
  for (const name of ['client_id', 'scope', 'client_assertion', 'client_assertion_type']) {
    if (!form.get(name)) throw aadstsErrors.missingParameter(name);
  }
  const scope = form.get('scope') ?? '';
  if (!scope.split(' ').some((item) => item.endsWith('/.default'))) throw aadstsErrors.invalidScope(scope);
  if (form.get('client_assertion_type') !== ASSERTION_TYPE)
    throw aadstsErrors.missingParameter('client_assertion_type');
  const clientId = form.get('client_id') ?? '';
  const identity = tenant.identities.find((candidate) => candidate.clientId.toLowerCase() === clientId.toLowerCase());
  if (!identity) throw aadstsErrors.unknownClient(clientId, tenant.id);

  const assertion = form.get('client_assertion') ?? '';
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(assertion);
  } catch (error) {
    throw aadstsErrors.malformedAssertion((error as Error).message);
  }
  const byIssuer = identity.federatedCredentials.filter((credential) => credential.issuer === unverified.iss);
  if (byIssuer.length === 0 || unverified.iss !== deps.github.issuer)
    throw aadstsErrors.noMatchingIssuer(String(unverified.iss));

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, githubKeys(), { issuer: deps.github.issuer, algorithms: ['RS256'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw aadstsErrors.assertionOutOfTime(
        `Current time: ${new Date().toISOString()}, expiry time of assertion ${new Date(Number(error.payload.exp) * 1000).toISOString()}.`,
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
      throw aadstsErrors.assertionOutOfTime(
        `Current time: ${new Date().toISOString()}, assertion valid from ${new Date(Number(error.payload.nbf) * 1000).toISOString()}.`,
      );
    }
    throw aadstsErrors.malformedAssertion((error as Error).message);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ''];
  const byAudience = byIssuer.filter((credential) =>
    credential.audiences.some((audience) => audiences.includes(audience)),
  );
  if (byAudience.length === 0) throw aadstsErrors.noMatchingAudience(audiences.join(','));
  if (!byAudience.some((credential) => credential.subject === payload.sub))
    throw aadstsErrors.noMatchingSubject(String(payload.sub));
  return identity;
}
