/**
 * The shared Azure core against the running emulator: the real @actions/core getIDToken, @azure/identity and
 * @azure/arm-appservice clients talk HTTPS to it; nothing here is mocked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import {
  getConfigurationSlot,
  getSlot,
  restartSlot,
  swapSlot,
  updateConfigurationSlot,
} from '@azure/arm-appservice/api/webApps';
import { startEmulator, type Emulator } from '@augeo/emulator';
import { openAzureSession, type AzureSession } from '@augeo/shared/azure/azure-session';
import { armCall } from '@augeo/shared/azure/arm-call';
import { runPhase } from '@augeo/shared/azure/long-running';
import { AugeoError } from '@augeo/shared/errors';
import { createMemoryIO, type MemoryIO } from '@augeo/shared/io/memory-io';

const githubIdTokens = { getIdToken: (audience: string) => core.getIDToken(audience) };
const STAGING_RG = 'augeo-staging-rg';
const STAGING_SITE = 'augeo-staging-api';

let emulator: Emulator;
let io: MemoryIO;
let session: AzureSession;
const savedEnv = { ...process.env };

async function servedVersion(url: string): Promise<string> {
  const response = await fetch(`${url}/version`);
  return ((await response.json()) as { version: string }).version;
}

beforeAll(async () => {
  emulator = await startEmulator({ caDir: process.env.AUGEO_EMULATOR_CA_DIR });
  // @actions/core reads the runner's variables from the process environment, as on a runner.
  Object.assign(process.env, emulator.env);
  // @actions/core prints workflow commands (::add-mask::, ::debug::); keep the test output readable.
  process.stdout.write = (
    (write) =>
    (chunk: unknown, ...rest: unknown[]) =>
      typeof chunk === 'string' && chunk.startsWith('::') ? true : write(chunk as string, ...(rest as []))
  )(process.stdout.write.bind(process.stdout)) as typeof process.stdout.write;
});

afterAll(async () => {
  await emulator?.stop();
  process.env = savedEnv;
});

beforeEach(() => {
  emulator.clearFaults();
  emulator.clearJournal();
  emulator.setOidcContext({ environment: 'staging' });
  io = createMemoryIO({}, emulator.env);
  session = openAzureSession(io, githubIdTokens);
});

describe('GitHub OIDC → Entra → ARM', () => {
  it('exchanges the GitHub token for an ARM token and reads the site', async () => {
    const slot = await armCall('read slot', () => getSlot(session.webApps, STAGING_RG, STAGING_SITE, 'staging'));
    expect(slot.name).toBe(`${STAGING_SITE}/staging`);
    const hosts = new Set(emulator.journal().map((entry) => entry.host));
    expect(hosts).toEqual(new Set(['github', 'entra', 'arm']));
    // Every secret was masked the moment it existed: the GitHub token and the access token.
    expect(io.masked.size).toBeGreaterThanOrEqual(2);
  });

  it('refuses a token whose subject matches no federated credential, and says which subject it saw', async () => {
    emulator.setOidcContext({ environment: 'production' });
    const failure = await armCall('read slot', () =>
      getSlot(session.webApps, STAGING_RG, STAGING_SITE, 'staging'),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AugeoError);
    const text = (failure as AugeoError).describe();
    expect(text).toMatch(/Azure sign-in failed for client/);
    expect(text).toMatch(/AADSTS700213/);
    expect(text).toContain('sub: repo:augeo/infra:environment:production');
    expect(text).toContain('aud: api://AzureADTokenExchange');
    expect(text).toMatch(/iss: https:\/\/token\.actions\.githubusercontent\.com/);
    for (const secret of io.masked) expect(text).not.toContain(secret);
  });

  it('gives the staging identity 403 on production, with ARM code and correlation id', async () => {
    const failure = (await armCall('read production slot', () =>
      getSlot(session.webApps, 'augeo-production-rg', 'augeo-production-api', 'staging'),
    ).catch((error: unknown) => error)) as AugeoError;
    expect(failure).toBeInstanceOf(AugeoError);
    expect(failure.code).toBe('AuthorizationFailed');
    expect(failure.message).toMatch(
      /does not have authorization to perform action 'Microsoft\.Web\/sites\/slots\/read'/,
    );
    expect(failure.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.describe()).toContain(`Correlation id: ${failure.correlationId}`);
  });

  it('retries a 429 with Retry-After and succeeds, telling the user it waited', async () => {
    emulator.injectFault({
      host: 'arm',
      method: 'GET',
      path: `/sites/${STAGING_SITE}/slots/staging$`,
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const slot = await armCall('read slot', () => getSlot(session.webApps, STAGING_RG, STAGING_SITE, 'staging'));
    expect(slot.name).toBe(`${STAGING_SITE}/staging`);
    const reads = emulator.journal().filter((entry) => entry.host === 'arm' && entry.method === 'GET');
    expect(reads.map((entry) => entry.status)).toEqual([429, 200]);
    expect(
      io.lines.some((line) => line.level === 'warning' && /ARM answered 429 .*Retry-After: 1s/.test(line.message)),
    ).toBe(true);
  });

  it('swaps through long-running-operation polling, and the slot apps swap versions', async () => {
    const ctx = session.webApps;
    const config = await getConfigurationSlot(ctx, STAGING_RG, STAGING_SITE, 'staging');
    await updateConfigurationSlot(ctx, STAGING_RG, STAGING_SITE, 'staging', {
      ...config,
      linuxFxVersion: 'DOCKER|augeo/api:1.1.0',
    });
    await restartSlot(ctx, STAGING_RG, STAGING_SITE, 'staging');
    const productionUrl = emulator.slotUrl(STAGING_SITE, 'production', STAGING_RG);
    const stagingUrl = emulator.slotUrl(STAGING_SITE, 'staging', STAGING_RG);
    const before = { production: await servedVersion(productionUrl), staging: await servedVersion(stagingUrl) };
    expect(before.staging).toBe('1.1.0');

    await runPhase({ phase: 'swap staging → production', timeoutMs: 60_000, log: io.log }, (abortSignal) =>
      swapSlot(
        ctx,
        STAGING_RG,
        STAGING_SITE,
        'staging',
        { targetSlot: 'production', preserveVnet: true },
        {
          updateIntervalInMs: session.settings.pollIntervalMs,
          abortSignal,
        },
      ).pollUntilDone(),
    );

    expect(await servedVersion(productionUrl)).toBe('1.1.0');
    expect(await servedVersion(stagingUrl)).toBe(before.production);
    const polls = emulator.journal().filter((entry) => entry.method === 'GET' && /operationresults/i.test(entry.path));
    expect(polls.length).toBeGreaterThanOrEqual(1);
  });

  it('bounds a swap that overruns its phase deadline', async () => {
    emulator.setLatency('swap', 2_000);
    try {
      const failure = (await runPhase(
        { phase: 'swap staging → production', timeoutMs: 500, log: io.log },
        (abortSignal) =>
          swapSlot(
            session.webApps,
            STAGING_RG,
            STAGING_SITE,
            'staging',
            { targetSlot: 'production', preserveVnet: true },
            {
              updateIntervalInMs: session.settings.pollIntervalMs,
              abortSignal,
            },
          ).pollUntilDone(),
      ).catch((error: unknown) => error)) as AugeoError;
      expect(failure).toBeInstanceOf(AugeoError);
      expect(failure.code).toBe('PhaseTimedOut');
      expect(failure.message).toBe("Phase 'swap staging → production' did not finish within 500ms.");
    } finally {
      emulator.setLatency('swap', 0);
      // Let the emulator's swap finish before the next test touches the site.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
    }
  });

  it('asks GitHub for a fresh ID token only when the last one is a minute old', async () => {
    await getSlot(session.webApps, STAGING_RG, STAGING_SITE, 'staging');
    await getSlot(session.webApps, STAGING_RG, STAGING_SITE, 'production');
    const idTokenRequests = emulator.journal().filter((entry) => entry.host === 'github' && /token/.test(entry.path));
    // @azure/identity asks for the assertion twice per access token; we fetched it once.
    expect(idTokenRequests).toHaveLength(1);
  });
});
