/**
 * The version an app reports in its JSON body at a dotted path (`version`, `build.version`).
 * Strings are taken as they are and numbers as written; anything else, or a body that is not
 * JSON, reports no version.
 */
export function readReportedVersion(body: string, path: readonly string[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
