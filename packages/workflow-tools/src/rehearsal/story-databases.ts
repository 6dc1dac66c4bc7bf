import pg from 'pg';

export interface StoryDatabases {
  staging: string;
  production: string;
}

const NAMES = { staging: 'augeo_rehearsal_staging', production: 'augeo_rehearsal_production' } as const;

/** libpq takes `postgresql://`; Alembic is given SQLAlchemy's `postgresql+psycopg2://`. */
const libpq = (url: string) => url.replace(/^[^:]+:/, 'postgresql:');

/**
 * Staging's and production's databases for the story, created empty on the PostgreSQL server `adminUrl` points at
 * (scripts/postgres.sh), and their URLs in the form of `adminUrl`: the DATABASE_URL secret of each environment.
 */
export async function createStoryDatabases(adminUrl: string): Promise<StoryDatabases> {
  await forEachDatabase(adminUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  };
  return { staging: urlOf(NAMES.staging), production: urlOf(NAMES.production) };
}

export async function dropStoryDatabases(adminUrl: string): Promise<void> {
  await forEachDatabase(adminUrl, (client, name) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The revisions Alembic recorded in a database. */
export async function appliedRevisions(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: libpq(databaseUrl) });
  await client.connect();
  try {
    const present = await client.query(`SELECT to_regclass('alembic_version') IS NOT NULL AS present`);
    if (!present.rows[0]?.present) return [];
    const rows = await client.query<{ version_num: string }>('SELECT version_num FROM alembic_version ORDER BY 1');
    return rows.rows.map((row) => row.version_num);
  } finally {
    await client.end();
  }
}

async function forEachDatabase(adminUrl: string, body: (client: pg.Client, name: string) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: libpq(adminUrl) });
  await client.connect();
  try {
    for (const name of Object.values(NAMES)) await body(client, name);
  } finally {
    await client.end();
  }
}
