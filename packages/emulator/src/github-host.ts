import { githubError } from './errors.js';
import type { Exchange } from './gateway.js';
import type { GithubOidcIssuer } from './github-oidc.js';
import type { GithubRest } from './github-rest.js';
import { sendJson } from './http.js';

export const ID_TOKEN_PATH = '/_oidc/token';
export const JWKS_PATH = '/.well-known/jwks';

/** Routes the GitHub origin: the Actions ID-token service, its key set, and the REST API. */
export function githubHost(deps: {
  oidc: GithubOidcIssuer;
  rest: GithubRest;
  requestToken: string;
  origin: () => string;
}) {
  return async (exchange: Exchange): Promise<void> => {
    const { res, method, path } = exchange;
    if (method === 'GET' && path === ID_TOKEN_PATH) {
      if (exchange.req.headers.authorization !== `Bearer ${deps.requestToken}`) {
        sendJson(res, 401, githubError('Bad credentials'));
        return;
      }
      const audience =
        exchange.url.searchParams.get('audience') ??
        `https://github.com/${deps.oidc.context().repository.split('/')[0]}`;
      sendJson(res, 200, { count: 1, value: await deps.oidc.sign(audience) });
      return;
    }
    if (method === 'GET' && path === JWKS_PATH) {
      sendJson(res, 200, deps.oidc.jwks());
      return;
    }
    if (method === 'GET' && path === '/.well-known/openid-configuration') {
      sendJson(res, 200, {
        issuer: deps.oidc.issuer,
        jwks_uri: `${deps.origin()}${JWKS_PATH}`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: [
          'sub',
          'aud',
          'exp',
          'iat',
          'iss',
          'jti',
          'nbf',
          'ref',
          'sha',
          'repository',
          'repository_owner',
          'environment',
          'event_name',
          'job_workflow_ref',
          'workflow_ref',
          'actor',
          'run_id',
        ],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid'],
      });
      return;
    }
    if (await deps.rest.route(exchange)) return;
    sendJson(res, 404, githubError('Not Found'));
  };
}
