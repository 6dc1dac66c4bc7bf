import { inlineCode } from '../summary/inline-code.js';
import { markdownTable } from '../summary/markdown-table.js';

/** A parameter whose value the run chose rather than the parameters file, and where it came from. */
export interface ParameterSource {
  parameter: string;
  /** As the summary may show it: `***` for a secure parameter. */
  shown: string;
  from: string;
}

/** The job summary's account of the parameters the run set, and of what it left to the parameters file and why. */
export function renderParameterSources(environment: string, sources: ParameterSource[], notes: string[]): string {
  const parts = [`## Provision parameters: ${environment}`];
  if (sources.length > 0) {
    parts.push(
      markdownTable(
        ['Parameter', 'Value', 'From'],
        sources.map((source) => [inlineCode(source.parameter), inlineCode(source.shown), source.from]),
      ),
    );
  }
  parts.push(...notes);
  return `${parts.join('\n\n')}\n`;
}
