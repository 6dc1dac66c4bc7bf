import { formatDuration } from '../inputs/duration.js';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';

export interface FrontendReport {
  mode: string;
  target: string;
  url: string;
  buildId: string;
  previousBuildId: string;
  packageName?: string;
  prunedPackages: string[];
  phases: { name: string; ms: number }[];
  comment?: string;
}

/** The job summary of deploy-frontend: what is served where now, what it replaced, and how long each step took. */
export function frontendSummary(report: FrontendReport): string {
  const rows: [string, string][] = [
    ['Target', report.target],
    ['URL', report.url ? `[${report.url}](${report.url})` : '(none)'],
    ['Build served', report.buildId ? inlineCode(report.buildId) : '(none)'],
    ['Build before', report.previousBuildId ? inlineCode(report.previousBuildId) : '(none)'],
  ];
  if (report.packageName) rows.push(['Package', inlineCode(report.packageName)]);
  if (report.prunedPackages.length)
    rows.push(['Old packages removed', report.prunedPackages.map(inlineCode).join(', ')]);
  if (report.comment) rows.push(['Pull request', report.comment]);
  const timeline = report.phases.length
    ? [
        '',
        markdownTable(
          ['Phase', 'Took'],
          report.phases.map((phase) => [phase.name, formatDuration(phase.ms)]),
        ),
      ]
    : [];
  return [`### deploy-frontend: ${report.mode}`, '', markdownTable(['', ''], rows), ...timeline, ''].join('\n');
}
