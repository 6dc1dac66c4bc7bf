/** One statement of `alembic upgrade --sql` output, with the revision whose upgrade() produced it. */
export interface RenderedStatement {
  /** 0-based, as Squawk counts lines. */
  firstLine: number;
  lastLine: number;
  text: string;
  /** Undefined for Alembic's own preamble (CREATE TABLE alembic_version). */
  revision?: string;
  /** Alembic's own bookkeeping (the version table): never the user's doing. */
  bookkeeping: boolean;
}

/** The SQL of one revision, ready for Squawk on its own. */
export interface RevisionScript {
  revision: string;
  text: string;
  /** Add to a 0-based line of `text` to get the line in the whole rendered script. */
  lineOffset: number;
  /** Lines of `text` that are not the revision's own (the BEGIN/COMMIT added around it). */
  addedLines: ReadonlySet<number>;
}

// Alembic writes `-- Running upgrade <from> -> <to>` before each revision's statements (from is empty at base,
// comma-separated at a merge point).
const RUNNING_UPGRADE = /^-- Running upgrade .*-> (\S+)\s*$/;
// Alembic names the version table as env.py says, but its column is always version_num.
const BOOKKEEPING = /\bversion_num\b/;
const BEGIN = /^(BEGIN|START TRANSACTION)\s*;$/i;
const END = /^(COMMIT|ROLLBACK)\s*;$/i;

/**
 * Splits the script into statements. Alembic ends every statement with `;` and a blank line, which is how it is
 * split here: a `;` at a line end inside a function body is not followed by a blank line in practice. The BEGIN that
 * Alembic writes just before a revision's marker (transaction_per_migration) belongs to that revision.
 */
export function splitRenderedSql(sql: string): RenderedStatement[] {
  const lines = sql.split('\n');
  const statements: RenderedStatement[] = [];
  let revision: string | undefined;
  let start = -1;
  lines.forEach((line, index) => {
    const marker = RUNNING_UPGRADE.exec(line);
    if (marker) {
      revision = marker[1];
      const previous = statements[statements.length - 1];
      if (
        previous &&
        BEGIN.test(previous.text.trim()) &&
        lines.slice(previous.lastLine + 1, index).every((between) => between.trim() === '')
      ) {
        previous.revision = revision;
      }
      return;
    }
    if (start < 0) {
      if (line.trim() === '' || line.startsWith('--')) return;
      start = index;
    }
    const ends = line.trimEnd().endsWith(';') && (lines[index + 1] ?? '').trim() === '';
    if (!ends) return;
    const text = lines.slice(start, index + 1).join('\n');
    statements.push({ firstLine: start, lastLine: index, text, revision, bookkeeping: BOOKKEEPING.test(text) });
    start = -1;
  });
  return statements;
}

/**
 * Cuts the script into one script per revision, so Squawk judges each revision on its own: linted as one file,
 * a `CREATE TABLE users` in the first revision would make Squawk treat `users` as new in every later one, and let a
 * blocking CREATE INDEX on it through. Each piece keeps the transaction it runs in: when Alembic wraps several
 * revisions in one transaction, the piece gets the BEGIN (and COMMIT) it runs inside.
 */
export function revisionScripts(
  sql: string,
  statements: readonly RenderedStatement[],
  wanted: ReadonlySet<string>,
): RevisionScript[] {
  const lines = sql.split('\n');
  const scripts: RevisionScript[] = [];
  let inTransaction = false;
  for (let index = 0; index < statements.length;) {
    const first = statements[index] as RenderedStatement;
    let end = index;
    while (end + 1 < statements.length && statements[end + 1]?.revision === first.revision) end += 1;
    const openBefore = inTransaction;
    for (let step = index; step <= end; step += 1) {
      const text = (statements[step] as RenderedStatement).text.trim();
      if (BEGIN.test(text)) inTransaction = true;
      else if (END.test(text)) inTransaction = false;
    }
    const last = statements[end] as RenderedStatement;
    if (first.revision && wanted.has(first.revision)) {
      const own = lines.slice(first.firstLine, last.lastLine + 1);
      const body = [...(openBefore ? ['BEGIN;'] : []), ...own, ...(inTransaction ? ['COMMIT;'] : [])];
      const added = new Set<number>();
      if (openBefore) added.add(0);
      if (inTransaction) added.add(body.length - 1);
      scripts.push({
        revision: first.revision,
        text: `${body.join('\n')}\n`,
        lineOffset: first.firstLine - (openBefore ? 1 : 0),
        addedLines: added,
      });
    }
    index = end + 1;
  }
  return scripts;
}

/** The statement holding a 0-based line. */
export function statementAt(statements: readonly RenderedStatement[], line: number): RenderedStatement | undefined {
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = statements[middle] as RenderedStatement;
    if (line < candidate.firstLine) high = middle - 1;
    else if (line > candidate.lastLine) low = middle + 1;
    else return candidate;
  }
  return undefined;
}
