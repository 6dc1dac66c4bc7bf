import type { WhatIfChange, WhatIfPropertyChange } from '@azure/arm-resourcesdeployments/models';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';

/** The hidden line that finds our own pull-request comment again, one per environment. */
export const whatIfMarker = (environment: string) => `<!-- augeo-provision-what-if:${environment} -->`;

const ICONS: Record<string, string> = {
  Create: '➕ Create',
  Modify: '✏️ Modify',
  Delete: '🗑️ Delete',
  Deploy: '🚀 Deploy',
  NoChange: '＝ No change',
  Ignore: '· Ignore',
  Unsupported: '⚠️ Unsupported',
};

/** Create, Modify, Delete and Deploy change something; NoChange and Ignore do not. */
export const changesSomething = (change: WhatIfChange) =>
  ['Create', 'Modify', 'Delete', 'Deploy'].includes(change.changeType);

export function countChanges(changes: WhatIfChange[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of changes) counts[change.changeType] = (counts[change.changeType] ?? 0) + 1;
  return counts;
}

/** The what-if as Markdown: counts, then one row per resource with its property changes, unchanged ones folded. */
export function renderWhatIf(environment: string, deploymentName: string, changes: WhatIfChange[]): string {
  const counts = countChanges(changes);
  const headline = Object.entries(counts)
    .map(([type, count]) => `${count} ${ICONS[type] ?? type}`)
    .join(' · ');
  const changing = changes.filter(changesSomething);
  const unchanged = changes.filter((change) => !changesSomething(change));
  const rows = (list: WhatIfChange[]) =>
    list.map((change) => [
      ICONS[change.changeType] ?? change.changeType,
      change.resourceType ?? typeFromId(change.resourceId ?? ''),
      inlineCode(nameFromId(change.resourceId ?? '')),
      describeDelta(change.delta ?? []),
    ]);
  const headers = ['Change', 'Type', 'Resource', 'Properties'];
  const parts = [
    whatIfMarker(environment),
    `## Provision what-if: ${environment} (${inlineCode(deploymentName)})`,
    changing.length === 0 ? '✅ No changes: the environment matches the template.' : headline,
  ];
  if (changing.length > 0) parts.push(markdownTable(headers, rows(changing)));
  if (unchanged.length > 0) {
    parts.push(
      `<details><summary>${unchanged.length} resource(s) without changes</summary>\n\n${markdownTable(headers, rows(unchanged))}\n\n</details>`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

function describeDelta(delta: WhatIfPropertyChange[], prefix = ''): string {
  return delta
    .flatMap((property) => {
      const path = prefix === '' ? property.path : `${prefix}.${property.path}`;
      if (property.children?.length) return [describeDelta(property.children, path)];
      switch (property.propertyChangeType) {
        case 'Create':
          return [`+ ${inlineCode(path)}: ${show(property.after)}`];
        case 'Delete':
          return [`− ${inlineCode(path)}: ${show(property.before)}`];
        case 'Modify':
          return [`~ ${inlineCode(path)}: ${show(property.before)} → ${show(property.after)}`];
        default:
          return [];
      }
    })
    .filter(Boolean)
    .join('\n');
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return inlineCode(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function nameFromId(id: string): string {
  const parts = id.split('/');
  const providers = parts.lastIndexOf('providers');
  if (providers < 0) return parts.at(-1) ?? id;
  return parts
    .slice(providers + 3)
    .filter((_, index) => index % 2 === 0)
    .join('/');
}

function typeFromId(id: string): string {
  const parts = id.split('/');
  const providers = parts.lastIndexOf('providers');
  if (providers < 0) return 'Microsoft.Resources/resourceGroups';
  return [parts[providers + 1], ...parts.slice(providers + 2).filter((_, index) => index % 2 === 0)].join('/');
}
