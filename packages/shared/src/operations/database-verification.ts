import type { TokenCredential } from '@azure/core-auth';
import pg from 'pg';
import { drillVerificationFailed } from '../errors.js';
import type { Logger } from '../io/action-io.js';

/** Entra's resource for Azure Database for PostgreSQL: its access tokens are accepted as passwords. */
const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const STATEMENT_TIMEOUT_MS = 60_000;
const SHOWN_ROWS = 10;

export interface VerificationPlan {
  /** The server's fullyQualifiedDomainName; `host:port` is honoured. */
  host: string;
  database: string;
  user: string;
  /** Undefined: an Entra access token of `credential` is the password. */
  password: string | undefined;
  query: string;
  /** column → value the first row must show, compared as text. */
  expected: [string, string][];
}

export interface VerificationResult {
  columns: string[];
  rows: string[][];
  rowCount: number;
}

/**
 * Connects to the restored server and runs the verification query: it must succeed, return a row, and show the
 * expected values. TLS is required and verified, as Azure requires it, except on loopback (the emulator).
 */
export async function verifyRestoredDatabase(
  plan: VerificationPlan,
  credential: TokenCredential,
  log: Logger,
): Promise<VerificationResult> {
  const [hostname = '', portText] = plan.host.split(':');
  let password = plan.password;
  if (password === undefined) {
    const token = await credential.getToken(POSTGRES_ENTRA_SCOPE);
    password = token?.token ?? '';
  }
  log.mask(password);
  const client = new pg.Client({
    host: hostname,
    port: Number(portText ?? 5432),
    database: plan.database,
    user: plan.user,
    password,
    ssl: LOOPBACK.has(hostname) ? false : { rejectUnauthorized: true },
    connectionTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'augeo-dr-drill',
  });
  const where = `${plan.host}/${plan.database}`;
  try {
    await client.connect();
  } catch (error) {
    throw drillVerificationFailed(where, `cannot connect as ${plan.user}: ${(error as Error).message}`, error);
  }
  try {
    const result = await client.query({ text: plan.query, rowMode: 'array' }).catch((error: Error) => {
      throw drillVerificationFailed(where, `the verification query failed: ${error.message}`, error);
    });
    const columns = result.fields.map((field) => field.name);
    const rows = (result.rows as unknown[][]).map((row) => row.map((cell) => (cell === null ? 'NULL' : String(cell))));
    if (rows.length === 0) throw drillVerificationFailed(where, 'the verification query returned no rows');
    const first = rows[0] ?? [];
    const mismatches = plan.expected.flatMap(([column, value]) => {
      const index = columns.indexOf(column);
      if (index < 0) return [`no column '${column}' (columns: ${columns.join(', ')})`];
      return first[index] === value ? [] : [`${column} is '${first[index]}', expected '${value}'`];
    });
    if (mismatches.length > 0) throw drillVerificationFailed(where, mismatches.join('; '));
    return { columns, rows: rows.slice(0, SHOWN_ROWS), rowCount: rows.length };
  } finally {
    await client.end().catch(() => undefined);
  }
}
