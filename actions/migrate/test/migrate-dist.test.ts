import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDatabase, dropDatabase, MigrationsProject } from '../../../packages/shared/test/migrations-fixture.js';
import { runAction } from '../../../test/support/run-action.js';

/** As on a runner: the checkout is the working directory and node_modules/.bin is not on PATH. */
const runDist = (inputs: Record<string, string>, workspace: string) =>
  runAction('migrate', inputs, {}, { workspace, runnerPath: true });

// dist/index.js as GitHub runs it, against the real PostgreSQL, Alembic and Squawk.

const DATABASE = 'augeo_migrate_dist';
const PASSWORD = 'dist-Pa55word-secret';
let databaseUrl: string;
const project = new MigrationsProject();

beforeAll(async () => {
  databaseUrl = await createDatabase(DATABASE, { password: PASSWORD });
});
afterAll(async () => {
  project.remove();
  await dropDatabase(DATABASE);
});

/** stdout without the ::add-mask:: commands, which are how a step hands GitHub the values to mask. */
const printed = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

describe('migrate dist, run as GitHub runs it', () => {
  it('applies the example migrations, sets outputs and a summary, and never prints the database URL', async () => {
    const run = await runDist({ mode: 'apply', 'database-url': databaseUrl }, project.dir);

    expect(run.stdout).not.toContain('::error');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      current: '0003',
      head: '0003',
      applied: '["0001","0002","0003"]',
      blocked: 'false',
      'held-back': '[]',
    });
    expect(run.summary).toContain('## Migration gate: apply (phase expand) — ✅ applied 3 revision(s)');
    expect(run.stdout).toContain(`::add-mask::${databaseUrl}`);
    expect(printed(run.stdout)).not.toContain(PASSWORD);
    expect(printed(run.summary)).not.toContain(PASSWORD);
  });

  it('fails a blocked lint with an error annotation on the op.* line', async () => {
    project.addRevision({ id: '0004', down: '0003', upgrade: ['op.drop_column("users", "email")'] });
    const run = await runDist({ mode: 'lint' }, project.dir);

    expect(run.exitCode).toBe(1);
    const line = project.lineOf('0004', 'op.drop_column');
    expect(run.stdout).toContain(
      `::error title=Migration gate%3A ban-drop-column,file=${project.fileOf('0004')},line=${line}::ban-drop-column: Dropping a column`,
    );
    expect(run.stdout).toContain('::error::The migration gate blocked this lint: 1 finding(s)');
    expect(run.outputs.blocked).toBe('true');
    expect(JSON.parse(run.outputs.findings ?? '[]')).toContainEqual(
      expect.objectContaining({ rule: 'ban-drop-column', file: project.fileOf('0004'), line }),
    );
    expect(run.summary).toContain(`| ⛔ block | \`ban-drop-column\` | 0004 | ${project.fileOf('0004')}:${line} |`);
  });

  it('fails a bad input before doing anything, naming it', async () => {
    const run = await runDist({ mode: 'plan', 'database-url': databaseUrl, allow: 'renaming-everything' }, project.dir);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("::error::Input 'allow' is invalid: got 'renaming-everything'");
    expect(run.stdout).not.toContain('Using alembic');
  });
});
