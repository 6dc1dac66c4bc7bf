import type { SlotServing } from './slot-serving.js';

/**
 * Why the slot cannot be trusted as the previous release, or undefined when it can. The slot must run an image
 * other than production's and report, over HTTP, the version that image should report: a slot that was
 * re-staged, failed to start or still runs something else is refused instead of swapped in on faith.
 */
export function previousReleaseProblem(
  production: Pick<SlotServing, 'image' | 'version'>,
  slot: Pick<SlotServing, 'image' | 'version' | 'answer'>,
  expectedVersion: string | undefined,
): string | undefined {
  if (!slot.image) return 'it runs no container image.';
  if (slot.image === production.image)
    return `it runs the same image as production (${slot.image}); there is nothing to swap back to.`;
  if (slot.version === undefined) return `it runs ${slot.image} but reports no version (${slot.answer}).`;
  if (expectedVersion !== undefined && slot.version !== expectedVersion) {
    return `it runs ${slot.image} but reports version '${slot.version}', not '${expectedVersion}'.`;
  }
  return undefined;
}
