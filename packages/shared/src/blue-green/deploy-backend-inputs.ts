import { InputError, invalidInputs } from '../errors.js';
import { boolean } from '../inputs/boolean.js';
import { list } from '../inputs/list.js';
import { defineInputs, optional, required, withDefault, type InputValues } from '../inputs/schema.js';
import type { InputReader } from '../io/action-io.js';
import { appSettings } from './app-settings.js';
import {
  autoRollbackInput,
  azureInputs,
  gateInputs,
  gatePlanOf,
  githubInputs,
  lockInputs,
  swapTimeoutInput,
  targetInputs,
} from './blue-green-inputs.js';
import type { DeployConfig } from './deploy-backend.js';
import { deployMigrationInputs } from './deploy-migration-inputs.js';
import type { LockTiming } from './deploy-lock.js';
import { imageReference } from './image-reference.js';
import { settingName, slotName } from '../inputs/azure-names.js';
import { PRODUCTION_SLOT } from './slot-operations.js';

/** The inputs of actions/deploy-backend; action.yml declares exactly these (a test holds them together). */
export const deployBackendInputs = defineInputs({
  ...targetInputs,
  image: required(
    imageReference,
    'Container image with a tag, e.g. `myregistry.azurecr.io/augeo/api:1.4.2`. The tag is the version the app must report unless `expected-version` says otherwise.',
  ),
  slot: withDefault(slotName, 'staging', 'Slot the image is staged in before it is swapped into production.'),
  'app-settings': optional(
    appSettings,
    "App settings for the slot, as a YAML map or KEY=VALUE lines; merged into the slot's settings. Key Vault references pass through untouched.",
    { sensitive: true },
  ),
  'sticky-settings': optional(
    list(settingName, 'lines-or-commas'),
    "Names of app settings that stay with their slot on a swap (slot settings), added to the app's list.",
  ),
  ...autoRollbackInput,
  swap: withDefault(
    boolean,
    'true',
    'Swap into production once the slot is verified; `false` stops after the slot gate (stage only).',
  ),
  ...swapTimeoutInput,
  ...lockInputs,
  ...gateInputs,
  ...deployMigrationInputs,
  ...githubInputs,
  ...azureInputs,
});

export type DeployBackendValues = InputValues<typeof deployBackendInputs.specs>;

/** Reads and cross-checks the inputs: every problem at once, before any Azure call. */
export function readDeployBackendInputs(
  reader: InputReader,
  lockTiming: Omit<LockTiming, 'waitMs'>,
): {
  values: DeployBackendValues;
  config: DeployConfig;
} {
  const values = deployBackendInputs.read(reader);
  const problems: InputError[] = [];
  if (values.slot.toLowerCase() === PRODUCTION_SLOT) {
    problems.push(
      new InputError('slot', values.slot, 'a slot other than production (the image is staged there, then swapped in)'),
    );
  }
  if (!values.swap && reader.get('auto-rollback') !== undefined) {
    problems.push(
      new InputError(
        'auto-rollback',
        reader.get('auto-rollback'),
        'no value when swap is false (nothing is swapped, so nothing can roll back)',
      ),
    );
  }
  if (problems.length > 0) throw invalidInputs(problems);
  return {
    values,
    config: {
      image: values.image,
      slot: values.slot,
      appSettings: values.appSettings ?? {},
      stickySettings: values.stickySettings ?? [],
      autoRollback: values.autoRollback,
      swap: values.swap,
      gate: gatePlanOf(values),
      swapTimeoutMs: values.swapTimeout,
      lock: { ...lockTiming, waitMs: values.lockWait },
    },
  };
}
