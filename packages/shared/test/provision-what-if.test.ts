import { describe, expect, it } from '@jest/globals';
import type { WhatIfChange } from '@azure/arm-resourcesdeployments/models';
import { defaultDeploymentName, provisionInputs } from '@augeo/shared/provision/provision-inputs';
import { renderWhatIf, whatIfMarker } from '@augeo/shared/provision/what-if-report';

const SITE = '/subscriptions/s/resourceGroups/augeo-dev-rg/providers/Microsoft.Web/sites/augeo-dev-api';

describe('renderWhatIf', () => {
  it('puts changes in a table with property diffs and folds unchanged resources away', () => {
    const changes: WhatIfChange[] = [
      { resourceId: '/subscriptions/s/resourceGroups/augeo-dev-rg', changeType: 'NoChange' },
      {
        resourceId: `${SITE}/slots/staging`,
        resourceType: 'Microsoft.Web/sites/slots',
        changeType: 'Modify',
        delta: [
          { path: 'properties.siteConfig.minTlsVersion', propertyChangeType: 'Modify', before: '1.0', after: '1.2' },
          { path: 'tags.Owner', propertyChangeType: 'Create', after: 'operations' },
          {
            path: 'properties.siteConfig.appSettings',
            propertyChangeType: 'Array',
            children: [{ path: '2', propertyChangeType: 'Delete', before: { name: 'OLD' } }],
          },
        ],
      },
      { resourceId: `${SITE}x`, changeType: 'Create' },
    ];
    const markdown = renderWhatIf('dev', 'augeo-dev-42-1', changes);

    expect(markdown.startsWith(whatIfMarker('dev'))).toBe(true);
    expect(markdown).toContain('1 ＝ No change · 1 ✏️ Modify · 1 ➕ Create');
    expect(markdown).toContain(
      '| ✏️ Modify | Microsoft.Web/sites/slots | `augeo-dev-api/staging` | ~ `properties.siteConfig.minTlsVersion`: `"1.0"` → `"1.2"`<br>+ `tags.Owner`: `"operations"`<br>− `properties.siteConfig.appSettings.2`: `{"name":"OLD"}` |',
    );
    expect(markdown).toContain('| ➕ Create | Microsoft.Web/sites | `augeo-dev-apix` |  |');
    expect(markdown).toMatch(
      /<details><summary>1 resource\(s\) without changes<\/summary>[\s\S]*Microsoft\.Resources\/resourceGroups \| `augeo-dev-rg`/,
    );
  });

  it('says so when nothing changes', () => {
    expect(renderWhatIf('dev', 'd', [{ resourceId: SITE, changeType: 'NoChange' }])).toContain('✅ No changes');
  });
});

describe('provision inputs', () => {
  it('names the deployment after the environment and the run', () => {
    expect(defaultDeploymentName('staging', { GITHUB_RUN_ID: '81', GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'augeo-staging-81-2',
    );
    expect(defaultDeploymentName('dev', {})).toBe('augeo-dev-local');
  });

  it('rejects a template that is neither JSON nor Bicep and a deployment name ARM would refuse', () => {
    const inputs: Record<string, string> = {
      environment: 'dev',
      parameters: 'p.json',
      template: 'main.yaml',
      'deployment-name': 'has spaces',
    };
    expect(() => provisionInputs.read({ get: (name) => inputs[name] })).toThrow(
      /Input 'template' is invalid: got 'main.yaml', expected a path to a \.json or \.bicep file[\s\S]*Input 'deployment-name' is invalid/,
    );
  });
});
