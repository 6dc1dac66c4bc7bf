import * as core from '@actions/core';
import { describeError } from '@augeo/shared/errors';
import type { ActionIO } from '@augeo/shared/io/action-io';
import { createCoreIO } from './core-io.js';

/**
 * The one top-level catch of every action: runs the core, always flushes the job summary,
 * and turns any failure into setFailed with the message a user can act on.
 */
export async function runAction(body: (io: ActionIO) => Promise<void>): Promise<void> {
  const io = createCoreIO();
  try {
    await body(io);
  } catch (error) {
    core.setFailed(describeError(error));
    if (error instanceof Error && error.stack) core.debug(error.stack);
  } finally {
    try {
      await io.summary.write();
    } catch (error) {
      core.warning(`Could not write the job summary: ${describeError(error)}`);
    }
  }
}
