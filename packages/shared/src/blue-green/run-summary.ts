import { formatDuration } from '../inputs/duration.js';
import { formatPercent } from '../health/judgement.js';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';
import type { RunReport } from './run-report.js';
import { describeServing } from './slot-serving.js';
import type { PhaseRecord } from './timeline.js';

const VERDICT: Record<string, string> = {
  deployed: '✅ deployed',
  staged: '✅ staged (not swapped)',
  swapped: '✅ swapped',
  'already-swapped': '✅ already swapped',
  previewed: '✅ previewed',
  reset: '✅ reset',
  'rolled-back': '↩️ rolled back',
  'failed-before-swap': '❌ failed before swap (production untouched)',
  failed: '❌ failed',
};

const OUTCOME: Record<PhaseRecord['outcome'], string> = { ok: '✅', failed: '❌', skipped: '⏭️' };

/**
 * The job summary of a deploy, swap or rollback: verdict, what production serves at the end, why it rolled back,
 * the timeline as a table and as a Mermaid gantt (GitHub renders it), and the numbers of every health gate.
 */
export function renderRunSummary(report: RunReport): string {
  const parts = [`### ${report.action}: ${VERDICT[report.result] ?? report.result}`, `_${report.title}_`];
  const facts: string[] = [];
  if (report.production) facts.push(`**Production serves now:** ${inlineCode(describeServing(report.production))}`);
  if (report.before) facts.push(`**Before this run:** ${inlineCode(describeServing(report.before))}`);
  if (report.rolledBack)
    facts.push('**Rolled back:** yes, production was swapped back to the release it served before.');
  parts.push(facts.join('  \n'));
  if (report.warnings.length > 0)
    parts.push(report.warnings.map((warning) => `> [!WARNING]\n> ${warning}`).join('\n\n'));
  if (report.reasons.length > 0)
    parts.push(['**Why**', '', ...report.reasons.map((reason) => `- ${reason}`)].join('\n'));
  if (report.timeline.length > 0) parts.push('#### Timeline', timelineTable(report.timeline), timelineGantt(report));
  if (report.gates.length > 0) parts.push('#### Health gates', gatesTable(report));
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function timelineTable(phases: PhaseRecord[]): string {
  return markdownTable(
    ['Phase', 'Started at', 'Duration', 'Outcome', 'Note'],
    phases.map((phase) => [
      phase.phase,
      `+${formatDuration(phase.startMs)}`,
      formatDuration(phase.durationMs),
      `${OUTCOME[phase.outcome]} ${phase.outcome}`,
      phase.note ?? '',
    ]),
  );
}

/** Mermaid gantt with millisecond offsets (`dateFormat x`); failed phases are drawn `crit`. */
export function timelineGantt(report: Pick<RunReport, 'timeline' | 'action'>): string {
  const label = (text: string) => text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
  const lines = report.timeline.map((phase, index) => {
    const tags = phase.outcome === 'failed' ? 'crit, ' : phase.outcome === 'skipped' ? 'milestone, ' : 'done, ';
    const start = Math.round(phase.startMs);
    const end = Math.max(start + 1, Math.round(phase.startMs + phase.durationMs));
    return `    ${label(phase.phase)} :${tags}p${index}, ${start}, ${end}`;
  });
  return [
    '```mermaid',
    'gantt',
    `    title ${report.action} timeline`,
    '    dateFormat x',
    '    axisFormat %M:%S',
    '    section phases',
    ...lines,
    '```',
  ].join('\n');
}

function gatesTable(report: RunReport): string {
  return markdownTable(
    ['Gate', 'URL', 'Samples', 'Errors', 'Error rate', 'p95', 'Version seen', 'Expected', 'Verdict'],
    report.gates.map((gate) => {
      const url = gate.report.urls[0];
      const waited = gate.report.wait && !gate.report.wait.ready;
      return [
        gate.name,
        gate.url,
        url ? String(url.samples) : '0',
        url ? String(url.errors) : 'n/a',
        url ? formatPercent(url.errorRatePercent) : 'n/a',
        url?.p95Ms === undefined ? 'n/a' : formatDuration(url.p95Ms),
        url ? Object.keys(url.versions).join(', ') || 'n/a' : (gate.report.wait?.lastVersions.join(', ') ?? 'n/a'),
        gate.expectedVersion ?? 'any',
        gate.report.healthy
          ? '✅ healthy'
          : waited
            ? '❌ never ready'
            : gate.stoppedEarly
              ? '❌ unhealthy (stopped early)'
              : '❌ unhealthy',
      ];
    }),
  );
}
