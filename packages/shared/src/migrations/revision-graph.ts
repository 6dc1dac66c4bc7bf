import type { RevisionFile } from './revision-scan.js';

export type Phase = 'expand' | 'contract';

/** A problem with the shape of the history, pointed at the file that causes it. */
export interface GraphProblem {
  rule: 'multiple-heads' | 'missing-down-revision' | 'duplicate-revision' | 'invalid-phase-marker';
  revision: string;
  file: string;
  line: number;
  message: string;
}

/** The revision history as Alembic would build it, computed from the files alone. */
export class RevisionGraph {
  readonly byId = new Map<string, RevisionFile>();
  readonly problems: GraphProblem[] = [];
  /** Parents before children; among equals, in file order. */
  readonly order: string[];
  readonly heads: string[];
  private readonly children = new Map<string, string[]>();

  constructor(revisions: readonly RevisionFile[]) {
    for (const revision of revisions) {
      const first = this.byId.get(revision.revision);
      if (first) {
        this.problems.push({
          rule: 'duplicate-revision',
          revision: revision.revision,
          file: revision.file,
          line: revision.line,
          message: `Revision id ${revision.revision} is also used by ${first.file}.`,
        });
        continue;
      }
      this.byId.set(revision.revision, revision);
    }
    for (const revision of this.byId.values()) {
      for (const parent of revision.downRevisions) {
        if (!this.byId.has(parent)) {
          this.problems.push({
            rule: 'missing-down-revision',
            revision: revision.revision,
            file: revision.file,
            line: revision.line,
            message: `Revision ${revision.revision} revises ${parent}, which no file in the migrations folder defines.`,
          });
          continue;
        }
        this.children.set(parent, [...(this.children.get(parent) ?? []), revision.revision]);
      }
      if (revision.phase !== null && revision.phase !== 'expand' && revision.phase !== 'contract') {
        this.problems.push({
          rule: 'invalid-phase-marker',
          revision: revision.revision,
          file: revision.file,
          line: revision.phaseLine ?? revision.line,
          message: `Revision ${revision.revision} sets phase = ${revision.phase}; write phase = "expand" or phase = "contract".`,
        });
      }
    }
    this.heads = [...this.byId.keys()].filter((id) => !this.children.has(id));
    if (this.heads.length > 1) {
      const named = this.heads.join(' and ');
      for (const head of this.heads) {
        const revision = this.byId.get(head) as RevisionFile;
        this.problems.push({
          rule: 'multiple-heads',
          revision: head,
          file: revision.file,
          line: revision.line,
          message: `The history has ${this.heads.length} heads (${named}); merge them with \`alembic merge ${this.heads.join(' ')}\`.`,
        });
      }
    }
    this.order = this.topologicalOrder();
  }

  isContract(id: string): boolean {
    return this.byId.get(id)?.phase === 'contract';
  }

  /** The revision and everything it revises or depends on, transitively. */
  ancestorsOf(ids: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const revision = this.byId.get(id);
      if (revision) stack.push(...revision.downRevisions, ...revision.dependsOn.filter((dep) => this.byId.has(dep)));
    }
    return seen;
  }

  /** Revisions an upgrade from `current` to every head would run, in the order Alembic runs them. */
  pendingFrom(current: readonly string[]): string[] {
    const applied = this.ancestorsOf(current);
    return this.order.filter((id) => !applied.has(id));
  }

  /**
   * What one phase may apply of `pending`. Expand stops short of every contract revision and of everything built on
   * one, so the release still serving production never meets a contract change; contract applies the rest.
   */
  applicableIn(phase: Phase, pending: readonly string[]): string[] {
    if (phase === 'contract') return [...pending];
    const pendingSet = new Set(pending);
    return pending.filter(
      (id) => ![...this.ancestorsOf([id])].some((ancestor) => pendingSet.has(ancestor) && this.isContract(ancestor)),
    );
  }

  /** The tips of a set of revisions: the targets to pass to `alembic upgrade`. */
  tipsOf(ids: readonly string[]): string[] {
    const set = new Set(ids);
    return ids.filter((id) => !(this.children.get(id) ?? []).some((child) => set.has(child)));
  }

  private topologicalOrder(): string[] {
    const remaining = new Map(
      [...this.byId.values()].map((r) => [r.revision, r.downRevisions.filter((p) => this.byId.has(p)).length]),
    );
    const ready = [...remaining].filter(([, count]) => count === 0).map(([id]) => id);
    const order: string[] = [];
    for (let id = ready.shift(); id !== undefined; id = ready.shift()) {
      order.push(id);
      for (const child of this.children.get(id) ?? []) {
        const left = (remaining.get(child) ?? 1) - 1;
        remaining.set(child, left);
        if (left === 0) ready.push(child);
      }
    }
    return order;
  }
}
