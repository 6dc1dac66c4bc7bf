import { renderForTerminal } from './terminal-markdown.js';

/** What a run ends with, for people (the summary, the outputs, a verdict) or for scripts (`--json`). */
export interface RunResult {
  command: string;
  result: 'success' | 'failure';
  outputs: Record<string, string>;
  /** The message the action would fail with (describeError: message, hint, correlation id). */
  error?: string;
  /** The job summary Markdown the action would write. */
  summary: string;
}

export function renderResult(result: RunResult, json: boolean): string {
  if (json) return `${JSON.stringify(result, null, 2)}\n`;
  const parts: string[] = [];
  if (result.summary.trim() !== '') parts.push(renderForTerminal(result.summary));
  const outputs = Object.entries(result.outputs);
  if (outputs.length > 0) {
    const width = Math.max(...outputs.map(([name]) => name.length));
    parts.push(
      ['Outputs', '───────', ...outputs.map(([name, value]) => `${name.padEnd(width)}  ${oneLine(value)}`)].join('\n') +
        '\n',
    );
  }
  parts.push(result.result === 'success' ? `✔ ${result.command} succeeded\n` : `✖ ${result.command} failed\n`);
  return `\n${parts.join('\n')}`;
}

/** Long JSON outputs (provision's `outputs`) stay on one line, cut to what a terminal shows. */
function oneLine(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
