import { describeError } from '../errors.js';
import type { Logger } from '../io/action-io.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure';

export interface DeploymentRequest {
  environment: string;
  /** Branch, tag or SHA being deployed. */
  ref: string;
  description: string;
  /** What a later rollback reads back: image, previous image, run. */
  payload: Record<string, string>;
}

export interface DeploymentStatusUpdate {
  description: string;
  environmentUrl?: string;
}

/** One deployment in the GitHub Deployments API. */
export interface Deployment {
  setStatus(state: DeploymentState, update: DeploymentStatusUpdate): Promise<void>;
}

/** Creates deployments; the action runtime implements it with Octokit, shared never sees a token. */
export interface DeploymentRecorder {
  create(request: DeploymentRequest): Promise<Deployment>;
}

/**
 * Recording is bookkeeping, not the deploy: a GitHub outage or a missing `deployments: write` permission is
 * a warning, never a reason to stop (or worse, to skip a swap back).
 */
export function tolerantRecorder(recorder: DeploymentRecorder | undefined, log: Logger): DeploymentRecorder {
  const noop: Deployment = { setStatus: async () => undefined };
  if (!recorder) return { create: async () => noop };
  return {
    async create(request) {
      try {
        const deployment = await recorder.create(request);
        return {
          async setStatus(state, update) {
            try {
              await deployment.setStatus(state, { ...update, description: update.description.slice(0, 140) });
            } catch (error) {
              log.warning(`Could not set the GitHub deployment status to ${state}: ${describeError(error)}`);
            }
          },
        };
      } catch (error) {
        log.warning(`Could not record a GitHub deployment: ${describeError(error)}`);
        return noop;
      }
    },
  };
}
