import type { TokenCredential } from '@azure/core-auth';
import type { ActionIO } from '../io/action-io.js';
import { createWebAppsContext } from './arm-client.js';
import { readAzureSettings, type AzureSettings } from './azure-settings.js';
import { createGitHubOidcCredential, type IdTokenSource } from './github-oidc-credential.js';

/** Everything an Azure-facing action needs, built once from inputs and the runner's environment. */
export interface AzureSession {
  settings: AzureSettings;
  credential: TokenCredential;
  webApps: ReturnType<typeof createWebAppsContext>;
}

/** Validates the Azure settings (throws before any network call) and wires credential and clients. */
export function openAzureSession(io: ActionIO, idTokens: IdTokenSource): AzureSession {
  const settings = readAzureSettings(io);
  const credential = createGitHubOidcCredential(settings, idTokens, io.log);
  return { settings, credential, webApps: createWebAppsContext(credential, settings, io.log) };
}
