/**
 * deploy-backend with migrations, bundled and run as GitHub runs it: the real PostgreSQL (scripts/postgres.sh),
 * Alembic and Squawk behind the migration gate, and the emulator's ARM, Entra and Key Vault for the deploy.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@augeo/emulator';
import { loadWorld } from '@augeo/emulator/world';
import {
  createDatabase,
  databaseRevisions,
  dropDatabase,
  MigrationsProject,
  runGate,
  withClient,
} from '../../../packages/shared/test/migrations-fixture.js';
import {
  armWrites,
  FAST_GATE,
  RESOURCE_GROUP,
  runnerEnv,
  servedVersion,
} from '../../../test/support/blue-green-emulator.js';
import { runAction, tokensIn, unmaskedSecrets } from '../../../test/support/run-action.js';

const SCENARIOS = ['safe', 'blocked', 'halfway', 'contract', 'forbidden'] as const;
type Scenario = (typeof SCENARIOS)[number];
const siteOf = (scenario: Scenario) => `mig-${scenario}-api`;
const databaseOf = (scenario: Scenario) => `augeo_deploy_migrations_${scenario}`;
const PASSWORD = 'deploy-Pa55word-from-the-vault';
const VAULT = 'augeo-staging-kv';
const LOCKED_VAULT = 'augeo-locked-kv';

const urls = {} as Record<Scenario, string>;
const projects = {} as Record<Scenario, MigrationsProject>;
let emulator: Emulator;

/** The default world's identities, one app per scenario, and two vaults: the deployer may read only the first. */
async function startMigrationEmulator(): Promise<Emulator> {
  const world = await loadWorld(undefined);
  const subscription = world.subscriptions[0]!;
  const group = subscription.resourceGroups.find((candidate) => candidate.name === RESOURCE_GROUP)!;
  const template = group.sites[0]!;
  const deployer = world.roleAssignments.find(
    (assignment) =>
      assignment.scope.endsWith(`/resourceGroups/${RESOURCE_GROUP}`) && assignment.role === 'Website Contributor',
  )!.principalId;
  const settingsOf = (slot: string) => ({
    ...template.slots.find((candidate) => candidate.name === slot)?.appSettings,
  });
  subscription.resourceGroups = [
    {
      ...group,
      sites: SCENARIOS.map((scenario) => ({
        name: siteOf(scenario),
        kind: 'app,linux,container',
        slots: ['production', 'staging'].map((slot) => ({
          name: slot,
          image: 'augeo/api:1.0.0',
          appSettings: settingsOf(slot),
        })),
        slotConfigNames: template.slotConfigNames,
      })),
      keyVaults: [
        { name: VAULT, secrets: { 'database-url': urls.safe } },
        { name: LOCKED_VAULT, secrets: { 'database-url': urls.forbidden } },
      ],
    },
  ];
  world.roleAssignments.push({
    principalId: deployer,
    role: 'Key Vault Secrets User',
    scope: `/subscriptions/${subscription.id}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/${VAULT}`,
  });
  return startEmulator({ world, caDir: process.env.AUGEO_EMULATOR_CA_DIR });
}

beforeAll(async () => {
  for (const scenario of SCENARIOS) {
    urls[scenario] = await createDatabase(databaseOf(scenario), { password: PASSWORD });
    projects[scenario] = new MigrationsProject();
  }
  // Every database starts where production's release left it: at the example app's head.
  await Promise.all(
    SCENARIOS.map(async (scenario) => {
      const run = await runGate(projects[scenario], { mode: 'apply', 'database-url': urls[scenario] });
      if (run.error) throw run.error;
    }),
  );
  emulator = await startMigrationEmulator();
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
  for (const scenario of SCENARIOS) {
    projects[scenario]?.remove();
    await dropDatabase(databaseOf(scenario));
  }
});

const deploy = (scenario: Scenario, image: string, inputs: Record<string, string>) =>
  runAction(
    'deploy-backend',
    {
      'resource-group': RESOURCE_GROUP,
      'app-name': siteOf(scenario),
      image,
      ...FAST_GATE,
      'migrations-directory': '.',
      ...inputs,
    },
    runnerEnv(emulator, { GITHUB_WORKSPACE: projects[scenario].dir }),
  );

/** Writes to the app other than the deploy lock's tag (taken and released under every run). */
const appWrites = (scenario: Scenario) =>
  armWrites(emulator.journal()).filter(
    (entry) =>
      entry.path.includes(`/sites/${siteOf(scenario)}`) && !/Microsoft\.Resources\/tags\/default$/.test(entry.path),
  );
/** The timeline's phases in order, from the summary's table. */
const phasesIn = (summary: string) =>
  [...summary.matchAll(/^\| ([^|]+?) \| \+[^|]+ \| [^|]+ \| (✅ ok|❌ failed|⏭️ skipped) \|/gm)].map(
    (row) => `${row[1]} ${row[2]!.split(' ')[1]}`,
  );
