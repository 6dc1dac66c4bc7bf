import { isRuntime, type TemplateValue } from '@augeo/arm-template/template-value';

/**
 * A template value as JSON on the wire. A value only known at deployment prints as ARM's what-if prints an
 * unevaluated expression, `[reference(...)]`.
 */
export function toJson(value: TemplateValue): unknown {
  if (isRuntime(value)) return `[${value.origin}]`;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return value;
}

export function containsRuntime(value: TemplateValue | undefined): boolean {
  if (isRuntime(value)) return true;
  if (Array.isArray(value)) return value.some(containsRuntime);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsRuntime);
  return false;
}

/** ARM names a resource group `/subscriptions/{id}/resourceGroups/{name}`, not by its provider path. */
export function canonicalId(id: string): string {
  return id.replace(
    /^(\/subscriptions\/[^/]+)\/providers\/Microsoft\.Resources\/resourceGroups\//i,
    '$1/resourceGroups/',
  );
}
