import type { ActionIO, SourceLocation } from '@augeo/shared/io/action-io';

export interface TerminalIO extends ActionIO {
  readonly outputValues: Map<string, string>;
  /** The job summary as the core wrote it, once write() ran. */
  summaryMarkdown(): string;
  /** Text with every masked secret replaced by ***, as the runner does to its log. */
  redact(text: string): string;
}

export interface TerminalIOOptions {
  /** The flags, by input name; repeated flags are already joined with new lines. */
  inputs: Record<string, string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Where progress goes: stderr, so stdout holds only the result (the table, or the JSON). */
  progress: (line: string) => void;
  debug: boolean;
}

/** The ActionIO of a terminal: inputs from flags, progress lines to stderr, outputs and summary kept for the end. */
export function createTerminalIO(options: TerminalIOOptions): TerminalIO {
  const masked = new Set<string>();
  const outputValues = new Map<string, string>();
  const pending: string[] = [];
  let written = '';
  const redact = (text: string) => [...masked].reduce((acc, secret) => acc.split(secret).join('***'), text);
  const print = (prefix: string, message: string, where?: SourceLocation) =>
    options.progress(redact(`${prefix}${message}${describeLocation(where)}`));
  return {
    inputs: {
      // As @actions/core's getInput: trimmed, and blank is the same as absent.
      get: (name) => options.inputs[name]?.trim() || undefined,
    },
    outputs: { set: (name, value) => void outputValues.set(name, value) },
    log: {
      debug: (message) => {
        if (options.debug) print('debug: ', message);
      },
      info: (message) => print('', message),
      warning: (message, where) => print('warning: ', message, where),
      error: (message, where) => print('error: ', message, where),
      group: async (title, body) => {
        print('▸ ', title);
        return body();
      },
      mask: (secret) => {
        if (secret) masked.add(secret);
      },
    },
    summary: {
      append: (markdown) => void pending.push(markdown),
      write: async () => {
        written += pending.splice(0).join('\n');
      },
    },
    env: options.env,
    outputValues,
    summaryMarkdown: () => written,
    redact,
  };
}

function describeLocation(where: SourceLocation | undefined): string {
  if (!where?.file) return '';
  return ` (${where.file}${where.startLine ? `:${where.startLine}` : ''})`;
}