const columnExists = (url: string, table: string, column: string) =>
  withClient(url, async (client) => {
    const found = await client.query(
      'SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
      [table, column],
    );
    return found.rowCount === 1;
  });
/**
 * The database URL and its password, wherever the run printed them other than in the `::add-mask::` commands that
 * hide them on a runner (the URL's own mask line holds the password too).
 */
const leaked = (stdout: string, url: string) => {
  const printed = stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [url, url.replace(/^[^:]+:/, 'postgresql:'), PASSWORD].filter((secret) => printed.includes(secret));
};

describe('deploy-backend with migrations', () => {
  it('reads the database URL from Key Vault, applies the safe pending migration, then deploys', async () => {
    const project = projects.safe;
    project.addRevision({
      id: '0004',
      down: '0003',
      upgrade: ['op.add_column("users", sa.Column("nickname", sa.Text, nullable=True))'],
    });
    const secretUri = `${emulator.keyVaultUrl(VAULT)}/secrets/database-url`;
    const run = await deploy('safe', 'augeo/api:1.1.0', { 'database-url-secret': secretUri });

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'deployed',
      'deployed-image': 'augeo/api:1.1.0',
      'migration-current': '0004',
      'migration-head': '0004',
      'migration-pending': '["0004"]',
      'migration-applied': '["0004"]',
      'migration-blocked': 'false',
    });
    expect(await databaseRevisions(urls.safe)).toEqual(['0004']);
    expect(await columnExists(urls.safe, 'users', 'nickname')).toBe(true);
    expect(await servedVersion(emulator.slotUrl(siteOf('safe'), 'production', RESOURCE_GROUP))).toBe('1.1.0');

    const phases = phasesIn(run.summary);
    expect(phases.indexOf('migrations: expand ok')).toBeGreaterThan(phases.indexOf('record production ok'));
    expect(phases.indexOf('stage staging ok')).toBeGreaterThan(phases.indexOf('migrations: expand ok'));
    expect(run.summary).toMatch(/\| migrations: expand \|[^\n]*\| applied 0004; database at 0004 \|/);
    expect(run.summary).toContain('## Migration gate: apply (phase expand) — ✅ applied 1 revision(s)');

    // Key Vault's challenge, then the read with a token of the deployer.
    const vaultCalls = emulator.journal().filter((entry) => entry.host === 'key-vault');
    expect(vaultCalls.map((entry) => `${entry.method} ${entry.path.replace(/\/$/, '')} ${entry.status}`)).toEqual([
      'GET /secrets/database-url 401',
      'GET /secrets/database-url 200',
    ]);
    // The value is masked before anything else is printed, and never printed otherwise.
    const lines = run.stdout.split('\n');
    expect(lines.indexOf(`::add-mask::${urls.safe}`)).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf(`::add-mask::${urls.safe}`)).toBeLessThan(
      lines.findIndex((line) => line.startsWith('Using alembic')),
    );
    expect(leaked(run.stdout, urls.safe)).toEqual([]);
    // The access tokens (ARM's and the vault's) are masked as they arrive.
    expect(tokensIn(run.stdout).length).toBeGreaterThanOrEqual(2);
    expect(unmaskedSecrets(run.stdout, tokensIn(run.stdout))).toEqual([]);
    expect(run.summary).not.toContain(PASSWORD);
  }, 90_000);

  it('stops a blocked migration before any slot is written, and says why', async () => {
    const project = projects.blocked;
    project.addRevision({ id: '0004', down: '0003', upgrade: ['op.drop_column("users", "display_name")'] });
    const run = await deploy('blocked', 'augeo/api:1.1.0', { 'database-url': urls.blocked });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      result: 'failed-before-swap',
      'deployed-image': 'augeo/api:1.0.0',
      'migration-blocked': 'true',
      'migration-pending': '["0004"]',
      'migration-applied': '[]',
    });
    expect(run.errors.join('\n')).toContain('The migration gate blocked this apply: 1 finding(s)');
    expect(run.stdout).toContain(
      `::error title=Migration gate%3A ban-drop-column,file=${project.fileOf('0004')},line=${project.lineOf('0004', 'op.drop_column')}::`,
    );
    expect(run.summary).toContain('❌ failed before swap (production untouched)');
    expect(run.summary).toMatch(/\*\*Why\*\*\n\n- The migration gate blocked this apply/);
    expect(phasesIn(run.summary)).toContain('migrations: expand failed');
    expect(phasesIn(run.summary).some((phase) => phase.startsWith('stage'))).toBe(false);
    expect(appWrites('blocked')).toEqual([]);
    expect(emulator.site(RESOURCE_GROUP, siteOf('blocked'))?.tags['augeo-deploy-lock']).toBeUndefined();
    expect(await databaseRevisions(urls.blocked)).toEqual(['0003']);
    expect(leaked(run.stdout, urls.blocked)).toEqual([]);
    expect(run.stdout).toContain(`::add-mask::${urls.blocked}`);
  }, 60_000);

  it('stops at a revision that fails halfway: the database stays at the one before, no slot is touched', async () => {
    const project = projects.halfway;
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
    const run = await deploy('halfway', 'augeo/api:1.1.0', { 'database-url': urls.halfway });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed-before-swap', 'migration-current': '0004' });
    expect(run.errors.join('\n')).toContain('Applying revision 0005 failed; the database is still at 0004.');
    expect(run.errors.join('\n')).toContain('relation "no_such_table" does not exist');
    expect(await databaseRevisions(urls.halfway)).toEqual(['0004']);
    expect(
      await withClient(
        urls.halfway,
        async (client) => (await client.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t,
      ),
    ).toBeNull();
    expect(appWrites('halfway')).toEqual([]);
    expect(await servedVersion(emulator.slotUrl(siteOf('halfway'), 'staging', RESOURCE_GROUP))).toBe('1.0.0');
    expect(leaked(run.stdout, urls.halfway)).toEqual([]);
  }, 60_000);

  it('holds a contract revision back until production is verified, and applies it only when asked', async () => {
    const project = projects.contract;
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

    const expandOnly = await deploy('contract', 'augeo/api:1.1.0', { 'database-url': urls.contract });
    expect(expandOnly.exitCode).toBe(0);
    expect(expandOnly.outputs).toMatchObject({
      result: 'deployed',
      'migration-applied': '["0004"]',
      'migration-held-back': '["0005"]',
    });
    expect(phasesIn(expandOnly.summary).at(-1)).toBe('migrations: contract skipped');
    expect(expandOnly.summary).toContain('contract: false; still pending: 0005');
    expect(await databaseRevisions(urls.contract)).toEqual(['0004']);
    expect(await columnExists(urls.contract, 'users', 'display_name')).toBe(true);

    const withContract = await deploy('contract', 'augeo/api:1.2.0', {
      'database-url': urls.contract,
      contract: 'true',
    });
    expect(withContract.errors).toEqual([]);
    expect(withContract.exitCode).toBe(0);
    expect(withContract.outputs).toMatchObject({
      result: 'deployed',
      'deployed-image': 'augeo/api:1.2.0',
      'migration-current': '0005',
      'migration-applied': '["0005"]',
      'migration-held-back': '[]',
    });
    const phases = phasesIn(withContract.summary);
    expect(phases.at(-1)).toBe('migrations: contract ok');
    expect(phases.at(-2)).toBe('verify production ok');
    expect(phases).toContain('migrations: expand ok');
    expect(withContract.summary).toContain('## Migration gate: apply (phase contract) — ✅ applied 1 revision(s)');
    expect(await databaseRevisions(urls.contract)).toEqual(['0005']);
    expect(await columnExists(urls.contract, 'users', 'display_name')).toBe(false);
  }, 120_000);

  it('names the missing role when the identity may not read the secret, before taking the lock', async () => {
    const secretUri = `${emulator.keyVaultUrl(LOCKED_VAULT)}/secrets/database-url`;
    const run = await deploy('forbidden', 'augeo/api:1.1.0', { 'database-url-secret': secretUri });

    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      `Key Vault refused to give the secret ${secretUri} (database-url-secret) to the identity ${emulator.env.AZURE_CLIENT_ID}: it lacks the role to read secrets.`,
    );
    expect(run.errors.join('\n')).toContain("Assign it 'Key Vault Secrets User' on the vault");
    expect(armWrites(emulator.journal()).filter((entry) => entry.path.includes(siteOf('forbidden')))).toEqual([]);
    expect(leaked(run.stdout, urls.forbidden)).toEqual([]);
  }, 60_000);

  it('names migration inputs that cannot work, before signing in', async () => {
    const stray = await runAction(
      'deploy-backend',
      { 'resource-group': RESOURCE_GROUP, 'app-name': siteOf('blocked'), image: 'augeo/api:1.1.0', contract: 'true' },
      runnerEnv(emulator),
    );
    expect(stray.exitCode).toBe(1);
    expect(stray.errors.join('\n')).toContain(
      "Input 'contract' is invalid: got 'true', expected no value unless migrations-directory is set.",
    );

    const missing = await deploy('blocked', 'augeo/api:1.1.0', {
      'migrations-directory': 'services/api',
      'database-url': urls.blocked,
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.errors.join('\n')).toContain(
      `Input 'migrations-directory' is invalid: got 'services/api', expected a folder that exists (resolved to ${projects.blocked.dir}/services/api).`,
    );
    expect(leaked(missing.stdout, urls.blocked)).toEqual([]);
    expect(tokensIn(stray.stdout + missing.stdout)).toEqual([]);
  });
});
