import type { ActionIO, Logger, SourceLocation } from './action-io.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warning' | 'error' | 'group';
  message: string;
  where?: SourceLocation;
}

/** An ActionIO held in memory, for unit tests and for callers that collect results themselves. */
export interface MemoryIO extends ActionIO {
  readonly outputValues: Map<string, string>;
  readonly lines: LogLine[];
  readonly masked: Set<string>;
  readonly summaryText: () => string;
}

export function createMemoryIO(
  inputs: Record<string, string> = {},
  env: Record<string, string | undefined> = {},
): MemoryIO {
  const outputValues = new Map<string, string>();
  const lines: LogLine[] = [];
  const masked = new Set<string>();
  const summaryParts: string[] = [];
  let written = '';
  const redact = (text: string): string => [...masked].reduce((acc, secret) => acc.split(secret).join('***'), text);
  const log: Logger = {
    debug: (message) => lines.push({ level: 'debug', message: redact(message) }),
    info: (message) => lines.push({ level: 'info', message: redact(message) }),
    warning: (message, where) => lines.push({ level: 'warning', message: redact(message), where }),
    error: (message, where) => lines.push({ level: 'error', message: redact(message), where }),
    group: async (title, body) => {
      lines.push({ level: 'group', message: title });
      return body();
    },
    mask: (secret) => {
      if (secret) masked.add(secret);
    },
  };
  return {
    inputs: {
      get: (name) => {
        const value = inputs[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
      },
    },
    outputs: { set: (name, value) => void outputValues.set(name, value) },
    log,
    summary: {
      append: (markdown) => void summaryParts.push(markdown),
      write: async () => {
        written += summaryParts.splice(0).join('\n');
      },
    },
    env,
    outputValues,
    lines,
    masked,
    summaryText: () => written,
  };
}
