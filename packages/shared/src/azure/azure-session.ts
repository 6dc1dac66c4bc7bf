import type { TokenCredential } from '@azure/core-auth';
import type { ActionIO } from '../io/action-io.js';
import { createWebAppsContext } from './arm-client.js';
import { readAzureSettings, type AzureSettings } from './azure-settings.js';
import { createAzureCredential, needsClientId, type AzureSignIn } from './azure-sign-in.js';

/** Everything an Azure-facing action needs, built once from inputs and the runner's environment. */
export interface AzureSession {
  settings: AzureSettings;
  credential: TokenCredential;
  webApps: ReturnType<typeof createWebAppsContext>;
}

/** Validates the Azure settings (throws before any network call) and wires credential and clients. */
export function openAzureSession(io: ActionIO, signIn: AzureSignIn): AzureSession {
  const settings = readAzureSettings(io, { needsClientId: needsClientId(signIn) });
  const credential = createAzureCredential(settings, signIn, io.log);
  return { settings, credential, webApps: createWebAppsContext(credential, settings, io.log) };
}
