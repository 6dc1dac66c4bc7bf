import { relative } from 'node:path';
import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';
import type { Finding } from './findings.js';
import type { MigrationGateConfig, MigrationGateDeps, MigrationGateResult } from './migration-gate.js';

const ICON: Record<Finding['severity'], string> = { block: '⛔ block', warn: '⚠️ warn', allowed: '☑️ allowed' };
const list = (ids: readonly string[]) => (ids.length ? ids.join(', ') : '—');

/** The gate's outputs, as action.yml declares them. */
export function migrationOutputs(result: MigrationGateResult): Record<string, string> {
  return {
    current: result.current?.join(',') ?? '',
    head: result.heads.join(','),
    pending: JSON.stringify(result.pending),
    applied: JSON.stringify(result.applied),
    'held-back': JSON.stringify(result.heldBack),
    blocked: String(result.blocked),
    warnings: String(result.findings.filter((finding) => finding.severity === 'warn').length),
    findings: JSON.stringify(result.findings.map(({ sql: _sql, ...finding }) => finding)),
  };
}

/** Outputs, one annotation per finding on its op.* line, and the job summary. */
export function reportMigrationGate(
  result: MigrationGateResult,
  config: MigrationGateConfig,
  deps: MigrationGateDeps,
): void {
  for (const [name, value] of Object.entries(migrationOutputs(result))) deps.outputs.set(name, value);
  for (const finding of result.findings) annotate(finding, deps);
  if (result.mode !== 'lint') {
    const action = result.mode === 'apply' ? 'applied' : `apply (phase ${result.phase}) would apply`;
    deps.log.info(
      `Database at ${list(result.before ?? [])}; pending ${list(result.pending)}; ${action} ` +
        `${list(result.mode === 'apply' ? result.applied : result.applicable)}; held back for phase contract ${list(result.heldBack)}.`,
    );
  }
  if (result.failure) {
    const where = result.failure.file ? relative(config.workspace, result.failure.file) : undefined;
    deps.log.error(`Revision ${result.failure.revision ?? '?'} failed: ${result.failure.error}`, {
      ...(where ? { file: where, startLine: result.failure.line } : {}),
      title: 'Migration failed',
    });
  }
  deps.summary.append(summaryMarkdown(result, config));
}

function annotate(finding: Finding, deps: MigrationGateDeps): void {
  const text = [`${finding.rule}: ${finding.message}`, finding.note, finding.fix ? `Fix: ${finding.fix}` : undefined]
    .filter(Boolean)
    .join(' ');
  const where = { file: finding.file, startLine: finding.line, title: `Migration gate: ${finding.rule}` };
  if (finding.severity === 'block') deps.log.error(text, where);
  else if (finding.severity === 'warn') deps.log.warning(text, where);
  else deps.log.info(`${text} (${finding.file ?? ''}:${finding.line ?? ''})`);
}

function verdict(result: MigrationGateResult): string {
  if (result.blocked) return '⛔ blocked';
  if (result.failure) return `❌ failed at revision ${result.failure.revision ?? '?'}`;
  if (result.mode === 'apply')
    return result.applied.length ? `✅ applied ${result.applied.length} revision(s)` : '✅ already up to date';
  return '✅ passes';
}

function summaryMarkdown(result: MigrationGateResult, config: MigrationGateConfig): string {
  const rows: string[][] = [['Head', list(result.heads)]];
  if (result.mode !== 'lint') {
    rows.push(['Database was at', list(result.before ?? [])]);
    rows.push(['Pending', list(result.pending)]);
    rows.push([
      result.mode === 'apply' ? 'Applied' : `apply (phase ${result.phase}) would apply`,
      list(result.mode === 'apply' ? result.applied : result.applicable),
    ]);
    rows.push(['Held back for phase contract', list(result.heldBack)]);
    if (result.mode === 'apply') rows.push(['Database is now at', list(result.current ?? [])]);
  }
  rows.push([
    'Linted',
    `${result.checked.length} revision(s) for PostgreSQL ${result.postgresVersion}${config.baseRef ? ` (changed since ${inlineCode(config.baseRef)})` : ''}`,
  ]);
  const parts = [
    `## Migration gate: ${result.mode}${result.mode === 'lint' ? '' : ` (phase ${result.phase})`} — ${verdict(result)}`,
    '',
    markdownTable(['', ''], rows),
  ];
  if (result.failure) {
    parts.push(
      '',
      `### Failure`,
      '',
      `Revision ${inlineCode(result.failure.revision ?? '?')} failed; the database stays at ${inlineCode(result.failure.stillAt.join(', ') || 'base')}.`,
      '',
      '```',
      result.failure.error,
      '```',
    );
  }
  const shown = result.findings.filter((finding) => finding.severity !== 'allowed');
  if (shown.length) {
    parts.push(
      '',
      '### Findings',
      '',
      markdownTable(
        ['', 'Rule', 'Revision', 'Where', 'What', 'Fix'],
        shown.map((finding) => [
          ICON[finding.severity],
          inlineCode(finding.rule),
          finding.revision ?? '',
          finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : '',
          [finding.message, finding.note].filter(Boolean).join(' '),
          finding.fix ?? '',
        ]),
      ),
    );
  } else {
    parts.push('', 'No findings.');
  }
  if (config.allow.length) {
    const counts = config.allow.map((rule) => [
      inlineCode(rule),
      String(result.findings.filter((finding) => finding.rule === rule && finding.severity === 'allowed').length),
    ]);
    parts.push('', '### Accepted by this workflow (`allow`)', '', markdownTable(['Rule', 'Findings accepted'], counts));
  }
  return parts.join('\n') + '\n';
}
