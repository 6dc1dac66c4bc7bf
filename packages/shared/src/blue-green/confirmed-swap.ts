import { runPhase } from '../azure/long-running.js';
import { describeError } from '../errors.js';
import type { Logger } from '../io/action-io.js';
import type { RunIdentity } from './run-identity.js';
import type { SlotOperations, SlotView } from './slot-operations.js';

/** The site tag recording the last swap's intent before it starts: what a re-run reads to not swap twice. */
export const SWAP_TAG = 'augeo-last-swap';

export type SwapState =
  /** Azure reports the swap done, or it failed to say so but the target runs the intended image. */
  | 'swapped'
  /** The target still runs what it ran before and no operation is running: nothing moved. */
  | 'not-swapped'
  /** Our deadline passed and Azure still runs the operation: the slots may still change. */
  | 'in-progress'
  /** A previous attempt of this workflow run already did this swap. */
  | 'already-swapped';

export interface SwapOutcome {
  state: SwapState;
  /** Both slots as ARM reports them after the attempt. */
  source: SlotView;
  target: SlotView;
  /** Why the swap call failed, when it did (also when the state turned out to be `swapped`). */
  error?: unknown;
}

export interface SwapRequest {
  source: string;
  target: string;
  preserveVnet: boolean;
  timeoutMs: number;
}

interface SwapIntent {
  runId: string;
  source: string;
  target: string;
  /** linuxFxVersion the target should run once the swap is done. */
  intoTarget: string;
}

function encodeIntent(intent: SwapIntent, at: Date): string {
  return [intent.runId, `${intent.source}>${intent.target}`, intent.intoTarget, at.toISOString()]
    .join(';')
    .slice(0, 256);
}

function decodeIntent(value: string | undefined): SwapIntent | undefined {
  // `;`: linuxFxVersion itself holds a `|`.
  const [runId, route, intoTarget] = (value ?? '').split(';');
  const [source, target] = (route ?? '').split('>');
  return runId && source && target && intoTarget ? { runId, source, target, intoTarget } : undefined;
}

/**
 * Swaps `source` into `target` and then establishes, from ARM, what actually happened: a failed or timed-out
 * swap call does not mean nothing moved (the LRO can fail after routing changed, polling can die while Azure
 * finishes), so the state is read back from both slots instead of inferred from the exception.
 *
 * Safe to re-run: the intent is recorded in a site tag first; when this workflow run already recorded the same
 * swap and the target now runs the intended image, the swap is not done a second time.
 */
export async function swapAndConfirm(
  ops: SlotOperations,
  request: SwapRequest,
  run: RunIdentity,
  log: Logger,
): Promise<SwapOutcome> {
  const { source, target } = request;
  const [sourceBefore, targetBefore, tags] = await Promise.all([
    ops.readSlot(source),
    ops.readSlot(target),
    ops.readTags(),
  ]);
  const recorded = decodeIntent(tags[SWAP_TAG]);
  if (
    recorded &&
    run.runId !== 'local' &&
    recorded.runId === run.runId &&
    recorded.source === source &&
    recorded.target === target &&
    recorded.intoTarget === targetBefore.linuxFxVersion &&
    sourceBefore.linuxFxVersion !== targetBefore.linuxFxVersion
  ) {
    log.info(
      `Run ${run.runId} already swapped ${source} → ${target}: ${target} runs ${targetBefore.linuxFxVersion}. Not swapping again.`,
    );
    return { state: 'already-swapped', source: sourceBefore, target: targetBefore };
  }

  const intoTarget = sourceBefore.linuxFxVersion;
  await ops.mergeTags({ [SWAP_TAG]: encodeIntent({ runId: run.runId, source, target, intoTarget }, new Date()) });
  const phase = `swap ${source} → ${target}`;
  let error: unknown;
  try {
    await runPhase(
      {
        phase,
        timeoutMs: request.timeoutMs,
        log,
        timeoutHint: 'Azure may still be running the swap; the step reads both slots and reports what they serve.',
      },
      (abortSignal) => ops.swap(source, target, { preserveVnet: request.preserveVnet, abortSignal }),
    );
  } catch (failure) {
    error = failure;
    log.warning(
      `${phase} did not report success: ${describeError(failure).split('\n')[0]}. Reading both slots to see what happened.`,
    );
  }
  const [sourceAfter, targetAfter] = await Promise.all([ops.readSlot(source), ops.readSlot(target)]);
  const moved = targetAfter.linuxFxVersion === intoTarget && targetBefore.linuxFxVersion !== intoTarget;
  const state: SwapState =
    error === undefined || moved
      ? 'swapped'
      : (targetAfter.operationInProgress ?? sourceAfter.operationInProgress)
        ? 'in-progress'
        : 'not-swapped';
  if (error !== undefined && state === 'swapped') {
    log.warning(`${phase}: the call failed, but ${target} now runs ${intoTarget}: the swap happened.`);
  }
  return { state, source: sourceAfter, target: targetAfter, ...(error === undefined ? {} : { error }) };
}
