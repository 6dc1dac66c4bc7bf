import type { Timeline } from './timeline.js';

/**
 * What a GitHub environment holds for the rehearsal: its variables and secrets, and whether a reviewer must approve
 * its jobs. Read when each job starts, so a change between jobs (an admin setting a variable) reaches later jobs.
 */
export interface RehearsalEnvironment {
  vars: Record<string, string>;
  secrets: Record<string, string>;
  requiresApproval: boolean;
}

/** A job that has finished, as the people watching the run see it. */
export interface FinishedJob {
  where: string;
  environment: string | undefined;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
}

export interface RehearsalEvent {
  name: string;
  ref: string;
  sha: string;
  actor: string;
  /** The webhook payload, as `github.event`. */
  payload: Record<string, unknown>;
}

export interface RehearsalOptions {
  repoRoot: string;
  /** `owner/name` of the repository the run belongs to (the OIDC `sub` names it). */
  repository: string;
  event: RehearsalEvent;
  /** What the machine gives every step: endpoints, CA, the ID-token request URL (from the emulator's `env`). */
  runnerEnv: Record<string, string>;
  /** Repository variables (`vars.*`); an environment's own variables win inside its jobs. */
  vars: Record<string, string>;
  environments: Record<string, RehearsalEnvironment>;
  /** Environments whose required reviewers approve in this rehearsal; any other protected environment is rejected. */
  approve: string[];
  timeline: Timeline;
  /** Called after each job of steps: what a person does between jobs (docs/bootstrap.md step 5). */
  onJobFinished?: (job: FinishedJob) => void;
  /** Every line steps print. */
  log: (line: string) => void;
}
