import type { IdTokenSource } from '../azure/github-oidc-credential.js';
import { runPhase } from '../azure/long-running.js';
import { AugeoError, redisExportMissing, redisExportNeedsPremium, resourceMissing } from '../errors.js';
import type { ActionIO } from '../io/action-io.js';
import { markdownTable } from '../summary/markdown-table.js';
import { BackupContainer, exportBlobName } from './backup-container.js';
import { environmentResources } from './environment-resources.js';
import { openOperationsSession } from './operations-session.js';
import { redisBackupInputs } from './redis-backup-inputs.js';

const DAY_MS = 86_400_000;

/**
 * redis-backup's core, the doc's "RDB snapshots every 4 hours to Storage Account": export the cache to
 * `<container>/<cache>/<time>.rdb`, check the file is there, then delete exports older than the retention (never the
 * newest). Azure exports only from Premium caches; on Basic or Standard its refusal is reported as such.
 */
export async function runRedisBackup(
  io: ActionIO,
  adapters: { idTokens: IdTokenSource },
  now: () => Date = () => new Date(),
): Promise<void> {
  const values = redisBackupInputs.read(io.inputs);
  const names = environmentResources(values.environment);
  const resourceGroup = values.resourceGroup ?? names.resourceGroup;
  const cacheName = values.redisCache ?? names.redisCache;
  const session = openOperationsSession(io, adapters.idTokens);
  const caches = session.redisCaches(resourceGroup);
  const cache = await caches.get(cacheName);
  if (!cache) throw resourceMissing('Redis cache', cacheName, resourceGroup, 'redis-cache');

  const container = BackupContainer.open(values.backupStorage, session.credential, io.env, io.log);
  const takenAt = now();
  const blobName = exportBlobName(cache.name, takenAt);
  const containerSasUrl = await container.writableUrl();
  try {
    await runPhase({ phase: `export ${cache.name} to ${blobName}`, timeoutMs: values.timeout, log: io.log }, (signal) =>
      caches.exportRdb(cache.name, { prefix: blobName, containerSasUrl }, signal),
    );
  } catch (error) {
    if (error instanceof AugeoError && cache.tier !== 'Premium')
      throw redisExportNeedsPremium(cache.name, cache.sku, error);
    throw error;
  }
  if (!(await container.exists(blobName))) throw redisExportMissing(cache.name, blobName);
  const pruned = await container.prune(cache.name, new Date(takenAt.getTime() - values.retentionDays * DAY_MS));
  const kept = await container.list(cache.name);

  io.outputs.set('export', blobName);
  io.outputs.set('deleted', String(pruned.length));
  io.summary.append(
    [
      `## Redis backup: ${cache.name} (${cache.sku}) ✅`,
      '',
      `Exported to \`${container.location.containerName}/${blobName}\`; ${pruned.length} export(s) older than ` +
        `${values.retentionDays} day(s) deleted.`,
      '',
      markdownTable(
        ['kept export', 'taken at'],
        kept.map((entry) => [entry.blobName, entry.takenAt.toISOString()]),
      ),
      '',
    ].join('\n'),
  );
}
