/**
 * migrate as the bundled action and as `augeo migrate`, with the same inputs, each applying the example API's
 * migrations to its own fresh database (the real PostgreSQL of `npm test`, Alembic and Squawk); then a lint both
 * block on the same finding.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDatabase,
  databaseRevisions,
  dropDatabase,
  MigrationsProject,
} from '../../../packages/shared/test/migrations-fixture.js';
import { runAction } from '../../../test/support/run-action.js';
import { Cli, flags } from './support/run-cli.js';

const DATABASES = { action: 'augeo_cli_side_by_side_action', cli: 'augeo_cli_side_by_side_cli' };
const project = new MigrationsProject();
let urls: { action: string; cli: string };
let cli: Cli;
beforeAll(async () => {
  [urls, cli] = await Promise.all([
    Promise.all([createDatabase(DATABASES.action), createDatabase(DATABASES.cli)]).then(([action, terminal]) => ({
      action,
      cli: terminal,
    })),
    Cli.build(),
  ]);
}, 60_000);
afterAll(async () => {
  project.remove();
  await Promise.all([dropDatabase(DATABASES.action), dropDatabase(DATABASES.cli)]);
  await cli?.remove();
});

/** The action with the project as its workspace; the CLI run from inside the project, as an operator would. */
const sideBySide = (inputs: Record<string, string>, databaseUrls?: { action: string; cli: string }) =>
  Promise.all([
    runAction(
      'migrate',
      { ...inputs, ...(databaseUrls ? { 'database-url': databaseUrls.action } : {}) },
      { GITHUB_WORKSPACE: project.dir },
    ),
    cli.run(
      ['migrate', ...flags({ ...inputs, ...(databaseUrls ? { 'database-url': databaseUrls.cli } : {}) }), '--json'],
      { cwd: project.dir },
    ),
  ]);

describe('migrate: augeo and the bundled action', () => {
  it('apply: the same revisions applied, the same outputs, the same database state', async () => {
    const [action, terminal] = await sideBySide({ mode: 'apply' }, urls);
    expect(action.errors).toEqual([]);
    expect([action.exitCode, terminal.exitCode]).toEqual([0, 0]);
    expect(terminal.json?.outputs).toEqual(action.outputs);
    expect(action.outputs).toMatchObject({ applied: '["0001","0002","0003"]', current: '0003' });
    expect(await databaseRevisions(urls.cli)).toEqual(await databaseRevisions(urls.action));
  }, 120_000);

  it('lint: the same blocking finding and failure', async () => {
    project.addRevision({ id: '0004', down: '0003', upgrade: ['op.drop_column("users", "email")'] });
    const [action, terminal] = await sideBySide({ mode: 'lint' });
    expect([action.exitCode, terminal.exitCode]).toEqual([1, 1]);
    expect(action.errors.at(-1)).toBe(terminal.json?.error);
    expect(terminal.json?.outputs).toEqual(action.outputs);
    expect(terminal.stderr).toContain(`error: ban-drop-column: Dropping a column`);
    expect(terminal.stderr).toContain(`(${project.fileOf('0004')}:${project.lineOf('0004', 'op.drop_column')})`);
  }, 120_000);
});
