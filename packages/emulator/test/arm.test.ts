import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  get,
  getConfiguration,
  listApplicationSettings,
  listSlots,
  updateApplicationSettings,
  updateConfiguration,
} from '@azure/arm-appservice/api/webApps';
import type { Emulator } from '../src/index.js';
import { armContextFor } from './support/arm-context.js';
import {
  eventually,
  fetchSlot,
  silenceWorkflowCommands,
  STAGING_CLIENT,
  STAGING_OBJECT,
  startTestEmulator,
} from './support/test-emulator.js';

const RG = 'shop-staging-rg';
const SITE = 'shop-staging-api';

describe('ARM Microsoft.Web through @azure/arm-appservice 19', () => {
  let emulator: Emulator;
  let arm: ReturnType<typeof armContextFor>;

  beforeAll(async () => {
    silenceWorkflowCommands();
    emulator = await startTestEmulator();
    arm = armContextFor(emulator, STAGING_CLIENT);
  });
  afterAll(() => emulator?.stop());

  it('gets a site whose host name is the production slot front', async () => {
    const site = await get(arm, RG, SITE);
    expect(site).toMatchObject({
      name: SITE,
      state: 'Running',
      kind: 'app,linux,container',
      reserved: true,
      httpsOnly: true,
    });
    expect(`https://${site.defaultHostName}`).toBe(emulator.slotUrl(SITE));
    const calls = emulator.journal().filter((entry) => entry.host === 'arm');
    expect(calls.at(-1)).toMatchObject({
      method: 'GET',
      status: 200,
      principal: STAGING_OBJECT,
      query: { 'api-version': '2025-05-01' },
    });
  });

  it('lists the non-production slots', async () => {
    const names: string[] = [];
    for await (const slot of listSlots(arm, RG, SITE)) names.push(slot.name ?? '');
    expect(names).toEqual([`${SITE}/staging`]);
  });

  it('reads and patches linuxFxVersion, and the slot restarts on the new image', async () => {
    expect((await getConfiguration(arm, RG, SITE)).linuxFxVersion).toBe('DOCKER|test/app:1.0.0');
    const updated = await updateConfiguration(arm, RG, SITE, { linuxFxVersion: 'DOCKER|test/app:1.0.1' });
    expect(updated.linuxFxVersion).toBe('DOCKER|test/app:1.0.1');
    const served = await eventually(
      () => fetchSlot(emulator.slotUrl(SITE), '/version'),
      (answer) => answer.body.includes('1.0.1'),
    );
    expect(JSON.parse(served.body)).toEqual({ version: '1.0.1' });
  });

  it('rejects a malformed linuxFxVersion the way App Service does', async () => {
    await expect(
      updateConfiguration(arm, RG, SITE, { linuxFxVersion: 'DOCKER| test/app:1.0.2' }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: 'The parameter LinuxFxVersion has an invalid value.',
    });
  });

  it('lists app settings and replaces them as a whole', async () => {
    const before = await listApplicationSettings(arm, RG, SITE);
    expect(before.properties).toMatchObject({ SLOT_NAME: 'production', FEATURE: 'production-feature' });
    await updateApplicationSettings(arm, RG, SITE, { properties: { ...before.properties, EXTRA: 'yes' } });
    await updateApplicationSettings(arm, RG, SITE, { properties: { SLOT_NAME: 'production' } });
    expect((await listApplicationSettings(arm, RG, SITE)).properties).toEqual({ SLOT_NAME: 'production' });
  });

  it("refuses the staging identity on production's resource group with AuthorizationFailed", async () => {
    const scope = `/subscriptions/${emulator.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/shop-production-rg/providers/Microsoft.Web/sites/shop-production-api`;
    await expect(get(arm, 'shop-production-rg', 'shop-production-api')).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
      message: `The client '${STAGING_CLIENT}' with object id '${STAGING_OBJECT}' does not have authorization to perform action 'Microsoft.Web/sites/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });
  });

  it('answers 404 ResourceNotFound for a site that does not exist', async () => {
    await expect(get(arm, RG, 'no-such-site')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('refuses a request without a token', async () => {
    const response = await fetch(
      `${emulator.armUrl}/subscriptions/${emulator.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Web/sites/${SITE}?api-version=2025-05-01`,
      {
        headers: { authorization: 'Bearer not-a-token' },
      },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('x-ms-correlation-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' },
    });
  });

  it('retries an injected 429 with Retry-After and then succeeds', async () => {
    emulator.clearJournal();
    const faultId = emulator.injectFault({
      method: 'GET',
      path: `/sites/${SITE}$`,
      host: 'arm',
      status: 429,
      retryAfter: 1,
    });
    const site = await get(arm, RG, SITE);
    expect(site.name).toBe(SITE);
    const attempts = emulator
      .journal()
      .filter((entry) => entry.host === 'arm' && entry.path.endsWith(`/sites/${SITE}`));
    expect(attempts.map((entry) => entry.status)).toEqual([429, 200]);
    expect(attempts[0]?.faultId).toBe(faultId);
  });
});
