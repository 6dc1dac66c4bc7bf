import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { OidcContext } from './world.js';

const KEY_ID = 'augeo-emulator-github-oidc';

/** The claims a GitHub Actions job would get, computed from a settable job context. */
export class GithubOidcIssuer {
  #context: OidcContext;

  private constructor(
    readonly issuer: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
    context: OidcContext,
  ) {
    this.#context = context;
  }

  static async create(issuer: string, context: OidcContext): Promise<GithubOidcIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
    return new GithubOidcIssuer(issuer, privateKey, publicJwk, context);
  }

  context(): OidcContext {
    return { ...this.#context };
  }

  /** Applies a patch; `null` or an empty string clears an optional claim such as `environment`. */
  setContext(patch: Partial<Record<keyof OidcContext, string | null | undefined>>): void {
    const next: Record<string, string | undefined> = { ...this.#context };
    for (const [key, value] of Object.entries(patch)) {
      next[key] = value === null || value === '' ? undefined : value;
    }
    this.#context = next as unknown as OidcContext;
  }

  /** The subject GitHub computes: environment wins, then pull_request, then the ref. */
  subject(): string {
    const { repository, environment, event_name, ref } = this.#context;
    if (environment) return `repo:${repository}:environment:${environment}`;
    if (event_name === 'pull_request') return `repo:${repository}:pull_request`;
    return `repo:${repository}:ref:${ref}`;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async sign(audience: string): Promise<string> {
    const context = this.#context;
    const [owner] = context.repository.split('/');
    const claims: Record<string, string> = {
      ref: context.ref,
      sha: context.sha,
      repository: context.repository,
      repository_owner: owner ?? context.repository,
      repository_visibility: 'private',
      run_id: context.run_id,
      run_number: context.run_number,
      run_attempt: context.run_attempt,
      actor: context.actor,
      workflow: context.workflow_ref.split('@')[0]?.split('/').pop() ?? '',
      workflow_ref: context.workflow_ref,
      job_workflow_ref: context.job_workflow_ref,
      event_name: context.event_name,
      ref_type: context.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      runner_environment: 'github-hosted',
      head_ref: context.head_ref ?? '',
      base_ref: context.base_ref ?? '',
    };
    if (context.environment) claims.environment = context.environment;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(this.subject())
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('5m')
      .sign(this.privateKey);
  }
}

export function defaultOidcContext(repository: string, overrides: Partial<OidcContext> = {}): OidcContext {
  const workflowRef = `${repository}/.github/workflows/deploy.yml@refs/heads/main`;
  return {
    repository,
    ref: 'refs/heads/main',
    sha: randomBytes(20).toString('hex'),
    event_name: 'push',
    job_workflow_ref: workflowRef,
    workflow_ref: workflowRef,
    actor: 'octocat',
    run_id: String(Date.now()),
    run_number: '1',
    run_attempt: '1',
    ...overrides,
  };
}
