import { formatDuration } from '../inputs/duration.js';
import { AugeoError, InputError, describeError } from './augeo-error.js';

/** A slot named in an input does not exist: found by reading, before anything was written. */
export function slotNotFound(input: string, slot: string, app: string): InputError {
  return new InputError(input, slot, `a slot that exists in the app '${app}' (ARM answered ResourceNotFound)`);
}

/** Another run holds the site's deploy lock and did not let go within lock-wait. */
export function deployLocked(app: string, holder: string, waitMs: number, tag: string): AugeoError {
  return new AugeoError(
    `Refusing to deploy ${app}: ${holder}. Waited ${formatDuration(waitMs)} (lock-wait) without getting the lock.`,
    {
      code: 'DeployLocked',
      hint:
        `Let the other run finish, or raise lock-wait. If that run is dead, its lease expires by itself; to clear it ` +
        `at once, delete the '${tag}' tag of the app (az tag update --operation Delete --resource-id <app id> --tags ${tag}).`,
    },
  );
}

/** The slot never passed its gate: nothing was swapped, production is as it was. */
export function slotNeverHealthy(slot: string, image: string, reasons: string[], production: string): AugeoError {
  return new AugeoError(
    `Slot '${slot}' with ${image} did not pass its health gate, so nothing was swapped. Production is untouched and ` +
      `serves ${production}.\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'SlotUnhealthy',
      hint: 'The job summary has the gate numbers; the slot still runs the new image for inspection.',
    },
  );
}

/** The swap call failed and ARM shows nothing moved. */
export function swapDidNotHappen(source: string, target: string, cause: unknown, production: string): AugeoError {
  return new AugeoError(
    `The swap ${source} → ${target} failed and nothing was swapped: production serves ${production}.\n` +
      `Azure said: ${describeError(cause).split('\n')[0]}`,
    {
      code: 'SwapFailed',
      hint: 'A swap fails when the source slot does not answer its warm-up ping; check the slot, then re-run.',
      cause,
    },
  );
}

/** Our deadline passed while Azure still runs the swap: loudly, since the slots may still change. */
export function swapStillRunning(source: string, target: string, timeoutMs: number, production: string): AugeoError {
  return new AugeoError(
    `SWAP STILL RUNNING: ${source} → ${target} did not finish within ${formatDuration(timeoutMs)} and Azure is still running ` +
      `it. Right now production serves ${production}; it will switch when Azure finishes.`,
    {
      code: 'SwapStillRunning',
      hint: 'Watch the app in the portal; re-running this step detects a finished swap and verifies production instead of swapping again.',
    },
  );
}

/** Production failed its gate after the swap; it was swapped back and verified. */
export function releaseRolledBack(image: string, reasons: string[], production: string): AugeoError {
  return new AugeoError(
    `${image} failed its health gate in production, so it was swapped back. Production serves ${production} again ` +
      `(verified).\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'RolledBack',
      hint: 'The failed release stays in the slot for inspection; the job summary has the timeline.',
    },
  );
}

/** Production is unhealthy and nothing (more) can be done automatically: the loudest message we have. */
export function productionLeftUnhealthy(what: string, production: string, reasons: string[]): AugeoError {
  return new AugeoError(
    `PRODUCTION IS NOT HEALTHY: ${what}. Production serves ${production}.\n${reasons.map((reason) => `- ${reason}`).join('\n')}`,
    {
      code: 'ProductionUnhealthy',
      hint: 'Run the rollback action (to: previous, or to: <known-good image>) or swap the slots by hand now.',
    },
  );
}

/** rollback `to: previous`: the slot does not hold what it should, verified by what the app reports. */
export function rollbackTargetUnverified(slot: string, detail: string): AugeoError {
  return new AugeoError(`Not rolling back: the '${slot}' slot cannot be verified as the previous release: ${detail}`, {
    code: 'RollbackTargetUnverified',
    hint: 'Name the known-good image instead (to: <image>): it is staged in the slot, verified, then swapped in.',
  });
}
