import { probeOnce } from '../health/probe.js';
import { imageOfLinuxFxVersion } from './image-reference.js';
import type { SlotOperations, SlotView } from './slot-operations.js';

/** What one slot serves: the image ARM says it runs, and the version the app itself reports over HTTP. */
export interface SlotServing extends SlotView {
  image?: string;
  /** Undefined when the app did not answer with a version (down, unhealthy without a body, no version field). */
  version?: string;
  /** The HTTP status of the probe, or the reason there was none. */
  answer: string;
}

export interface ServingProbe {
  healthPath: string;
  timeoutMs: number;
}

/** Reads the slot from ARM, then asks the app: config alone says what should run, not what does. */
export async function readServing(ops: SlotOperations, slot: string, probe: ServingProbe): Promise<SlotServing> {
  const view = await ops.readSlot(slot);
  return { ...view, image: imageOfLinuxFxVersion(view.linuxFxVersion), ...(await askVersion(view.url, probe)) };
}

export async function askVersion(url: string, probe: ServingProbe): Promise<{ version?: string; answer: string }> {
  const sample = await probeOnce({
    url: `${url}${probe.healthPath}`,
    headers: [],
    timeoutMs: probe.timeoutMs,
    versionField: ['version'],
  });
  const answer = sample.status === undefined ? (sample.error ?? sample.outcome) : `status ${sample.status}`;
  return sample.version === undefined ? { answer } : { version: sample.version, answer };
}

/** `augeo/api:1.2.3 (reports 1.2.3)`, or what went wrong asking. */
export function describeServing(serving: Pick<SlotServing, 'image' | 'version' | 'answer' | 'linuxFxVersion'>): string {
  const image = serving.image ?? (serving.linuxFxVersion || 'no image');
  return serving.version === undefined
    ? `${image} (no version: ${serving.answer})`
    : `${image} (reports ${serving.version})`;
}
