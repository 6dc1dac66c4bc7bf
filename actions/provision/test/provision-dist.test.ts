/**
 * The bundled provision action, run as GitHub runs it, against the emulator with an empty subscription: the real
 * @azure/identity and @azure/arm-resourcesdeployments clients, the real Octokit, the committed compiled template.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { get, listSlots } from '@azure/arm-appservice/api/webApps';
import { createWebSiteManagement } from '@azure/arm-appservice/api';
import { ClientAssertionCredential } from '@azure/identity';
import type { Emulator } from '@augeo/emulator';
import { armWrites, FAST_GATE, runnerEnv, servedVersion } from '../../../test/support/blue-green-emulator.js';
import { runAction } from '../../../test/support/run-action.js';
import { startEmptySubscription, SUBSCRIPTION } from './provision-world.js';

const REPO = resolve(import.meta.dirname, '../../..');
const STAGING_PARAMETERS = 'infrastructure/bicep/compiled/staging.parameters.json';
const PULL_REQUEST = 7;

let emulator: Emulator;
let outputs: Record<string, string> = {};
let scratch: string;
let eventPath: string;
beforeAll(async () => {
  emulator = await startEmptySubscription();
  scratch = await mkdtemp(join(tmpdir(), 'provision-dist-'));
  eventPath = join(scratch, 'event.json');
  await writeFile(eventPath, JSON.stringify({ pull_request: { number: PULL_REQUEST } }));
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const provision = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction(
    'provision',
    { environment: 'staging', parameters: STAGING_PARAMETERS, ...inputs },
    runnerEnv(emulator, { GITHUB_WORKSPACE: REPO, ...env }),
  );
const pullRequestRun = { GITHUB_EVENT_PATH: '', GITHUB_REF: `refs/pull/${PULL_REQUEST}/merge` };
const deploymentPuts = () =>
  armWrites(emulator.journal()).filter(
    (entry) => entry.method === 'PUT' && entry.path.includes('/providers/Microsoft.Resources/deployments/'),
  );
const GITHUB_TOKEN = 'ghs_emulatorToken0123456789';
const comments = async () => {
  const response = await fetch(`${emulator.env.GITHUB_API_URL}/repos/augeo/infra/issues/${PULL_REQUEST}/comments`, {
    headers: { authorization: `Bearer ${GITHUB_TOKEN}` },
  });
  return (await response.json()) as { id: number; body: string }[];
};
/** The identity provisioning created, signed in the way the deploy actions sign in: a GitHub OIDC token for Entra. */
const deployerCredential = () =>
  new ClientAssertionCredential(
    emulator.env.AZURE_TENANT_ID ?? '',
    outputs.deployerClientId ?? '',
    async () => {
      const url = `${emulator.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent('api://AzureADTokenExchange')}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${emulator.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      });
      return ((await response.json()) as { value: string }).value;
    },
    { authorityHost: emulator.env.AZURE_AUTHORITY_HOST, disableInstanceDiscovery: true },
  );
const parametersWith = async (name: string, changes: Record<string, unknown>) => {
  const file = JSON.parse(await readFile(join(REPO, STAGING_PARAMETERS), 'utf8')) as {
    parameters: Record<string, { value: unknown }>;
  };
  for (const [parameter, value] of Object.entries(changes)) file.parameters[parameter] = { value };
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify(file));
  return path;
};

describe('provision: bad inputs fail clearly and deploy nothing', () => {
  it('rejects an unknown environment', async () => {
    const run = await provision({ environment: 'qa', mode: 'deploy' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "Input 'environment' is invalid: got 'qa', expected one of dev, staging, production",
    );
  });

  it('rejects a template that is not there', async () => {
    const run = await provision({ template: 'infrastructure/bicep/compiled/nope.json', mode: 'deploy' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "Input 'template' is invalid: got 'infrastructure/bicep/compiled/nope.json'",
    );
  });

  it('rejects a parameter-overrides name the template does not declare, naming the input and the known names', async () => {
    const run = await provision({ 'parameter-overrides': 'logRetentionDays=60\nlogRetentionDay=60', mode: 'deploy' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "Input 'parameter-overrides' is invalid: got 'logRetentionDay', expected name=value lines naming parameters the template declares: environmentName, location,",
    );
    expect(run.errors.join('\n')).toContain('apiContainerImage, apiStagingContainerImage,');
    expect(emulator.journal().filter((entry) => entry.host === 'arm')).toEqual([]);
  });

  it('rejects parameters written for another template', async () => {
    const path = join(scratch, 'other.parameters.json');
    await writeFile(path, JSON.stringify({ parameters: { siteName: { value: 'x' } } }));
    const run = await provision({ parameters: path, mode: 'deploy' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /Input 'parameters' is invalid: .*it sets siteName, which the template does not declare and it leaves out environmentName/,
    );
  });

  it('fails a template calling a function the emulator does not evaluate, naming the function', async () => {
    const template = join(scratch, 'utc-now.json');
    await writeFile(
      template,
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: {},
        resources: [
          {
            type: 'Microsoft.Resources/resourceGroups',
            apiVersion: '2024-03-01',
            name: "[format('augeo-{0}-rg', utcNow('yyyyMMdd'))]",
            location: 'westeurope',
          },
        ],
      }),
    );
    const emptyParameters = join(scratch, 'empty.parameters.json');
    await writeFile(emptyParameters, JSON.stringify({ parameters: {} }));
    const run = await provision({ template, parameters: emptyParameters, mode: 'deploy', policy: 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain("The template function 'utcNow'");
    expect(deploymentPuts()).toEqual([]);
  });

  it('reports the validation error ARM gives, before any deployment is made', async () => {
    const path = await parametersWith('bad-sku.parameters.json', { appServicePlanSku: 'P1v3' });
    const run = await provision({ parameters: path, mode: 'deploy', policy: 'false', 'keep-running-image': 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain('Azure rejected the template: InvalidTemplateDeployment');
    expect(run.errors.join('\n')).toContain('appServicePlanSku');
    expect(deploymentPuts()).toEqual([]);
  });
});

describe('provision: what-if, deploy, what-if again on an empty subscription', () => {
  it('what-if lists every resource as Create, sets has-changes and comments on the pull request', async () => {
    const run = await provision({ mode: 'what-if', 'github-token': GITHUB_TOKEN }, pullRequestRun);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain('## Provision what-if: staging');
    expect(run.summary).toMatch(/\d+ ➕ Create/);
    expect(run.summary).not.toMatch(/Modify|No change/);
    for (const type of [
      'Microsoft.Resources/resourceGroups',
      'Microsoft.Web/sites/slots',
      'Microsoft.Web/staticSites',
      'Microsoft.Cache/redis',
    ])
      expect(run.summary).toContain(`| ➕ Create | ${type} |`);
    const posted = await comments();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain('<!-- augeo-provision-what-if:staging -->');
    expect(deploymentPuts()).toEqual([]);
  });

  it('deploy creates the resources, reports each one, and returns the template outputs', async () => {
    const run = await provision({ mode: 'deploy' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/✓ Microsoft\.Web\/sites augeo-staging-api — Succeeded/);
    expect(run.stdout).toMatch(/✓ Microsoft\.Web\/sites\/slots augeo-staging-api\/staging — Succeeded/);
    for (const note of [
      'augeo-staging-api does not exist yet: it starts with the apiContainerImage of the parameters file.',
      'augeo-staging-api/staging does not exist yet: it starts with the apiStagingContainerImage of the parameters file.',
    ]) {
      expect(run.stdout).toContain(note);
      expect(run.summary).toContain(note);
    }
    expect(run.outputs).toMatchObject({
      resourceGroupName: 'augeo-staging-rg',
      apiAppName: 'augeo-staging-api',
      staticWebAppName: expect.any(String),
    });
    outputs = JSON.parse(run.outputs.outputs ?? '{}') as Record<string, string>;
    expect(outputs).toMatchObject({ apiAppName: 'augeo-staging-api', deployerClientId: run.outputs.deployerClientId });
    expect(run.summary).toContain('— ✅ succeeded');
  }, 120_000);

  it('leaves a working site the new deployer identity can read with the App Service SDK, its slot serving', async () => {
    const arm = createWebSiteManagement(deployerCredential(), SUBSCRIPTION, {
      endpoint: emulator.env.AZURE_RESOURCE_MANAGER_ENDPOINT,
    });
    const site = await get(arm, 'augeo-staging-rg', 'augeo-staging-api');
    expect(site).toMatchObject({ name: 'augeo-staging-api', state: 'Running', httpsOnly: true });
    expect(`https://${site.defaultHostName}`).toBe(
      emulator.slotUrl('augeo-staging-api', 'production', 'augeo-staging-rg'),
    );
    expect(outputs.apiDefaultHostName).toBe(site.defaultHostName);
    const slots: string[] = [];
    for await (const slot of listSlots(arm, 'augeo-staging-rg', 'augeo-staging-api')) slots.push(slot.name ?? '');
    expect(slots).toEqual(['augeo-staging-api/staging']);
    const state = emulator.site('augeo-staging-rg', 'augeo-staging-api');
    expect(state?.slots.staging?.siteConfig.linuxFxVersion).toBe('DOCKER|augeo/api:latest');
    expect(state?.slotConfigNames.appSettingNames).toEqual([
      'WEBSITE_SWAP_WARMUP_PING_PATH',
      'WEBSITE_SWAP_WARMUP_PING_STATUSES',
    ]);
    expect(await servedVersion(emulator.slotUrl('augeo-staging-api', 'staging', 'augeo-staging-rg'))).toBe('latest');
  });

  it('what-if again shows no change, sets has-changes=false and updates the same comment', async () => {
    const run = await provision({ mode: 'what-if', 'github-token': GITHUB_TOKEN }, pullRequestRun);
    expect(run.errors).toEqual([]);
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.summary).toContain('✅ No changes');
    const posted = await comments();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain('✅ No changes');
  });

  it('compiles main.bicep and its .bicepparam with the bicep on PATH, to the same template: still no change', async () => {
    const bicepDir = dirname(
      execFileSync('bash', [join(REPO, 'scripts/bicep.sh'), 'path'], { encoding: 'utf8' }).trim(),
    );
    const run = await provision(
      { mode: 'what-if', template: 'infrastructure/bicep/main.bicep' },
      { PATH: `${bicepDir}${delimiter}${process.env.PATH ?? ''}` },
    );
    expect(run.errors).toEqual([]);
    expect(run.outputs['has-changes']).toBe('false');
  }, 120_000);

  it('after a parameter change, what-if shows a Modify with the property diff', async () => {
    const path = await parametersWith('retention.parameters.json', { logRetentionDays: 60 });
    const run = await provision({ mode: 'what-if', parameters: path });
    expect(run.errors).toEqual([]);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toMatch(
      /\| ✏️ Modify \| Microsoft\.OperationalInsights\/workspaces \| `augeo-staging-logs` \| ~ `properties\.retentionInDays`: `30` → `60` \|/,
    );
  });

  it('deploy-backend then deploys the example API to the provisioned site, as the identity provisioning made', async () => {
    const run = await runAction(
      'deploy-backend',
      { 'resource-group': 'augeo-staging-rg', 'app-name': 'augeo-staging-api', image: 'augeo/api:1.1.0', ...FAST_GATE },
      runnerEnv(emulator, { AZURE_CLIENT_ID: outputs.deployerClientId ?? '' }),
    );
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'production-version': '1.1.0' });
    expect(await servedVersion(emulator.slotUrl('augeo-staging-api', 'production', 'augeo-staging-rg'))).toBe('1.1.0');
  }, 120_000);

  it('what-if after the blue-green deploy passes what the site and its slot run: no change to either', async () => {
    const run = await provision({ mode: 'what-if' });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain(
      'Keeping what augeo-staging-api runs: apiContainerImage=augeo/api:1.1.0 (keep-running-image).',
    );
    expect(run.stdout).toContain(
      'Keeping what augeo-staging-api/staging runs: apiStagingContainerImage=augeo/api:latest (keep-running-image).',
    );
    expect(run.summary).toContain(
      '| `apiContainerImage` | `augeo/api:1.1.0` | what `augeo-staging-api` runs (`keep-running-image`) |',
    );
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.summary).toMatch(/\| ＝ No change \| Microsoft\.Web\/sites \| `augeo-staging-api` \|/);
    expect(run.summary).toMatch(/\| ＝ No change \| Microsoft\.Web\/sites\/slots \| `augeo-staging-api\/staging` \|/);
  });

  it("with keep-running-image: false the what-if would put the parameters file's images back", async () => {
    const run = await provision({ mode: 'what-if', 'keep-running-image': 'false' });
    expect(run.errors).toEqual([]);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain(
      '| ✏️ Modify | Microsoft.Web/sites | `augeo-staging-api` | ~ `properties.siteConfig.linuxFxVersion`: `"DOCKER\\|augeo/api:1.1.0"` → `"DOCKER\\|augeo/api:latest"` |',
    );
  });

  it('parameter-overrides sets parameters for the run, typed as declared, and wins over keep-running-image', async () => {
    const run = await provision({
      mode: 'what-if',
      'parameter-overrides': 'logRetentionDays = 60\napiContainerImage=augeo/api:1.2.0',
    });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toContain('apiContainerImage is set by parameter-overrides: what runs is not read for it.');
    expect(run.summary).toContain('| `logRetentionDays` | `60` | `parameter-overrides` |');
    expect(run.summary).toMatch(
      /\| ✏️ Modify \| Microsoft\.OperationalInsights\/workspaces \| `augeo-staging-logs` \| ~ `properties\.retentionInDays`: `30` → `60` \|/,
    );
    expect(run.summary).toContain(
      '~ `properties.siteConfig.linuxFxVersion`: `"DOCKER\\|augeo/api:1.1.0"` → `"DOCKER\\|augeo/api:1.2.0"`',
    );
    expect(run.summary).toMatch(/\| ＝ No change \| Microsoft\.Web\/sites\/slots \| `augeo-staging-api\/staging` \|/);
  });

  it('deploy again keeps production on the deployed 1.1.0 and the slot on what it had', async () => {
    const run = await provision({ mode: 'deploy' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const site = emulator.site('augeo-staging-rg', 'augeo-staging-api');
    expect(site?.slots.production?.siteConfig.linuxFxVersion).toBe('DOCKER|augeo/api:1.1.0');
    expect(site?.slots.staging?.siteConfig.linuxFxVersion).toBe('DOCKER|augeo/api:latest');
    expect(await servedVersion(emulator.slotUrl('augeo-staging-api', 'production', 'augeo-staging-rg'))).toBe('1.1.0');
  }, 120_000);

  it('a failed deploy names the failing resource, its error and the correlation id', async () => {
    const run = await provision({ mode: 'deploy', 'parameter-overrides': 'apiContainerImage=augeo/api:not a tag' });
    expect(run.exitCode).toBe(1);
    const error = run.errors.join('\n');
    expect(error).toMatch(
      /Deployment 'augeo-staging-\d+-1' failed at \/subscriptions\/.*\/providers\/Microsoft\.Web\/sites\/augeo-staging-api: BadRequest: The parameter LinuxFxVersion has an invalid value\./,
    );
    expect(error).toMatch(/Correlation id: [0-9a-f-]{36}/);
    expect(run.stdout).toMatch(/✗ Microsoft\.Web\/sites augeo-staging-api — Failed/);
  }, 120_000);
});
