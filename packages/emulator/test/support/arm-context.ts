import * as core from '@actions/core';
import { createWebSiteManagement } from '@azure/arm-appservice/api';
import { ClientAssertionCredential } from '@azure/identity';
import type { Emulator } from '../../src/index.js';
import { AZURE_AUDIENCE, SUBSCRIPTION, TENANT } from './test-emulator.js';

/** The real ARM client as an action builds it: OIDC assertion → Entra → bearer token, endpoint from the environment. */
export function armContextFor(emulator: Emulator, clientId: string) {
  let assertion: Promise<string> | undefined;
  const credential = new ClientAssertionCredential(
    TENANT,
    clientId,
    () => (assertion ??= core.getIDToken(AZURE_AUDIENCE)),
    {
      authorityHost: emulator.env.AZURE_AUTHORITY_HOST,
      disableInstanceDiscovery: true,
    },
  );
  return createWebSiteManagement(credential, SUBSCRIPTION, { endpoint: emulator.env.AZURE_RESOURCE_MANAGER_ENDPOINT });
}
