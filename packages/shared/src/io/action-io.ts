/**
 * The small interfaces the core talks through. An action adapts them to @actions/core,
 * tests adapt them to memory, a CLI adapts them to a terminal: the core never knows which.
 */

/** Raw input values as the user wrote them. Returns undefined for a missing or blank input. */
export interface InputReader {
  get(name: string): string | undefined;
}

export interface OutputWriter {
  set(name: string, value: string): void;
}

/** Where a message points in the user's repository (becomes a GitHub annotation). */
export interface SourceLocation {
  file?: string;
  startLine?: number;
  endLine?: number;
  title?: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  /** Runs `body` inside a collapsible log group. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /** Registers a secret so it never reaches the log. Call it the moment the secret exists. */
  mask(secret: string): void;
}

/** The job summary: Markdown appended in order, flushed once by write(). */
export interface Summary {
  append(markdown: string): void;
  write(): Promise<void>;
}

export interface ActionIO {
  inputs: InputReader;
  outputs: OutputWriter;
  log: Logger;
  summary: Summary;
  /** Environment variables of the process (GitHub's run context, Azure settings). */
  env: Readonly<Record<string, string | undefined>>;
}
