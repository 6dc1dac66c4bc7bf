import { openAzureSession, type AzureSession } from '../azure/azure-session.js';
import type { AzureSignIn } from '../azure/azure-sign-in.js';
import type { DeploymentRecorder } from '../github/deployments.js';
import type { ActionIO } from '../io/action-io.js';
import { createArmSlotOperations } from './arm-slot-operations.js';
import type { SlotOperations } from './slot-operations.js';

export interface ActionAdapters {
  /** GitHub's ID tokens (the actions) or a credential the host has (the CLI). */
  idTokens: AzureSignIn;
  /** Given the github-token input, the recorder of GitHub deployments. */
  deployments: (token: string) => DeploymentRecorder;
}

/** Signs in (validating the Azure settings first) and opens the slot operations of one app. */
export function openSlotOperations(
  io: ActionIO,
  adapters: ActionAdapters,
  target: { resourceGroup: string; appName: string },
  session: AzureSession = openAzureSession(io, adapters.idTokens),
): SlotOperations {
  return createArmSlotOperations(session.webApps, {
    subscriptionId: session.settings.subscriptionId,
    resourceGroup: target.resourceGroup,
    appName: target.appName,
    pollIntervalMs: session.settings.pollIntervalMs,
  });
}
