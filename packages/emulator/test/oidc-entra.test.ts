import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Emulator } from '../src/index.js';
import {
  AZURE_AUDIENCE,
  silenceWorkflowCommands,
  STAGING_CLIENT,
  STAGING_OBJECT,
  startTestEmulator,
  TENANT,
} from './support/test-emulator.js';

const ARM_SCOPE = 'https://management.azure.com/.default';

describe('GitHub OIDC and Entra token exchange', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    silenceWorkflowCommands();
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.stop());

  const credential = (clientId: string) =>
    new ClientAssertionCredential(TENANT, clientId, () => core.getIDToken(AZURE_AUDIENCE), {
      authorityHost: emulator.env.AZURE_AUTHORITY_HOST,
      disableInstanceDiscovery: true,
    });

  it('issues a GitHub ID token signed with the key set it publishes, with the job context as claims', async () => {
    const token = await core.getIDToken(AZURE_AUDIENCE);
    const keys = createRemoteJWKSet(new URL(`${emulator.env.GITHUB_API_URL}/.well-known/jwks`));
    const { payload, protectedHeader } = await jwtVerify(token, keys, {
      issuer: 'https://token.actions.githubusercontent.com',
      audience: AZURE_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: 'repo:acme/shop:environment:staging',
      repository: 'acme/shop',
      repository_owner: 'acme',
      environment: 'staging',
    });
  });

  it('computes the subject as GitHub does when there is no environment', async () => {
    emulator.setOidcContext({ environment: '', event_name: 'pull_request', ref: 'refs/pull/7/merge' });
    expect(decodeJwt(await core.getIDToken(AZURE_AUDIENCE)).sub).toBe('repo:acme/shop:pull_request');
    emulator.setOidcContext({ event_name: 'push', ref: 'refs/heads/main' });
    expect(decodeJwt(await core.getIDToken(AZURE_AUDIENCE)).sub).toBe('repo:acme/shop:ref:refs/heads/main');
    emulator.setOidcContext({ environment: 'staging' });
  });

  it('exchanges the GitHub token for an ARM access token of the matching identity', async () => {
    const token = await credential(STAGING_CLIENT).getToken(ARM_SCOPE);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(decodeJwt(token.token)).toMatchObject({
      tid: TENANT,
      appid: STAGING_CLIENT,
      oid: STAGING_OBJECT,
      aud: 'https://management.azure.com',
    });
    const exchanges = emulator
      .journal()
      .filter((entry) => entry.host === 'entra' && entry.path.endsWith('/oauth2/v2.0/token'));
    expect(exchanges.at(-1)).toMatchObject({ method: 'POST', status: 200, principal: STAGING_CLIENT });
  });

  it('refuses a subject no federated credential of the client names, with AADSTS700213 and the subject', async () => {
    emulator.setOidcContext({ environment: 'production' });
    try {
      await expect(credential(STAGING_CLIENT).getToken(ARM_SCOPE)).rejects.toThrow(
        /AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:acme\/shop:environment:production'/,
      );
    } finally {
      emulator.setOidcContext({ environment: 'staging' });
    }
  });

  it('refuses an unknown client with AADSTS700016', async () => {
    const unknown = '11111111-2222-3333-4444-555555555555';
    await expect(credential(unknown).getToken(ARM_SCOPE)).rejects.toThrow(
      /AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555'/,
    );
  });

  it('refuses an assertion for another audience', async () => {
    const wrongAudience = new ClientAssertionCredential(
      TENANT,
      STAGING_CLIENT,
      () => core.getIDToken('https://github.com/acme'),
      {
        authorityHost: emulator.env.AZURE_AUTHORITY_HOST,
        disableInstanceDiscovery: true,
      },
    );
    await expect(wrongAudience.getToken(ARM_SCOPE)).rejects.toThrow(/AADSTS700212/);
  });
});
