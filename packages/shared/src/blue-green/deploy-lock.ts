import { deployLocked } from '../errors.js';
import { formatDuration } from '../inputs/duration.js';
import type { Logger } from '../io/action-io.js';
import type { RunIdentity } from './run-identity.js';
import type { SlotOperations } from './slot-operations.js';

/** The site tag that holds the lease. Tag values are capped at 256 characters; the lease stays well under. */
export const LOCK_TAG = 'augeo-deploy-lock';

export interface LockHolder {
  runId: string;
  attempt: number;
  nonce: string;
  /** ISO times, in the runners' (NTP-synchronised) wall clock. */
  since: string;
  expires: string;
  /** What the holder does and who it is, for the "held by" message. */
  purpose: string;
}

export interface LockTiming {
  /** How long to wait for another holder before refusing; 0 refuses at once. */
  waitMs: number;
  /** Lease length: a holder that dies without releasing blocks others at most this long. */
  ttlMs: number;
  /**
   * Fischer's mutual exclusion: after writing, wait this long and read again; the lock is ours only if our
   * value is still there. Correct as long as every writer's write lands within `settleMs` of the read that
   * found the lock free; a writer that sees its own write take longer than half of it backs off.
   */
  settleMs: number;
  pollMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function encodeHolder(holder: LockHolder): string {
  return [holder.runId, holder.attempt, holder.nonce, holder.since, holder.expires, holder.purpose]
    .join('|')
    .slice(0, 256);
}

export function decodeHolder(value: string | undefined): LockHolder | undefined {
  const [runId, attempt, nonce, since, expires, ...purpose] = (value ?? '').split('|');
  if (!runId || !nonce || !since || !expires || Number.isNaN(Date.parse(expires))) return undefined;
  return { runId, attempt: Number(attempt) || 1, nonce, since, expires, purpose: purpose.join('|') };
}

/** Whether `holder` keeps `me` out: a live lease of someone else, and not an earlier attempt of my own run. */
export function blocks(holder: LockHolder | undefined, me: RunIdentity, nowMs: number): holder is LockHolder {
  if (!holder || holder.nonce === me.nonce) return false;
  if (Date.parse(holder.expires) <= nowMs) return false;
  return !(holder.runId === me.runId && holder.runId !== 'local' && holder.attempt < me.attempt);
}

export function describeHolder(holder: LockHolder): string {
  return `${holder.purpose} holds the deploy lock since ${holder.since} (lease until ${holder.expires})`;
}

export interface DeployLock {
  /** Re-reads the tag before a swap: throws when someone else holds it now, re-takes it when it was lost. */
  confirm(): Promise<void>;
  release(): Promise<void>;
}

/**
 * A lease on the site, recorded in a site tag: two deploys of one app never interleave their swaps, even when
 * they come from different workflows (GitHub's `concurrency` only serialises one workflow's runs).
 */
export async function acquireDeployLock(
  ops: SlotOperations,
  me: RunIdentity,
  purpose: string,
  timing: LockTiming,
  log: Logger,
): Promise<DeployLock> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const mine = (): LockHolder => ({
    runId: me.runId,
    attempt: me.attempt,
    nonce: me.nonce,
    since: new Date(now()).toISOString(),
    expires: new Date(now() + timing.ttlMs).toISOString(),
    purpose: `${purpose} by ${me.label}`,
  });

  const take = async (): Promise<LockHolder> => {
    const started = now();
    let lastReported = -Infinity;
    for (;;) {
      const holder = decodeHolder((await ops.readTags())[LOCK_TAG]);
      const readAt = now();
      if (blocks(holder, me, readAt)) {
        const waited = readAt - started;
        if (waited >= timing.waitMs) throw deployLocked(ops.appName, describeHolder(holder), timing.waitMs, LOCK_TAG);
        if (readAt - lastReported >= 10_000) {
          log.info(
            `${describeHolder(holder)}; waiting (${formatDuration(waited)} of lock-wait ${formatDuration(timing.waitMs)}).`,
          );
          lastReported = readAt;
        }
        await sleep(Math.min(timing.pollMs, timing.waitMs - waited));
        continue;
      }
      const lease = mine();
      await ops.mergeTags({ [LOCK_TAG]: encodeHolder(lease) });
      if (now() - readAt > timing.settleMs / 2) {
        // Our write was slow: another writer may have checked in between and may think it won. Back off.
        log.warning(`Writing the deploy lock took ${formatDuration(now() - readAt)}; backing off and trying again.`);
        await ops.deleteTags({ [LOCK_TAG]: encodeHolder(lease) });
        await sleep(timing.settleMs * (1 + Math.random()));
        continue;
      }
      await sleep(timing.settleMs);
      const after = decodeHolder((await ops.readTags())[LOCK_TAG]);
      if (after?.nonce === me.nonce) return lease;
    }
  };

  let lease = await take();
  log.info(`Took the deploy lock of ${ops.appName} (site tag ${LOCK_TAG}) until ${lease.expires}.`);
  return {
    async confirm() {
      const holder = decodeHolder((await ops.readTags())[LOCK_TAG]);
      if (holder?.nonce === me.nonce) return;
      log.warning(
        holder
          ? `The deploy lock was taken over: ${describeHolder(holder)}.`
          : 'The deploy lock tag disappeared; taking it again.',
      );
      lease = await take();
    },
    async release() {
      await ops.deleteTags({ [LOCK_TAG]: encodeHolder(lease) });
      log.info(`Released the deploy lock of ${ops.appName}.`);
    },
  };
}
