import type { HealthReport } from './check-health.js';

/**
 * The step outputs, set whether or not the app is healthy. error-rate and p95-ms are the worst
 * URL's, so `healthy == 'true'` implies both are within their thresholds; they are empty when
 * nothing was measured (the wait phase ran out of time).
 */
export function healthOutputs(report: HealthReport): Record<string, string> {
  const measured = report.urls;
  const worst = (values: (number | undefined)[]): string => {
    const known = values.filter((value): value is number => value !== undefined);
    return known.length === 0 ? '' : String(Number(Math.max(...known).toFixed(2)));
  };
  return {
    healthy: String(report.healthy),
    'error-rate': worst(measured.map((url) => url.errorRatePercent)),
    'p95-ms': worst(measured.map((url) => url.p95Ms)),
    samples: String(measured.reduce((sum, url) => sum + url.samples, 0)),
    'observed-version': observedVersions(report).join(', '),
    report: JSON.stringify(report),
  };
}

/** Versions seen, most reported first: from the measurement, or the wait's last round if none ran. */
export function observedVersions(report: HealthReport): string[] {
  const counts = new Map<string, number>();
  const add = (version: string, count: number): void => void counts.set(version, (counts.get(version) ?? 0) + count);
  if (report.urls.length > 0) {
    for (const url of report.urls)
      for (const [version, count] of Object.entries(url.versions)) if (version !== '(none)') add(version, count);
  } else {
    for (const version of report.wait?.lastVersions ?? []) add(version, 1);
  }
  return [...counts.entries()].sort(([, a], [, b]) => b - a).map(([version]) => version);
}
