import { emulatorRefused } from '../errors.js';

export interface JobIdentity {
  repository: string;
  ref: string;
  sha: string;
  eventName: string;
  /** The job's environment, or undefined for a job without one. */
  environment: string | undefined;
  jobWorkflowRef: string;
}

/**
 * Tells the emulator's GitHub which claims the job's ID tokens carry (PUT /_emulator/oidc-context), as the real runner
 * does per job. Returns the `sub` the tokens will have.
 */
export async function setOidcContext(emulatorUrl: string, identity: JobIdentity): Promise<string> {
  const response = await fetch(new URL('/_emulator/oidc-context', emulatorUrl), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      repository: identity.repository,
      ref: identity.ref,
      sha: identity.sha,
      event_name: identity.eventName,
      environment: identity.environment ?? '',
      job_workflow_ref: identity.jobWorkflowRef,
    }),
  });
  const body = await response.text();
  if (!response.ok) throw emulatorRefused('the OIDC context', response.status, body);
  return String((JSON.parse(body) as { sub?: unknown }).sub ?? '');
}
