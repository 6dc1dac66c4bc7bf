import type { RenderedStatement } from './offline-sql.js';
import type { OperationCall, RevisionFile } from './revision-scan.js';

type StatementKind =
  | 'create-table'
  | 'drop-table'
  | 'rename-table'
  | 'add-column'
  | 'drop-column'
  | 'alter-column'
  | 'add-constraint'
  | 'drop-constraint'
  | 'create-index'
  | 'drop-index'
  | 'comment'
  | 'transaction'
  | 'other';

interface Classified {
  kind: StatementKind;
  table: string | null;
}

const NAME = String.raw`((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)`;
const PATTERNS: [RegExp, StatementKind][] = [
  [new RegExp(String.raw`^CREATE (?:UNLOGGED |TEMP(?:ORARY)? )?TABLE (?:IF NOT EXISTS )?${NAME}`, 'i'), 'create-table'],
  [new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?${NAME}`, 'i'), 'drop-table'],
  [new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} RENAME TO\b`, 'i'), 'rename-table'],
  [new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} RENAME\b`, 'i'), 'alter-column'],
  [
    new RegExp(
      String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} ADD (?:COLUMN\b|(?!CONSTRAINT|FOREIGN|UNIQUE|PRIMARY|CHECK|EXCLUDE))`,
      'i',
    ),
    'add-column',
  ],
  [
    new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} DROP (?:COLUMN\b|(?!CONSTRAINT))`, 'i'),
    'drop-column',
  ],
  [new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} ALTER\b`, 'i'), 'alter-column'],
  [new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} ADD\b`, 'i'), 'add-constraint'],
  [
    new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} (?:DROP CONSTRAINT|VALIDATE)\b`, 'i'),
    'drop-constraint',
  ],
  [
    new RegExp(
      String.raw`^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(?:\S+ )?ON (?:ONLY )?${NAME}`,
      'i',
    ),
    'create-index',
  ],
  [/^DROP INDEX\b/i, 'drop-index'],
  [/^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)\b/i, 'transaction'],
  [new RegExp(String.raw`^COMMENT ON (?:TABLE|COLUMN) ${NAME}`, 'i'), 'comment'],
];

/** Which statements each Alembic operation renders to. */
const RENDERS: Record<string, readonly StatementKind[]> = {
  create_table: ['create-table', 'create-index', 'comment'],
  drop_table: ['drop-table'],
  rename_table: ['rename-table'],
  add_column: ['add-column', 'add-constraint', 'comment'],
  drop_column: ['drop-column'],
  alter_column: ['alter-column', 'comment'],
  create_index: ['create-index'],
  drop_index: ['drop-index'],
  create_foreign_key: ['add-constraint'],
  create_unique_constraint: ['add-constraint'],
  create_check_constraint: ['add-constraint'],
  create_primary_key: ['add-constraint'],
  create_exclude_constraint: ['add-constraint'],
  drop_constraint: ['drop-constraint'],
  create_table_comment: ['comment'],
  drop_table_comment: ['comment'],
};

const squeeze = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const bareName = (name: string) => (name.split('.').pop() ?? name).replace(/"/g, '').toLowerCase();

function classify(statement: string): Classified {
  const text = squeeze(statement);
  for (const [pattern, kind] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { kind, table: match[1] ? bareName(match[1]) : null };
  }
  return { kind: 'other', table: null };
}

function renders(operation: OperationCall, statement: Classified, text: string): boolean {
  if (operation.call === 'execute') {
    // Literal SQL matches by its text; SQL built at run time could be anything but the transaction control Alembic
    // writes around every revision and autocommit block.
    if (operation.sql === null) return statement.kind !== 'transaction';
    const wanted = squeeze(text).replace(/;$/, '').toLowerCase();
    return squeeze(operation.sql).toLowerCase().includes(wanted.slice(0, 60));
  }
  const kinds = RENDERS[operation.call];
  if (!kinds) return statement.kind !== 'transaction';
  if (!kinds.includes(statement.kind)) return false;
  return operation.table === null || statement.table === null || bareName(operation.table) === statement.table;
}

/** Where in the revision file a rendered statement comes from. */
export interface SourceLine {
  line: number;
  call?: string;
}

/**
 * Pairs each statement of one revision with the op.* call that rendered it. Alembic renders operations in the order
 * upgrade() calls them, so the pairing walks both lists forward; a statement no operation claims (a loop, a helper
 * function) is put on the last call matched, or on `def upgrade()` when there is none.
 */
export function locateStatements(
  revision: RevisionFile,
  statements: readonly RenderedStatement[],
): Map<RenderedStatement, SourceLine> {
  const located = new Map<RenderedStatement, SourceLine>();
  const operations = revision.operations;
  let cursor = 0;
  let matchedAny = false;
  for (const statement of statements) {
    const classified = classify(statement.text);
    const found = operations.findIndex(
      (operation, index) => index >= cursor && renders(operation, classified, statement.text),
    );
    if (found >= 0) {
      cursor = found;
      matchedAny = true;
    }
    const operation = matchedAny ? operations[cursor] : undefined;
    located.set(statement, operation ? { line: operation.line, call: operation.call } : { line: revision.upgradeLine });
  }
  return located;
}
