/** The claims of a GitHub OIDC token that answer "why was my federated credential refused?". */
export interface OidcClaims {
  iss?: string;
  sub?: string;
  aud?: string;
  job_workflow_ref?: string;
}

/** Reads the claims without verifying the token: for diagnostics only, never for trust. */
export function readOidcClaims(token: string): OidcClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const text = (value: unknown): string | undefined =>
      Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : undefined;
    return {
      iss: text(claims.iss),
      sub: text(claims.sub),
      aud: text(claims.aud),
      job_workflow_ref: text(claims.job_workflow_ref),
    };
  } catch {
    return undefined;
  }
}
