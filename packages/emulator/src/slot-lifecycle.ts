import type { Latencies } from './latencies.js';
import { launchInput, type SlotRecord } from './sites.js';

/** Restarts a running slot's app with its current settings (App Service restarts on every config change). */
export async function restartSlot(slot: SlotRecord, latencies: Latencies): Promise<void> {
  if (slot.state !== 'Running') return;
  await latencies.wait('restart');
  await slot.runtime.start(launchInput(slot));
}

/** Restarts only when the app runs with settings other than the slot's current ones. */
export async function restartIfChanged(slot: SlotRecord, latencies: Latencies): Promise<void> {
  if (slot.state !== 'Running' || slot.runtime.launchedWith(launchInput(slot))) return;
  await restartSlot(slot, latencies);
}
