import { openAzureSession } from '../azure/azure-session.js';
import type { IdTokenSource } from '../azure/github-oidc-credential.js';
import type { DeploymentRecorder } from '../github/deployments.js';
import type { ActionIO } from '../io/action-io.js';
import { createArmSlotOperations } from './arm-slot-operations.js';
import type { SlotOperations } from './slot-operations.js';

export interface ActionAdapters {
  idTokens: IdTokenSource;
  /** Given the github-token input, the recorder of GitHub deployments. */
  deployments: (token: string) => DeploymentRecorder;
}

/** Signs in (validating the Azure settings first) and opens the slot operations of one app. */
export function openSlotOperations(
  io: ActionIO,
  adapters: ActionAdapters,
  target: { resourceGroup: string; appName: string },
): SlotOperations {
  const session = openAzureSession(io, adapters.idTokens);
  return createArmSlotOperations(session.webApps, {
    subscriptionId: session.settings.subscriptionId,
    resourceGroup: target.resourceGroup,
    appName: target.appName,
    pollIntervalMs: session.settings.pollIntervalMs,
  });
}
