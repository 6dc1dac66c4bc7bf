import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createMemoryIO, type MemoryIO } from '@augeo/shared/io/memory-io';
import { migrateInputs, toMigrationGateConfig } from '@augeo/shared/migrations/migrate-inputs';
import { runMigrationGate, type MigrationGateResult } from '@augeo/shared/migrations/migration-gate';

/** Shared by the migration tests: a copy of examples/api's migrations to add revisions to, and a real database. */

const repoRoot = resolve(import.meta.dirname, '../../..');
export const EXAMPLE_API = join(repoRoot, 'examples/api');

/** The throwaway cluster of scripts/postgres.sh; a missing one fails the tests (it never skips them). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Start the throwaway PostgreSQL with `scripts/postgres.sh start` and export ' +
        'TEST_DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:55432/postgres before running the migration tests.',
    );
  }
  return url;
}

const libpq = (url: string) => url.replace(/^[^:]+:/, 'postgresql:');

/** A fresh, empty database on the test cluster; returns its SQLAlchemy URL (optionally with a password in it). */
export async function createDatabase(name: string, options: { password?: string } = {}): Promise<string> {
  const admin = new URL(testDatabaseUrl());
  await withClient(libpq(admin.href), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  // The cluster trusts loopback, so any password is accepted: tests use one to prove it never reaches a log.
  if (options.password) url.password = options.password;
  return url.href;
}

export async function dropDatabase(name: string): Promise<void> {
  await withClient(libpq(testDatabaseUrl()), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

export async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: libpq(url) });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** The revision ids in the database's version table. */
export async function databaseRevisions(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const exists = await client.query(`SELECT to_regclass('alembic_version') IS NOT NULL AS present`);
    if (!exists.rows[0].present) return [];
    const rows = await client.query<{ version_num: string }>('SELECT version_num FROM alembic_version ORDER BY 1');
    return rows.rows.map((row) => row.version_num);
  });
}

export interface RevisionSpec {
  id: string;
  down: string | string[] | null;
  /** The body of upgrade(), one statement per line, without indentation. */
  upgrade: string[];
  phase?: string;
}

/** A temporary copy of examples/api's alembic.ini and migrations/ that tests add revisions to. */
export class MigrationsProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'augeo-migrate-'));

  constructor() {
    cpSync(join(EXAMPLE_API, 'alembic.ini'), join(this.dir, 'alembic.ini'));
    cpSync(join(EXAMPLE_API, 'migrations'), join(this.dir, 'migrations'), {
      recursive: true,
      filter: (source) => !source.includes('__pycache__'),
    });
  }

  /** Path of a revision file relative to the project, as annotations name it. */
  fileOf(id: string): string {
    return `migrations/versions/${id}_test.py`;
  }

  addRevision(spec: RevisionSpec): string {
    const down = Array.isArray(spec.down)
      ? `(${spec.down.map((id) => JSON.stringify(id)).join(', ')})`
      : JSON.stringify(spec.down);
    const lines = [
      `"""test revision ${spec.id}"""`,
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      `revision = ${JSON.stringify(spec.id)}`,
      `down_revision = ${down === 'null' ? 'None' : down}`,
      'branch_labels = None',
      'depends_on = None',
      ...(spec.phase ? [`phase = ${JSON.stringify(spec.phase)}`] : []),
      '',
      '',
      'def upgrade() -> None:',
      ...spec.upgrade.map((line) => `    ${line}`),
      '',
      '',
      'def downgrade() -> None:',
      '    pass',
      '',
    ];
    const file = this.fileOf(spec.id);
    writeFileSync(join(this.dir, file), lines.join('\n'));
    return file;
  }

  /** 1-based line of the first line holding `text` in a revision file. */
  lineOf(id: string, text: string): number {
    const index = readFileSync(join(this.dir, this.fileOf(id)), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`${text} is not in revision ${id}`);
    return index + 1;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface GateRun {
  io: MemoryIO;
  result?: MigrationGateResult;
  error?: Error;
}

/**
 * Runs the gate as the action does (inputs parsed by the schema), in memory. With `keepSecretsVisible`, what the
 * gate asks to mask is recorded but not masked, so a test sees whether the gate itself ever prints a secret.
 */
export async function runGate(
  project: { dir: string },
  inputs: Record<string, string>,
  options: { keepSecretsVisible?: boolean } = {},
): Promise<GateRun & { maskRequests: string[] }> {
  const io = createMemoryIO(inputs, { PATH: process.env.PATH });
  const maskRequests: string[] = [];
  const mask = io.log.mask;
  io.log.mask = (secret) => {
    maskRequests.push(secret);
    if (!options.keepSecretsVisible) mask(secret);
  };
  try {
    const config = toMigrationGateConfig(migrateInputs.read(io.inputs), project.dir);
    const result = await runMigrationGate(config, {
      log: io.log,
      outputs: io.outputs,
      summary: io.summary,
      env: io.env,
    });
    await io.summary.write();
    return { io, result, maskRequests };
  } catch (error) {
    await io.summary.write();
    return { io, error: error as Error, maskRequests };
  }
}

/** Everything a run showed a person: log lines, summary, outputs, and the error. */
export function everythingShown(run: GateRun): string {
  return [
    ...run.io.lines.map((line) => `${line.level} ${line.message}`),
    run.io.summaryText(),
    ...run.io.outputValues.values(),
    run.error?.message ?? '',
  ].join('\n');
}
