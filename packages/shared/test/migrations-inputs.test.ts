import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDatabase,
  databaseRevisions,
  dropDatabase,
  everythingShown,
  MigrationsProject,
  runGate,
  type GateRun,
} from './migrations-fixture.js';

// Every bad input fails before the database is touched, with a message naming what to fix; the URL is never shown.

const DATABASE = 'augeo_migrate_inputs';
const PASSWORD = 'pw-S3cr3t-never-logged';
const project = new MigrationsProject();
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createDatabase(DATABASE, { password: PASSWORD });
});
afterAll(async () => {
  project.remove();
  await dropDatabase(DATABASE);
});

const failure = (run: GateRun) => run.error?.message ?? '(no error)';

describe('migrate inputs', () => {
  it('names a working-directory that does not exist', async () => {
    const run = await runGate(project, { 'working-directory': 'services/api' });
    expect(failure(run)).toBe(
      `Input 'working-directory' is invalid: got 'services/api', expected a folder that exists (resolved to ${project.dir}/services/api).`,
    );
  });

  it('names a missing alembic.ini', async () => {
    const run = await runGate(project, { 'alembic-config': 'db/alembic.ini' });
    expect(failure(run)).toBe(
      `Input 'alembic-config' is invalid: got 'db/alembic.ini', expected the path of an existing Alembic config file inside working-directory (looked for ${project.dir}/db/alembic.ini).`,
    );
  });

  it('refuses a URL that is not PostgreSQL without echoing its password', async () => {
    const run = await runGate(project, { mode: 'plan', 'database-url': `mysql://app:${PASSWORD}@db:3306/app` });
    expect(failure(run)).toBe(
      "Input 'database-url' is invalid: got 'mysql://…', expected a PostgreSQL URL such as postgresql+psycopg2://user:password@host:5432/dbname.",
    );
    expect(everythingShown(run)).not.toContain(PASSWORD);
  });

  it('asks for database-url in plan and apply', async () => {
    const run = await runGate(project, { mode: 'apply' });
    expect(failure(run)).toBe(
      "Input 'database-url' is invalid: got nothing, expected the SQLAlchemy URL of the database, or database-url-secret (mode apply reads it).",
    );
  });

  it('takes database-url or database-url-secret, not both, and checks the secret URI before reading it', async () => {
    const both = await runGate(project, {
      mode: 'plan',
      'database-url': `postgresql://app:${PASSWORD}@db/app`,
      'database-url-secret': 'https://kv.vault.azure.net/secrets/db',
    });
    expect(failure(both)).toBe(
      "Input 'database-url-secret' is invalid: got 'https://kv.vault.azure.net/secrets/db', expected no value when database-url is set (give one).",
    );
    const notASecret = await runGate(project, {
      mode: 'plan',
      'database-url-secret': 'https://kv.vault.azure.net/keys/db',
    });
    expect(failure(notASecret)).toMatch(
      /^Input 'database-url-secret' is invalid: got 'https:\/\/kv.vault.azure.net\/keys\/db', expected a Key Vault secret URI/,
    );
  });
  it('names a rule in allow that does not exist, and one that cannot be allowed', async () => {
    expect(failure(await runGate(project, { allow: 'ban-drop-column, drop-everything' }))).toBe(
      "Input 'allow' is invalid: got 'ban-drop-column, drop-everything', expected one or more of: a rule id from the table in " +
        "docs/migrations.md, such as changing-column-type, separated by commas or new lines ('drop-everything' is not a rule id " +
        'from the table in docs/migrations.md, such as changing-column-type).',
    );
    expect(failure(await runGate(project, { allow: 'multiple-heads' }))).toContain(
      "'multiple-heads' is not a rule a team may accept (multiple-heads is a structural check of the gate; fix it instead)",
    );
  });

  it('lists every bad input at once, before touching the database', async () => {
    const run = await runGate(project, {
      mode: 'apply',
      'database-url': databaseUrl,
      phase: 'later',
      allow: 'nope',
      'lock-timeout': '5',
    });
    expect(failure(run).split('\n')[0]).toBe('3 inputs are invalid:');
    expect(failure(run)).toContain("Input 'phase' is invalid: got 'later', expected one of expand, contract.");
    expect(failure(run)).toContain("Input 'allow' is invalid");
    expect(failure(run)).toContain("Input 'lock-timeout' is invalid: got '5', expected a duration with a unit");
    expect(await databaseRevisions(databaseUrl)).toEqual([]);
  });

  it('says how to install Alembic when the command is not there', async () => {
    const run = await runGate(project, {
      mode: 'apply',
      'database-url': databaseUrl,
      'alembic-command': 'no-such-alembic',
    });
    expect(failure(run)).toBe("Alembic could not be started: 'no-such-alembic' was not found or is not executable.");
    expect((run.error as { hint?: string }).hint).toContain('Install Alembic where the job runs');
    expect(await databaseRevisions(databaseUrl)).toEqual([]);
  });

  it('names the host of an unreachable database, never its credentials', async () => {
    const run = await runGate(
      project,
      { mode: 'plan', 'database-url': `postgresql+psycopg2://app:${PASSWORD}@127.0.0.1:1/app` },
      { keepSecretsVisible: true },
    );
    expect(failure(run)).toMatch(/^Could not connect to the database at 127\.0\.0\.1:1\/app: .*ECONNREFUSED/);
    expect(everythingShown(run)).not.toContain(PASSWORD);
  });
});

describe('the database URL', () => {
  it('never appears in what a successful or a failed apply shows, and is handed to the log to mask', async () => {
    const failing = new MigrationsProject();
    try {
      failing.addRevision({ id: '0004', down: '0003', upgrade: ['op.execute("SELECT no_such_column FROM users")'] });
      const runs = [
        await runGate(project, { mode: 'apply', 'database-url': databaseUrl }, { keepSecretsVisible: true }),
        await runGate(failing, { mode: 'apply', 'database-url': databaseUrl }, { keepSecretsVisible: true }),
      ];
      expect(runs[0]?.error).toBeUndefined();
      expect(failure(runs[1] as GateRun)).toContain('column "no_such_column" does not exist');
      for (const run of runs) {
        const shown = everythingShown(run);
        expect(shown).not.toContain(PASSWORD);
        expect(shown).not.toContain(databaseUrl);
        expect(run.maskRequests).toEqual(expect.arrayContaining([databaseUrl, PASSWORD]));
      }
    } finally {
      failing.remove();
    }
  });
});
