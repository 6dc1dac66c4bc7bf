/**
 * How the gate judges each finding. The premise: during a blue-green deploy the release still serving production
 * (N-1) runs on the migrated schema until the swap, and again after a rollback swap. So a migration must not break
 * N-1, and must not hold locks that stall it. docs/migrations.md renders this table for users; a test keeps the two
 * in step.
 */

export type RuleSeverity = 'block' | 'warn';

export interface Rule {
  id: string;
  severity: RuleSeverity;
  /** What goes wrong in production. */
  why: string;
  /** What to write instead. */
  fix: string;
  /** A revision marked `phase = "contract"` may do this: the finding becomes a warning. */
  contractMay?: boolean;
  /** Checks of the gate itself (history shape, markers): a team cannot accept them with `allow`. */
  structural?: boolean;
}

const rules: Rule[] = [
  // Breaks the release still serving production, or a rollback to it.
  {
    id: 'ban-drop-column',
    severity: 'block',
    contractMay: true,
    why: 'The release still serving production reads and writes the column.',
    fix: 'Stop using the column in one release, then drop it in a later revision marked phase = "contract".',
  },
  {
    id: 'ban-drop-table',
    severity: 'block',
    contractMay: true,
    why: 'The release still serving production queries the table.',
    fix: 'Stop using the table in one release, then drop it in a later revision marked phase = "contract".',
  },
  {
    id: 'ban-drop-database',
    severity: 'block',
    why: 'Every client of the database breaks.',
    fix: 'Drop databases by hand, never from a migration.',
  },
  {
    id: 'renaming-column',
    severity: 'block',
    contractMay: true,
    why: 'The release still serving production uses the old name.',
    fix: 'Add the new column, write both, backfill, read the new one, then drop the old one in a contract revision.',
  },
  {
    id: 'renaming-table',
    severity: 'block',
    contractMay: true,
    why: 'The release still serving production uses the old name.',
    fix: 'Create the new table (or a view under the old name), move readers and writers, then drop the old one in a contract revision.',
  },
  {
    id: 'adding-required-field',
    severity: 'block',
    why: 'A NOT NULL column without a server default fails on existing rows, and the old release inserts rows without it.',
    fix: 'Add the column nullable, or with server_default=...; tighten it to NOT NULL later.',
  },
  {
    id: 'adding-not-nullable-field',
    severity: 'block',
    contractMay: true,
    why: 'SET NOT NULL scans the table under ACCESS EXCLUSIVE, and the old release may still write NULLs.',
    fix: 'Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in another revision, then SET NOT NULL in a contract revision.',
  },
  {
    id: 'changing-column-type',
    severity: 'block',
    why: 'Most type changes rewrite the table under ACCESS EXCLUSIVE, and old readers may not understand the new type.',
    fix: 'Add a column of the new type, dual-write and backfill, switch readers, drop the old column in a contract revision.',
  },
  {
    id: 'ban-truncate-cascade',
    severity: 'block',
    why: 'TRUNCATE ... CASCADE empties every table that references this one.',
    fix: 'Delete the rows you mean to delete, explicitly.',
  },
  // Takes locks or rewrites tables while production serves.
  {
    id: 'require-concurrent-index-creation',
    severity: 'block',
    why: 'CREATE INDEX without CONCURRENTLY blocks every write to the table until the index is built.',
    fix: 'op.create_index(..., postgresql_concurrently=True) inside op.get_context().autocommit_block().',
  },
  {
    id: 'require-concurrent-index-deletion',
    severity: 'block',
    why: 'DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table.',
    fix: 'op.drop_index(..., postgresql_concurrently=True) inside op.get_context().autocommit_block().',
  },
  {
    id: 'require-concurrent-reindex',
    severity: 'block',
    why: 'REINDEX without CONCURRENTLY blocks writes (and reads of the index).',
    fix: 'REINDEX ... CONCURRENTLY inside autocommit_block().',
  },
  {
    id: 'require-concurrent-partition-detach',
    severity: 'block',
    why: 'DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE.',
    fix: 'DETACH PARTITION ... CONCURRENTLY inside autocommit_block().',
  },
  {
    id: 'disallowed-unique-constraint',
    severity: 'block',
    why: 'ADD UNIQUE builds its index under ACCESS EXCLUSIVE.',
    fix: 'CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX.',
  },
  {
    id: 'adding-serial-primary-key-field',
    severity: 'block',
    why: 'Adding a primary key builds its index under ACCESS EXCLUSIVE.',
    fix: 'Build a unique index concurrently, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
  },
  {
    id: 'constraint-missing-not-valid',
    severity: 'block',
    why: 'A new constraint scans the whole table while blocking writes.',
    fix: 'Add it with NOT VALID, then VALIDATE CONSTRAINT in a separate revision.',
  },
  {
    id: 'adding-foreign-key-constraint',
    severity: 'block',
    why: 'Validating a foreign key scans the table and locks both tables against writes.',
    fix: 'op.execute("ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID"), then VALIDATE CONSTRAINT in a separate revision.',
  },
  {
    id: 'adding-field-with-default',
    severity: 'block',
    why: 'A volatile default (now(), gen_random_uuid()) rewrites the table under ACCESS EXCLUSIVE.',
    fix: 'Add the column without the default, set the default separately, backfill in batches.',
  },
  {
    id: 'prefer-repack',
    severity: 'block',
    why: 'VACUUM FULL and CLUSTER hold ACCESS EXCLUSIVE for the whole rewrite.',
    fix: 'Run pg_repack (or REPACK CONCURRENTLY on PostgreSQL 19) outside the deploy.',
  },
  {
    id: 'ban-create-domain-with-constraint',
    severity: 'block',
    why: 'Domain constraints are revalidated against every column using the domain.',
    fix: 'Put the constraint on the table column instead.',
  },
  {
    id: 'ban-alter-domain-with-add-constraint',
    severity: 'block',
    why: 'Adding a domain constraint scans every column using the domain.',
    fix: 'Put the constraint on the table column instead.',
  },
  // Will not run correctly.
  {
    id: 'ban-concurrent-index-creation-in-transaction',
    severity: 'block',
    why: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction: the upgrade fails.',
    fix: 'Wrap it in op.get_context().autocommit_block().',
  },
  {
    id: 'transaction-nesting',
    severity: 'block',
    why: 'Alembic already wraps each revision in a transaction; a BEGIN or COMMIT inside breaks its bookkeeping.',
    fix: 'Remove the BEGIN/COMMIT; use autocommit_block() for statements that must run outside a transaction.',
  },
  {
    id: 'ban-uncommitted-transaction',
    severity: 'block',
    why: 'A BEGIN without COMMIT: the migration appears to succeed and applies nothing.',
    fix: 'Remove the BEGIN, or commit it.',
  },
  {
    id: 'ban-duplicate-column-assignments',
    severity: 'block',
    why: 'Assigning the same column twice is an error at run time.',
    fix: 'Assign each column once.',
  },
  {
    id: 'syntax-error',
    severity: 'block',
    why: 'The rendered SQL does not parse, so the upgrade would fail.',
    fix: 'Fix the SQL in op.execute(...).',
  },
  // Worth a look, never a reason to stop a deploy.
  {
    id: 'ban-drop-not-null',
    severity: 'warn',
    contractMay: true,
    why: 'After a rollback the old release may read NULLs the new one wrote.',
    fix: 'Check that the release still serving production copes with NULLs in the column.',
  },
  {
    id: 'require-enum-value-ordering',
    severity: 'warn',
    why: 'ADD VALUE without BEFORE/AFTER appends, which may break a meaningful order.',
    fix: "ALTER TYPE ... ADD VALUE 'x' BEFORE 'y' (or AFTER).",
  },
  {
    id: 'prefer-robust-stmts',
    severity: 'warn',
    why: 'A statement outside a transaction cannot be re-run after a failure part-way through.',
    fix: 'Use IF [NOT] EXISTS (op.create_index(..., if_not_exists=True) on Alembic 1.12+).',
  },
  {
    id: 'prefer-bigint-over-int',
    severity: 'warn',
    why: '32-bit integer keys run out.',
    fix: 'Use sa.BigInteger.',
  },
  {
    id: 'prefer-bigint-over-smallint',
    severity: 'warn',
    why: '16-bit integer keys run out.',
    fix: 'Use sa.BigInteger.',
  },
  {
    id: 'prefer-identity',
    severity: 'warn',
    why: 'serial columns have ownership and permission quirks that identity columns do not.',
    fix: 'sa.Column(..., sa.Identity(always=True), primary_key=True).',
  },
  {
    id: 'prefer-text-field',
    severity: 'warn',
    why: 'Changing a varchar(n) length later takes ACCESS EXCLUSIVE.',
    fix: 'Use sa.Text with a CHECK constraint on the length.',
  },
  {
    id: 'prefer-timestamptz',
    severity: 'warn',
    why: 'timestamp without time zone drops the UTC offset.',
    fix: 'sa.DateTime(timezone=True).',
  },
  {
    id: 'ban-char-field',
    severity: 'warn',
    why: 'character(n) pads with spaces; it is almost always a mistake.',
    fix: 'Use sa.Text.',
  },
  {
    id: 'identifier-too-long',
    severity: 'warn',
    why: 'PostgreSQL silently truncates identifiers longer than 63 bytes.',
    fix: 'Shorten the name.',
  },
  {
    id: 'unused-ignore',
    severity: 'warn',
    why: 'A squawk-ignore comment that suppresses nothing hides nothing but confuses readers.',
    fix: 'Remove the comment.',
  },
  // The gate's own checks.
  {
    id: 'multiple-heads',
    severity: 'block',
    structural: true,
    why: '`alembic upgrade head` refuses to run, and the order of the branches is undecided.',
    fix: 'alembic merge -m "merge heads" <head> <head>.',
  },
  {
    id: 'missing-down-revision',
    severity: 'block',
    structural: true,
    why: 'A revision revises one that is not in the migrations folder: Alembic cannot build the history.',
    fix: 'Restore the missing revision file, or correct down_revision.',
  },
  {
    id: 'duplicate-revision',
    severity: 'block',
    structural: true,
    why: 'Two files claim the same revision id.',
    fix: 'Give one of them a new revision id.',
  },
  {
    id: 'unreadable-revision',
    severity: 'block',
    structural: true,
    why: 'The gate could not read the revision file (not valid Python, or no string revision id).',
    fix: 'Fix the file so that python3 -m py_compile accepts it.',
  },
  {
    id: 'invalid-phase-marker',
    severity: 'block',
    structural: true,
    why: 'A revision sets phase to something other than "expand" or "contract", so the gate cannot tell when to apply it.',
    fix: 'Write phase = "expand" or phase = "contract" at module level.',
  },
  {
    id: 'unknown-database-revision',
    severity: 'block',
    structural: true,
    why: 'The database is at a revision the migrations folder does not have: it is ahead of, or diverged from, this code.',
    fix: 'Deploy from the branch that holds that revision, or restore its file.',
  },
  {
    id: 'unknown-squawk-rule',
    severity: 'block',
    structural: true,
    why: 'Squawk reported a rule this gate does not know (a different Squawk version?), so it cannot judge it.',
    fix: 'Use squawk-cli 2.66.0, or add the rule to the rule set.',
  },
];

/** Squawk rules the gate enforces at apply time (PGOPTIONS sets both timeouts), so findings about them are noise. */
export const RULES_ENFORCED_BY_THE_GATE = ['require-lock-timeout', 'require-statement-timeout'] as const;

export const RULE_SET: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));

/** Rules a team may accept with the `allow` input. */
export const ALLOWABLE_RULE_IDS: readonly string[] = rules.filter((rule) => !rule.structural).map((rule) => rule.id);
