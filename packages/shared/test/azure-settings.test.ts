import { describe, expect, it } from '@jest/globals';
import { readAzureSettings } from '@augeo/shared/azure/azure-settings';
import { createMemoryIO } from '@augeo/shared/io/memory-io';

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '22222222-2222-2222-2222-222222222222';
const SUBSCRIPTION = '33333333-3333-3333-3333-333333333333';

describe('readAzureSettings', () => {
  it('falls back to the AZURE_* variables azure/login users already have, with public-cloud endpoints', () => {
    const settings = readAzureSettings(
      createMemoryIO({}, { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_SUBSCRIPTION_ID: SUBSCRIPTION }),
    );
    expect(settings).toMatchObject({
      tenantId: TENANT,
      clientId: CLIENT,
      subscriptionId: SUBSCRIPTION,
      authorityHost: 'https://login.microsoftonline.com',
      resourceManagerEndpoint: 'https://management.azure.com',
      resourceManagerScope: 'https://management.azure.com/.default',
      oidcAudience: 'api://AzureADTokenExchange',
    });
  });

  it('prefers inputs over variables and derives the token scope from a sovereign ARM endpoint', () => {
    const other = '44444444-4444-4444-4444-444444444444';
    const settings = readAzureSettings(
      createMemoryIO(
        { 'azure-client-id': other, 'azure-tenant-id': TENANT, 'azure-subscription-id': SUBSCRIPTION },
        {
          AZURE_CLIENT_ID: CLIENT,
          AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn/',
          AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.chinacloudapi.cn/',
        },
      ),
    );
    expect(settings.clientId).toBe(other);
    expect(settings.authorityHost).toBe('https://login.chinacloudapi.cn');
    expect(settings.resourceManagerScope).toBe('https://management.chinacloudapi.cn/.default');
  });

  it('reports every bad value at once, naming each input and what it accepts', () => {
    const read = () =>
      readAzureSettings(
        createMemoryIO(
          { 'azure-client-id': 'my-app' },
          { AZURE_SUBSCRIPTION_ID: SUBSCRIPTION, AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://127.0.0.1:8443' },
        ),
      );
    expect(read).toThrow(/3 inputs are invalid/);
    expect(read).toThrow(/Input 'azure-client-id' is invalid: got 'my-app', expected a GUID/);
    expect(read).toThrow(
      /Input 'azure-tenant-id' is invalid: got nothing, expected a GUID \(set the input, or the AZURE_TENANT_ID variable/,
    );
    expect(read).toThrow(
      /Input 'AZURE_RESOURCE_MANAGER_ENDPOINT' is invalid: got 'http:\/\/127.0.0.1:8443', expected an https:\/\/ URL/,
    );
  });
});
