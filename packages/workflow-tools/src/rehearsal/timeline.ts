/** What happened, in order, as a person reads it: when, where in the workflow tree, and the outcome. */
export interface TimelineEntry {
  elapsedMs: number;
  /** e.g. `staging.yml › deploy › deploy.yml › provision`. */
  where: string;
  event: 'act' | 'workflow' | 'job' | 'step' | 'approval' | 'skipped-step' | 'identity' | 'admin' | 'fault';
  outcome: string;
  detail?: string;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];
  private readonly started = Date.now();
  private readonly onEntry: (entry: TimelineEntry) => void;

  /** onEntry sees each entry as it happens (the CLI prints the timeline live). */
  constructor(onEntry: (entry: TimelineEntry) => void = () => {}) {
    this.onEntry = onEntry;
  }

  record(entry: Omit<TimelineEntry, 'elapsedMs'>): void {
    const full = { ...entry, elapsedMs: Date.now() - this.started };
    this.entries.push(full);
    this.onEntry(full);
  }

  render(): string {
    return this.entries.map(formatEntry).join('\n');
  }
}

const MARKS: Record<string, string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
  approved: '✔',
  rejected: '✋',
};

export function formatEntry(entry: TimelineEntry): string {
  const seconds = (entry.elapsedMs / 1000).toFixed(1).padStart(6);
  if (entry.event === 'act') return `\n${seconds}s ━━ ${entry.where}${entry.detail ? ` — ${entry.detail}` : ''}`;
  const mark = MARKS[entry.outcome] ?? '•';
  const detail = entry.detail ? ` — ${entry.detail}` : '';
  return `${seconds}s ${mark} ${entry.event.padEnd(12)} ${entry.where}: ${entry.outcome}${detail}`;
}
