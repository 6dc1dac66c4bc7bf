import { describe, expect, it } from '@jest/globals';
import { deployFrontendInputs } from '../src/frontend/frontend-inputs.js';
import { environmentName } from '../src/frontend/frontend-parsers.js';
import { blobContainerUrl } from '../src/inputs/blob-container-url.js';
import { createMemoryIO } from '../src/io/memory-io.js';

const base = { 'resource-group': 'augeo-staging-rg', 'static-web-app-name': 'augeo-staging-admin' };

describe('deploy-frontend inputs', () => {
  it('reads defaults and build-time environment lines', () => {
    const values = deployFrontendInputs.read(
      createMemoryIO({ ...base, 'build-env': 'VITE_API_BASE_URL=https://api.example.com/v1?a=b\nEMPTY=' }).inputs,
    );
    expect(values).toMatchObject({
      mode: 'deploy',
      appLocation: '.',
      outputLocation: 'dist',
      keepPackages: 5,
      deployTimeout: 600_000,
      verifyTimeout: 300_000,
      buildEnv: [
        ['VITE_API_BASE_URL', 'https://api.example.com/v1?a=b'],
        ['EMPTY', ''],
      ],
    });
  });

  it.each(['pr-123', 'staging2', 'a'])('accepts the preview environment name %s', (name) => {
    expect(environmentName.parse(name)).toEqual({ ok: true, value: name });
  });

  it.each(['PR-1', 'pr_1', 'pr 1', '-pr', 'pr-', 'x'.repeat(31), 'default', 'Production'])(
    'refuses the environment name %j',
    (name) => {
      expect(environmentName.parse(name).ok).toBe(false);
    },
  );

  it('lists every bad input at once, naming what it got', () => {
    expect(() =>
      deployFrontendInputs.read(
        createMemoryIO({ ...base, 'environment-name': 'pr 1', 'keep-packages': '1', 'verify-timeout': '30' }).inputs,
      ),
    ).toThrow(/3 inputs are invalid:[\s\S]*'environment-name'[\s\S]*'keep-packages'[\s\S]*'verify-timeout'/);
  });

  it('splits Azure and Azurite container URLs into account, container and service URL', () => {
    expect(blobContainerUrl.parse('https://augeostaging.blob.core.windows.net/frontend-packages')).toEqual({
      ok: true,
      value: {
        serviceUrl: 'https://augeostaging.blob.core.windows.net',
        accountName: 'augeostaging',
        containerName: 'frontend-packages',
      },
    });
    expect(blobContainerUrl.parse('http://127.0.0.1:10000/devstoreaccount1/packages')).toEqual({
      ok: true,
      value: {
        serviceUrl: 'http://127.0.0.1:10000/devstoreaccount1',
        accountName: 'devstoreaccount1',
        containerName: 'packages',
      },
    });
  });

  it.each([
    'http://augeostaging.blob.core.windows.net/packages',
    'https://augeostaging.blob.core.windows.net/',
    'https://augeostaging.blob.core.windows.net/a/b',
    'https://augeostaging.blob.core.windows.net/Bad_Name',
  ])('refuses the container URL %s', (url) => {
    expect(blobContainerUrl.parse(url).ok).toBe(false);
  });
});
