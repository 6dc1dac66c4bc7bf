import { InputError } from '../errors.js';
import { boolean } from '../inputs/boolean.js';
import { oneOf } from '../inputs/one-of.js';
import { defineInputs, withDefault, type InputValues } from '../inputs/schema.js';
import type { InputReader } from '../io/action-io.js';
import {
  autoRollbackInput,
  azureInputs,
  gateInputs,
  lockInputs,
  swapTimeoutInput,
  targetInputs,
} from './blue-green-inputs.js';
import { slotName } from '../inputs/azure-names.js';

/** The inputs of actions/swap-slots; action.yml declares exactly these (a test holds them together). */
export const swapSlotsInputs = defineInputs({
  ...targetInputs,
  'source-slot': withDefault(slotName, 'staging', 'Slot whose app moves into the target slot.'),
  'target-slot': withDefault(
    slotName,
    'production',
    "Slot that receives the source slot's app (keep production the target).",
  ),
  mode: withDefault(
    oneOf(['swap', 'preview', 'complete', 'reset'] as const),
    'swap',
    "`swap` (plain); swap with preview: `preview` (apply the target's slot settings to the source and stop), `complete` (swap after a preview), `reset` (cancel a preview).",
  ),
  'preserve-vnet': withDefault(boolean, 'true', 'Keep the virtual network integration of each slot.'),
  ...swapTimeoutInput,
  verify: withDefault(
    boolean,
    'false',
    'Run the health gate after the swap (on the target) or the preview (on the source), with the health inputs below.',
  ),
  ...autoRollbackInput,
  ...lockInputs,
  ...gateInputs,
  ...azureInputs,
});

export type SwapSlotsValues = InputValues<typeof swapSlotsInputs.specs>;

export function readSwapSlotsInputs(reader: InputReader): SwapSlotsValues {
  const values = swapSlotsInputs.read(reader);
  if (values.sourceSlot.toLowerCase() === values.targetSlot.toLowerCase()) {
    throw new InputError('target-slot', values.targetSlot, `a slot other than source-slot '${values.sourceSlot}'`);
  }
  return values;
}
