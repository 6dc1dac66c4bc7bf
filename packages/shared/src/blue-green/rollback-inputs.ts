import { InputError } from '../errors.js';
import { defineInputs, optional, withDefault, type InputValues } from '../inputs/schema.js';
import { accept, reject, type Parser } from '../inputs/parser.js';
import { text } from '../inputs/text.js';
import type { InputReader } from '../io/action-io.js';
import {
  azureInputs,
  gateInputs,
  githubInputs,
  lockInputs,
  swapTimeoutInput,
  targetInputs,
} from './blue-green-inputs.js';
import { parseImage, type ImageReference } from './image-reference.js';
import { slotName } from '../inputs/azure-names.js';
import { PRODUCTION_SLOT } from './slot-operations.js';

export type RollbackTarget = { kind: 'previous' } | { kind: 'image'; image: ImageReference };

const rollbackTarget: Parser<RollbackTarget> = {
  expected: "'previous', or a container image with a tag such as myregistry.azurecr.io/augeo/api:1.4.1",
  parse(raw) {
    if (raw.trim().toLowerCase() === 'previous') return accept({ kind: 'previous' });
    const image = parseImage(raw);
    return image ? accept({ kind: 'image', image }) : reject(rollbackTarget.expected);
  },
};

/** The inputs of actions/rollback; action.yml declares exactly these (a test holds them together). */
export const rollbackInputs = defineInputs({
  ...targetInputs,
  to: withDefault(
    rollbackTarget,
    'previous',
    '`previous`: swap back when the slot holds the previous release (verified by the version it reports); or an image: stage it in the slot, verify it, swap it in.',
  ),
  slot: withDefault(slotName, 'staging', 'Slot that holds (or receives) the known-good release.'),
  reason: optional(text, 'Why: shown in the summary and the deployment status.'),
  ...swapTimeoutInput,
  ...lockInputs,
  ...gateInputs,
  ...githubInputs,
  ...azureInputs,
});

export type RollbackValues = InputValues<typeof rollbackInputs.specs>;

export function readRollbackInputs(reader: InputReader): RollbackValues {
  const values = rollbackInputs.read(reader);
  if (values.slot.toLowerCase() === PRODUCTION_SLOT) {
    throw new InputError('slot', values.slot, 'a slot other than production (it holds the release to swap in)');
  }
  return values;
}
