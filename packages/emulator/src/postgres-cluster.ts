import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EmulatorError } from './errors.js';

/**
 * The local PostgreSQL the emulated flexible servers keep their databases on, driven with its own client tools
 * (psql, pg_dump, pg_restore: Debian's postgresql-client, or $PG_BINDIR), so a restore is a real copy of the data.
 */
export class PostgresCluster {
  readonly host: string;
  readonly port: number;
  readonly #adminUrl: string;

  /** `url` is a superuser connection URL; a SQLAlchemy driver suffix (`postgresql+psycopg2://`) is accepted. */
  constructor(url: string) {
    const normalized = url.replace(/^postgres(?:ql)?\+[a-z0-9]+:/i, 'postgresql:');
    let parsed: URL;
    try {
      parsed = new URL(normalized);
    } catch {
      throw new EmulatorError(`The PostgreSQL URL given to the emulator is not a URL: '${url}'.`);
    }
    if (!/^postgres(ql)?:$/.test(parsed.protocol))
      throw new EmulatorError(`The PostgreSQL URL given to the emulator must start with postgresql://, got '${url}'.`);
    this.host = parsed.hostname || '127.0.0.1';
    this.port = Number(parsed.port || 5432);
    this.#adminUrl = normalized;
  }

  urlOf(database: string): string {
    const url = new URL(this.#adminUrl);
    url.pathname = `/${encodeURIComponent(database)}`;
    return url.toString();
  }

  async createDatabase(name: string): Promise<void> {
    await this.#sql(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await this.#sql(`CREATE DATABASE ${quote(name)} TEMPLATE template0`);
  }

  async dropDatabase(name: string): Promise<void> {
    await this.#sql(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  }

  /** `pg_dump --format=custom` of one database piped into `pg_restore` of a new one: what a restore gives back. */
  async copyDatabase(from: string, to: string): Promise<void> {
    await this.createDatabase(to);
    const dump = spawn(tool('pg_dump'), ['--format=custom', `--dbname=${this.urlOf(from)}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const restore = spawn(tool('pg_restore'), ['--exit-on-error', `--dbname=${this.urlOf(to)}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    dump.stdout.pipe(restore.stdin);
    await Promise.all([finished(dump, 'pg_dump'), finished(restore, 'pg_restore')]);
  }

  async #sql(statement: string): Promise<void> {
    await finished(
      spawn(tool('psql'), ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', this.#adminUrl, '-c', statement], {
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
      'psql',
    );
  }
}

function tool(name: string): string {
  return process.env.PG_BINDIR ? join(process.env.PG_BINDIR, name) : name;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function finished(child: ReturnType<typeof spawn>, name: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new EmulatorError(`${name} could not run: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new EmulatorError(`${name} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
