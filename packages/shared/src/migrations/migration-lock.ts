import pg from 'pg';
import type { Logger } from '../io/action-io.js';
import type { DatabaseUrl } from './database-url.js';
import { databaseUnreachable, lockWaitTimedOut } from '../errors.js';
import { redact } from './redact.js';

/** A fixed key: every deploy of a database contends for this one lock (advisory locks are per database). */
export const MIGRATION_LOCK_KEY = '741720310004';
const POLL_MS = 500;
const PROGRESS_EVERY_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

export interface DatabaseSession {
  /** PostgreSQL's major version, e.g. "15". */
  serverMajorVersion: string;
  /** Waits for the migration lock, saying who holds it every 10 s; throws after `maxWaitMs`. */
  acquireMigrationLock(maxWaitMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A direct session to the database, separate from Alembic's. It holds the session-level advisory lock while Alembic
 * migrates: if the runner dies, PostgreSQL ends the session and frees the lock, so no deploy is left locked out.
 */
export async function openDatabaseSession(url: DatabaseUrl, log: Logger): Promise<DatabaseSession> {
  const client = new pg.Client({
    connectionString: url.libpq,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'augeo-migrate-lock',
  });
  // An error after connecting (the server restarts) must not crash the process; the next query reports it.
  client.on('error', (error) => log.debug(`database session: ${redact(error.message, url.secrets)}`));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason =
      error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
    throw databaseUnreachable(url.where, redact(reason, url.secrets));
  }
  const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  const serverMajorVersion = String(Math.floor(Number(version.rows[0]?.server_version_num) / 10000));
  let locked = false;

  return {
    serverMajorVersion,
    async acquireMigrationLock(maxWaitMs) {
      const started = Date.now();
      let lastProgress: number | undefined;
      for (;;) {
        const attempt = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
          MIGRATION_LOCK_KEY,
        ]);
        if (attempt.rows[0]?.locked) {
          locked = true;
          if (Date.now() - started > POLL_MS)
            log.info(`Got the migration lock after ${((Date.now() - started) / 1000).toFixed(1)}s.`);
          return;
        }
        const waited = Date.now() - started;
        if (lastProgress === undefined || Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          log.info(
            `Waiting for the migration lock, held by ${await holderOf(client)}: ${Math.round(waited / 1000)}s of at most ${Math.round(maxWaitMs / 1000)}s.`,
          );
        }
        if (waited >= maxWaitMs) throw lockWaitTimedOut(maxWaitMs, await holderOf(client));
        await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, maxWaitMs - waited)));
      }
    },
    async close() {
      if (locked)
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

async function holderOf(client: pg.Client): Promise<string> {
  const holder = await client.query<{ pid: number; application_name: string; backend_start: Date | null }>(
    `SELECT a.pid, a.application_name, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted
        AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint
      LIMIT 1`,
    [MIGRATION_LOCK_KEY],
  );
  const row = holder.rows[0];
  return row
    ? `backend pid ${row.pid} (${row.application_name || 'no application name'}, connected ${row.backend_start?.toISOString() ?? '?'})`
    : 'another session';
}
