import { formatDuration } from '../inputs/duration.js';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';
import type { HealthCheckPlan, HealthReport } from './check-health.js';
import { formatPercent } from './judgement.js';

const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : formatDuration(value));

/** The job summary of a health check: verdict, per-URL table, the thresholds used, and why it failed. */
export function renderHealthSummary(report: HealthReport, plan: HealthCheckPlan): string {
  const parts = [`### Health check: ${report.healthy ? '✅ healthy' : '❌ unhealthy'}`, verdictLine(report)];
  if (report.wait) {
    const { ready, rounds, elapsedMs, lastSeen } = report.wait;
    parts.push(
      ready
        ? `Wait phase: ${plan.consecutiveSuccesses} healthy round(s) in a row after ${rounds} round(s), ${formatDuration(elapsedMs)}.`
        : `Wait phase: **not ready** within the ${formatDuration(plan.deadlineMs)} deadline after ${rounds} round(s). Last seen: ${lastSeen}`,
    );
  }
  if (report.urls.length > 0) {
    parts.push(
      markdownTable(
        ['URL', 'Samples', 'Errors', 'Error rate', 'p50', 'p95', 'max', 'Version seen', 'Verdict'],
        report.urls.map((url) => [
          url.url,
          String(url.samples),
          String(url.errors),
          formatPercent(url.errorRatePercent),
          ms(url.p50Ms),
          ms(url.p95Ms),
          ms(url.maxMs),
          Object.keys(url.versions).join(', ') || 'n/a',
          url.healthy ? '✅ healthy' : '❌ unhealthy',
        ]),
      ),
    );
  }
  const failures = report.urls.flatMap((url) => url.reasons.map((reason) => `- ${url.url}: ${reason}`));
  if (failures.length > 0) parts.push(['**Failed criteria**', '', ...failures].join('\n'));
  parts.push(thresholdsLine(plan));
  return `${parts.join('\n\n')}\n`;
}

function verdictLine(report: HealthReport): string {
  if (report.urls.length === 0) return '**Verdict: unhealthy**: the app never became ready, so nothing was measured.';
  const failed = report.urls.filter((url) => !url.healthy).length;
  return failed === 0
    ? `**Verdict: healthy**: all ${report.urls.length} URL(s) met every threshold.`
    : `**Verdict: unhealthy**: ${failed} of ${report.urls.length} URL(s) failed at least one threshold.`;
}

function thresholdsLine(plan: HealthCheckPlan): string {
  const items = [
    `expected status ${inlineCode(plan.expectedStatuses.join(','))}`,
    `max error rate ${formatPercent(plan.maxErrorRatePercent)}`,
    `max p95 ${formatDuration(plan.maxP95Ms)}`,
    plan.expectedVersion === undefined
      ? 'no expected version'
      : `expected version ${inlineCode(plan.expectedVersion)} at ${inlineCode(plan.versionField.join('.'))}`,
    `${plan.samples} samples per URL every ${formatDuration(plan.intervalMs)}`,
    `timeout ${formatDuration(plan.timeoutMs)}`,
    `concurrency ${plan.concurrency}`,
  ];
  return `**Thresholds:** ${items.join(' · ')}`;
}
