import { randomUUID } from 'node:crypto';

/**
 * Who is acting, as recorded in the site's tags: the workflow run (id and attempt) plus a nonce that tells
 * two processes of the same run apart. Attempts of one run never overlap (GitHub runs them one after the
 * other), so a later attempt may take over what an earlier one left behind.
 */
export interface RunIdentity {
  runId: string;
  attempt: number;
  nonce: string;
  /** For people: `augeo/infra run 123 attempt 2 (deploy)`. */
  label: string;
}

export function runIdentity(env: Readonly<Record<string, string | undefined>>): RunIdentity {
  const runId = env.GITHUB_RUN_ID?.trim() || 'local';
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1') || 1;
  const repository = env.GITHUB_REPOSITORY?.trim() || 'a local run';
  const job = env.GITHUB_JOB?.trim();
  return {
    runId,
    attempt,
    nonce: randomUUID().slice(0, 8),
    label: `${repository} run ${runId} attempt ${attempt}${job ? ` (${job})` : ''}`,
  };
}
