import type { ExpandedTemplate } from '@augeo/arm-template/expand-template';
import { deploymentsType } from '@augeo/arm-template/arm-template';
import { canonicalId, toJson } from './template-json.js';

type Json = Record<string, unknown>;

export interface WhatIfPropertyChange {
  path: string;
  propertyChangeType: 'Create' | 'Delete' | 'Modify' | 'Array' | 'NoEffect';
  before?: unknown;
  after?: unknown;
  children?: WhatIfPropertyChange[];
}

export interface WhatIfChange {
  resourceId: string;
  resourceType: string;
  changeType: 'Create' | 'Modify' | 'NoChange';
  before?: unknown;
  after?: unknown;
  delta?: WhatIfPropertyChange[];
}

/**
 * What an Incremental deployment would change: every resource the expanded template declares (nested deployments
 * themselves aside, as ARM leaves them out), compared with what is there now. `current(id)` answers with the
 * resource as it stands, in the shape it was deployed in.
 */
export function whatIfChanges(expanded: ExpandedTemplate, current: (id: string) => Json | undefined): WhatIfChange[] {
  return expanded.resources
    .filter((resource) => resource.type.toLowerCase() !== deploymentsType.toLowerCase())
    .map((resource) => {
      const resourceId = canonicalId(resource.id);
      const after = { id: resourceId, name: resource.name, type: resource.type, ...(toJson(resource.body) as Json) };
      const existing = current(resourceId);
      if (!existing) return { resourceId, resourceType: resource.type, changeType: 'Create', after };
      const before = { id: resourceId, name: resource.name, type: resource.type, ...existing };
      const delta = propertyChanges(before, after, '');
      return {
        resourceId,
        resourceType: resource.type,
        changeType: delta.length === 0 ? 'NoChange' : 'Modify',
        before,
        after,
        ...(delta.length === 0 ? {} : { delta }),
      };
    });
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value ARM only knows once it deploys: what-if cannot say whether it changes, so it is no change. */
const unevaluated = (value: unknown) => typeof value === 'string' && /^\[.*\]$/s.test(value);

function propertyChanges(before: unknown, after: unknown, path: string): WhatIfPropertyChange[] {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (unevaluated(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key): WhatIfPropertyChange[] => {
      if (!(key in before)) return [{ path: at(key), propertyChangeType: 'Create', after: after[key] }];
      if (!(key in after)) return [{ path: at(key), propertyChangeType: 'Delete', before: before[key] }];
      return propertyChanges(before[key], after[key], at(key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const children = Array.from({ length: Math.max(before.length, after.length) }, (_, index) => {
      if (index >= before.length)
        return [{ path: String(index), propertyChangeType: 'Create' as const, after: after[index] }];
      if (index >= after.length)
        return [{ path: String(index), propertyChangeType: 'Delete' as const, before: before[index] }];
      return propertyChanges(before[index], after[index], String(index));
    }).flat();
    return [{ path, propertyChangeType: 'Array', children }];
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, propertyChangeType: 'Modify', before, after }];
}
