export type JournalHost = 'arm' | 'entra' | 'github' | 'key-vault';

export interface JournalEntry {
  time: string;
  host: JournalHost;
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the emulator reset the connection instead of answering. */
  status: number;
  /** ARM and Key Vault: the caller's object id; Entra: the client id asking; GitHub: absent. */
  principal?: string;
  /** The x-ms-correlation-request-id ARM answered with. */
  correlationId?: string;
  /** Id of the injected fault that shaped this answer. */
  faultId?: string;
}

/** Every request the emulated clouds answered, in arrival order. */
export class Journal {
  #entries: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.#entries.push(entry);
  }

  entries(): JournalEntry[] {
    return this.#entries.map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  clear(): void {
    this.#entries = [];
  }
}
