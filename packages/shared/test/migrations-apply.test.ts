import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDatabase,
  databaseRevisions,
  dropDatabase,
  everythingShown,
  MigrationsProject,
  runGate,
  testDatabaseUrl,
  withClient,
} from './migrations-fixture.js';

// Real PostgreSQL 15 (scripts/postgres.sh), real Alembic with examples/api's env.py, real Squawk.

const DATABASE = 'augeo_migrate_apply';
let databaseUrl: string;

beforeAll(async () => {
  testDatabaseUrl();
});

async function freshDatabase(suffix: string): Promise<string> {
  return createDatabase(`${DATABASE}_${suffix}`);
}

const tableExists = (url: string, table: string) =>
  withClient(
    url,
    async (client) =>
      (await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])).rows[0].present as boolean,
  );
const columnExists = (url: string, table: string, column: string) =>
  withClient(url, async (client) => {
    const found = await client.query(
      'SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
      [table, column],
    );
    return found.rowCount === 1;
  });

describe('migrate apply against PostgreSQL', () => {
  afterAll(async () => {
    for (const suffix of ['safe', 'contract', 'halfway', 'concurrent', 'locked'])
      await dropDatabase(`${DATABASE}_${suffix}`);
  });

  it('applies a safe change (new table, nullable column, concurrent index) and ends at head', async () => {
    const project = new MigrationsProject();
    databaseUrl = await freshDatabase('safe');
    try {
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: [
          'op.create_table("audit_events", sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True), sa.Column("kind", sa.Text, nullable=False))',
          'op.add_column("projects", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))',
          'with op.get_context().autocommit_block():',
          '    op.create_index("ix_projects_archived_at", "projects", ["archived_at"], postgresql_concurrently=True)',
        ],
      });
      const plan = await runGate(project, { mode: 'plan', 'database-url': databaseUrl });
      expect(plan.error).toBeUndefined();
      expect(plan.result).toMatchObject({
        before: [],
        pending: ['0001', '0002', '0003', '0004'],
        applicable: ['0001', '0002', '0003', '0004'],
        blocked: false,
        postgresVersion: '15',
      });
      expect(await databaseRevisions(databaseUrl)).toEqual([]);

      const apply = await runGate(project, { mode: 'apply', 'database-url': databaseUrl });
      expect(apply.error).toBeUndefined();
      expect(apply.result).toMatchObject({
        current: ['0004'],
        applied: ['0001', '0002', '0003', '0004'],
        heldBack: [],
      });
      expect(apply.io.outputValues.get('current')).toBe('0004');
      expect(apply.io.outputValues.get('head')).toBe('0004');
      expect(await databaseRevisions(databaseUrl)).toEqual(['0004']);
      expect(await tableExists(databaseUrl, 'audit_events')).toBe(true);
      expect(await tableExists(databaseUrl, 'ix_projects_archived_at')).toBe(true);
      expect(apply.io.summaryText()).toContain('✅ applied 4 revision(s)');

      const again = await runGate(project, { mode: 'apply', 'database-url': databaseUrl });
      expect(again.result).toMatchObject({ pending: [], applied: [], current: ['0004'] });
      expect(again.io.summaryText()).toContain('✅ already up to date');
    } finally {
      project.remove();
    }
  });

  it('holds a marked contract revision back in phase expand and applies it in phase contract', async () => {
    const project = new MigrationsProject();
    databaseUrl = await freshDatabase('contract');
    try {
      expect((await runGate(project, { mode: 'apply', 'database-url': databaseUrl })).result?.current).toEqual([
        '0003',
      ]);
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: ['op.add_column("users", sa.Column("nickname", sa.Text, nullable=True))'],
      });
      project.addRevision({
        id: '0005',
        down: '0004',
        phase: 'contract',
        upgrade: ['op.drop_column("users", "display_name")'],
      });
      project.addRevision({
        id: '0006',
        down: '0005',
        upgrade: ['op.add_column("users", sa.Column("bio", sa.Text, nullable=True))'],
      });

      const lint = await runGate(project, { mode: 'lint' });
      expect(lint.error).toBeUndefined();

      const plan = await runGate(project, { mode: 'plan', 'database-url': databaseUrl });
      expect(plan.result).toMatchObject({
        pending: ['0004', '0005', '0006'],
        applicable: ['0004'],
        heldBack: ['0005', '0006'],
      });
      expect(plan.io.summaryText()).toContain('| Held back for phase contract | 0005, 0006 |');

      const expand = await runGate(project, { mode: 'apply', phase: 'expand', 'database-url': databaseUrl });
      expect(expand.error).toBeUndefined();
      expect(expand.result).toMatchObject({ applied: ['0004'], current: ['0004'], heldBack: ['0005', '0006'] });
      expect(expand.io.outputValues.get('held-back')).toBe('["0005","0006"]');
      expect(await columnExists(databaseUrl, 'users', 'display_name')).toBe(true);

      const contract = await runGate(project, { mode: 'apply', phase: 'contract', 'database-url': databaseUrl });
      expect(contract.error).toBeUndefined();
      expect(contract.result).toMatchObject({ applied: ['0005', '0006'], current: ['0006'], heldBack: [] });
      expect(await columnExists(databaseUrl, 'users', 'display_name')).toBe(false);
      expect(await databaseRevisions(databaseUrl)).toEqual(['0006']);
    } finally {
      project.remove();
    }
  });

  it('stops at a revision that fails halfway, naming it and the database error, and leaves the database at the one before', async () => {
    const project = new MigrationsProject();
    databaseUrl = await freshDatabase('halfway');
    try {
      expect((await runGate(project, { mode: 'apply', 'database-url': databaseUrl })).result?.current).toEqual([
        '0003',
      ]);
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: ['op.add_column("users", sa.Column("nickname", sa.Text, nullable=True))'],
      });
      project.addRevision({
        id: '0005',
        down: '0004',
        upgrade: [
          'op.create_table("half_done", sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True))',
          'op.execute("UPDATE no_such_table SET x = 1")',
        ],
      });
      const run = await runGate(project, { mode: 'apply', 'database-url': databaseUrl });

      expect(run.error?.message).toMatch(/^Applying revision 0005 failed; the database is still at 0004\./);
      expect(run.error?.message).toContain('relation "no_such_table" does not exist');
      expect(run.io.outputValues.get('current')).toBe('0004');
      expect(run.io.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          where: expect.objectContaining({
            file: project.fileOf('0005'),
            startLine: project.lineOf('0005', 'no_such_table'),
          }),
        }),
      );
      expect(await databaseRevisions(databaseUrl)).toEqual(['0004']);
      expect(await tableExists(databaseUrl, 'half_done')).toBe(false);
      expect(await columnExists(databaseUrl, 'users', 'nickname')).toBe(true);
      expect(run.io.summaryText()).toContain('❌ failed at revision 0005');
    } finally {
      project.remove();
    }
  });

  it('runs two applies at once one after the other: one waits for the lock, both end at head, nothing runs twice', async () => {
    const project = new MigrationsProject();
    databaseUrl = await freshDatabase('concurrent');
    try {
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: [
          'op.create_table("apply_log", sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True), sa.Column("note", sa.Text))',
          // Long enough that the second apply surely starts while the first holds the lock.
          'op.execute("SELECT pg_sleep(1.5)")',
          'op.execute("INSERT INTO apply_log (note) VALUES (\'0004 ran\')")',
        ],
      });
      const runs = await Promise.all(
        [1, 2].map(() => runGate(project, { mode: 'apply', 'database-url': databaseUrl })),
      );

      expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
      expect(runs.map((run) => run.result?.current)).toEqual([['0004'], ['0004']]);
      const applied = runs.map((run) => run.result?.applied ?? []).sort((a, b) => b.length - a.length);
      expect(applied).toEqual([['0001', '0002', '0003', '0004'], []]);
      const waited = runs.filter((run) =>
        run.io.lines.some((line) => line.message.startsWith('Waiting for the migration lock, held by backend pid')),
      );
      expect(waited).toHaveLength(1);
      expect(waited[0]?.result?.applied).toEqual([]);
      const notes = await withClient(databaseUrl, (client) => client.query('SELECT note FROM apply_log'));
      expect(notes.rows).toEqual([{ note: '0004 ran' }]);
    } finally {
      project.remove();
    }
  });

  it('sets lock_timeout, so a migration waiting on a lock production holds fails fast instead of stalling it', async () => {
    const project = new MigrationsProject();
    databaseUrl = await freshDatabase('locked');
    try {
      expect((await runGate(project, { mode: 'apply', 'database-url': databaseUrl })).result?.current).toEqual([
        '0003',
      ]);
      project.addRevision({
        id: '0004',
        down: '0003',
        upgrade: ['op.add_column("users", sa.Column("nickname", sa.Text, nullable=True))'],
      });
      await withClient(databaseUrl, async (production) => {
        await production.query('BEGIN');
        await production.query('LOCK TABLE users IN ACCESS SHARE MODE');
        const started = Date.now();
        const run = await runGate(project, { mode: 'apply', 'database-url': databaseUrl, 'lock-timeout': '300ms' });
        await production.query('ROLLBACK');

        expect(Date.now() - started).toBeLessThan(15_000);
        expect(run.error?.message).toMatch(/^Applying revision 0004 failed; the database is still at 0003\./);
        expect(run.error?.message).toContain('canceling statement due to lock timeout');
      });
      expect(await databaseRevisions(databaseUrl)).toEqual(['0003']);
      expect(everythingShown(await runGate(project, { mode: 'plan', 'database-url': databaseUrl }))).toContain(
        '| Pending | 0004 |',
      );
    } finally {
      project.remove();
    }
  });
});
