import { azureInputs } from '../blue-green/blue-green-inputs.js';
import { blobContainerUrl } from '../inputs/blob-container-url.js';
import { resourceGroupName } from '../inputs/azure-names.js';
import { duration } from '../inputs/duration.js';
import { integer } from '../inputs/integer.js';
import { oneOf } from '../inputs/one-of.js';
import { defineInputs, optional, required, withDefault } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { ENVIRONMENTS } from './environment-resources.js';

/** redis-backup's inputs; action.yml declares exactly these. */
export const redisBackupInputs = defineInputs({
  environment: required(oneOf(ENVIRONMENTS), 'Environment whose Redis cache is exported.'),
  'backup-storage': required(
    blobContainerUrl,
    'Blob container the RDB exports go to, e.g. https://<account>.blob.core.windows.net/redis-backups. The identity ' +
      'needs Storage Blob Data Contributor on it (it signs the SAS Redis writes with, and prunes old exports).',
  ),
  'retention-days': withDefault(
    integer({ min: 1, max: 365 }),
    '7',
    'Exports older than this many days are deleted; the newest export is always kept.',
  ),
  'resource-group': optional(resourceGroupName, 'Resource group of the cache. Default: augeo-<environment>-rg.'),
  'redis-cache': optional(text, 'Name of the cache. Default: augeo-<environment>-redis.'),
  timeout: withDefault(
    duration({ minMs: 1000, maxMs: 2 * 60 * 60_000 }),
    '30m',
    'Deadline of the export (Azure takes minutes per GB).',
  ),
  ...azureInputs,
});
