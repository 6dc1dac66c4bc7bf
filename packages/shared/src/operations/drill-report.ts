import { formatDuration } from '../inputs/duration.js';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';
import type { VerificationResult } from './database-verification.js';

/** One line of the drill's verdict: a measurement against the platform doc's target. */
export interface DrillMeasurement {
  component: string;
  /** e.g. `RTO 1h`, `RPO 15m`. */
  target: string;
  /** Undefined when the step did not get far enough to measure. */
  measured: string | undefined;
  passed: boolean;
  note?: string;
}

export interface RestorePoint {
  component: string;
  earliest: string;
  latest: string;
}

export interface DrillReport {
  environment: string;
  measurements: DrillMeasurement[];
  restorePoints: RestorePoint[];
  verification?: { query: string; result?: VerificationResult; failure?: string };
  cleanup: string[];
}

/** `✅ 1.2s of 1h` style cells need the target's duration too. */
export function measured(ms: number): string {
  return formatDuration(Math.max(0, Math.round(ms)));
}

export function drillPassed(report: DrillReport): boolean {
  return report.measurements.length > 0 && report.measurements.every((measurement) => measurement.passed);
}

/** The job summary: verdict table first, then restore points, the verification's answer and the clean-up. */
export function renderDrillReport(report: DrillReport): string {
  const passed = drillPassed(report);
  const lines = [
    `## Disaster-recovery drill: ${report.environment} ${passed ? '✅ passed' : '❌ failed'}`,
    '',
    markdownTable(
      ['component', 'target', 'measured', 'result'],
      report.measurements.map((row) => [
        row.component,
        row.target,
        row.measured ?? 'not measured',
        `${row.passed ? '✅ pass' : '❌ fail'}${row.note ? ` (${row.note})` : ''}`,
      ]),
    ),
    '',
    '### Latest restore points',
    '',
    markdownTable(
      ['component', 'earliest', 'latest'],
      report.restorePoints.map((point) => [point.component, point.earliest, point.latest]),
    ),
    '',
  ];
  if (report.verification) {
    lines.push('### Verification on the restored database', '', inlineCode(report.verification.query), '');
    const result = report.verification.result;
    if (result) {
      lines.push(markdownTable(result.columns, result.rows), '');
      if (result.rowCount > result.rows.length)
        lines.push(`(${result.rowCount} rows; the first ${result.rows.length} shown)`, '');
    }
    if (report.verification.failure) lines.push(`❌ ${report.verification.failure}`, '');
  }
  lines.push('### Clean-up', '', ...report.cleanup.map((line) => `- ${line}`), '');
  return lines.join('\n');
}
