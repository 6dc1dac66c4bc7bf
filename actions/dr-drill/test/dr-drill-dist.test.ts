/**
 * The bundled dr-drill, run as GitHub runs it, against the emulator (ARM, Entra, GitHub OIDC), the local PostgreSQL
 * behind the emulated flexible servers (the restore is a real pg_dump/pg_restore copy, the verification a real query)
 * and Azurite for the Redis exports.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { Emulator } from '@augeo/emulator';
import { exportBlobName } from '@augeo/shared/operations/backup-container';
import { runAction } from '../../../test/support/run-action.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../deploy-frontend/test/support/azurite.js';
import {
  armCallsUnder,
  operationsEnv,
  seedExampleDatabase,
  startOperationsEmulator,
  SUBSCRIPTION,
} from './support/operations-emulator.js';

const GROUP = 'augeo-production-rg';
const SERVERS = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${GROUP}/providers/Microsoft.DBforPostgreSQL/flexibleServers`;
const CONTAINER = 'redis-backups';
let emulator: Emulator;
let azurite: Awaited<ReturnType<typeof startAzurite>>;

beforeAll(async () => {
  [emulator, azurite] = await Promise.all([startOperationsEmulator(), startAzurite()]);
  await seedExampleDatabase(emulator, 'production', 3);
  const container = new BlobServiceClient(
    `${azurite.url}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getContainerClient(CONTAINER);
  await container.create();
  const recent = exportBlobName('augeo-production-redis', new Date(Date.now() - 20 * 60_000));
  await container.getBlockBlobClient(recent).uploadData(Buffer.from('REDIS0009'));
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
  await azurite?.stop();
});

const scratchCalls = (scratch: string) =>
  armCallsUnder(emulator.journal(), `${SERVERS}/${scratch}`).map((entry) => `${entry.method} ${entry.status}`);

describe('dr-drill', () => {
  it('restores production into a scratch server, verifies it with a real query, redeploys, reports, cleans up', async () => {
    const run = await runAction(
      'dr-drill',
      {
        environment: 'production',
        'database-user': 'postgres',
        'verification-query':
          'SELECT (SELECT version_num FROM alembic_version) AS alembic_revision, (SELECT count(*) FROM users) AS users',
        'verification-expected': 'alembic_revision=0003\nusers=3',
        'redis-backup-storage': `${azurite.url}/${AZURITE_ACCOUNT}/${CONTAINER}`,
      },
      operationsEnv(emulator, 'production', { AUGEO_TEST_STORAGE_ACCOUNT_KEY: AZURITE_KEY }),
    );

    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('passed');
    const scratch = run.outputs['scratch-server'] ?? '';
    expect(scratch).toMatch(/^augeo-production-db-drill-\d+-1$/);
    // The verification's answer is the restored copy's data: the source's revision and its three users.
    expect(run.summary).toMatch(/\| alembic_revision \| users \|[\s\S]*\| 0003 \| 3 \|/);
    expect(run.summary).toMatch(/\| PostgreSQL restore of augeo-production-db \| RTO 1h \| [\d.]+m?s \| ✅ pass \|/);
    expect(run.summary).toMatch(/\| PostgreSQL restore point \([^)]+\) \| RPO 15m \| .+ old \| ✅ pass \|/);
    expect(run.summary).toMatch(/\| App Service redeploy of augeo\/api:1\.0\.0 \| RTO 15m \| .+ \| ✅ pass \|/);
    expect(run.summary).toMatch(
      /\| Redis newest RDB export of augeo-production-redis \| RPO 1h \| 2\dm.* old \| ✅ pass \|/,
    );
    expect(run.summary).toContain('### Latest restore points');
    expect(run.summary).toContain(`scratch server \`${scratch}\`: deleted (ARM answers 404)`);

    expect(scratchCalls(scratch)).toEqual(expect.arrayContaining(['PUT 202', 'DELETE 202', 'GET 404']));
    expect(emulator.postgresServer(GROUP, scratch)).toBeUndefined();
    expect(Object.keys(emulator.site(GROUP, 'augeo-production-api')?.slots ?? {})).toEqual(['production', 'staging']);
  }, 120_000);

  it('deletes the scratch server and fails when the restored data does not verify', async () => {
    const run = await runAction(
      'dr-drill',
      {
        environment: 'production',
        'database-user': 'postgres',
        'verification-query': 'SELECT count(*) AS users FROM users',
        'verification-expected': 'users=999',
        'app-drill': 'false',
      },
      operationsEnv(emulator, 'production'),
    );

    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.join('\n')).toContain("failed its verification: users is '3', expected '999'");
    const scratch = run.outputs['scratch-server'] ?? '';
    expect(scratch).not.toBe('');
    expect(scratchCalls(scratch)).toEqual(expect.arrayContaining(['PUT 202', 'DELETE 202', 'GET 404']));
    expect(emulator.postgresServer(GROUP, scratch)).toBeUndefined();
    expect(run.summary).toContain('❌ failed');
    expect(run.summary).toMatch(/\| PostgreSQL data on \S+ \| verification query \| not measured \| ❌ fail/);
    expect(run.summary).toContain(`scratch server \`${scratch}\`: deleted (ARM answers 404)`);
  }, 120_000);
});
