import { azureInputs } from '../blue-green/blue-green-inputs.js';
import { blobContainerUrl } from '../inputs/blob-container-url.js';
import { environmentAssignment } from '../inputs/environment-assignment.js';
import { resourceGroupName } from '../inputs/azure-names.js';
import { boolean } from '../inputs/boolean.js';
import { duration } from '../inputs/duration.js';
import { list } from '../inputs/list.js';
import { oneOf } from '../inputs/one-of.js';
import { accept, type Parser } from '../inputs/parser.js';
import { defineInputs, optional, required, withDefault } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { ENVIRONMENTS } from './environment-resources.js';

const HOUR_MS = 3_600_000;
const AGO = duration({ minMs: 0, maxMs: 35 * 24 * HOUR_MS });

/** `latest`, or how far back from the drill's start: `10m`, `2h`. Milliseconds back; 0 for latest. */
export const restorePoint: Parser<number> = {
  expected: `latest, or ${AGO.expected} (how long before the drill's start)`,
  parse(raw) {
    if (raw.trim().toLowerCase() === 'latest') return accept(0);
    const parsed = AGO.parse(raw);
    return parsed.ok ? parsed : { ok: false, expected: restorePoint.expected };
  },
};

export const DEFAULT_VERIFICATION_QUERY =
  'SELECT (SELECT version_num FROM alembic_version) AS alembic_revision, ' +
  "(SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') AS public_tables";

/** dr-drill's inputs; action.yml declares exactly these. */
export const drDrillInputs = defineInputs({
  environment: required(oneOf(ENVIRONMENTS), 'Environment drilled: its database is restored into a scratch server.'),
  'resource-group': optional(resourceGroupName, 'Resource group of the environment. Default: augeo-<environment>-rg.'),
  'database-server': optional(text, 'PostgreSQL flexible server to restore. Default: augeo-<environment>-db.'),
  'database-name': withDefault(text, 'augeo', 'Database the verification query runs in, on the restored server.'),
  'database-user': optional(text, "Login for the verification. Default: the server's administrator login."),
  'database-password': optional(
    text,
    "Password of database-user. Leave it out to sign in with an Entra token of the job's identity (the deployer " +
      'identity is the server’s Entra administrator; database-user is then its name).',
    { sensitive: true },
  ),
  'verification-query': withDefault(
    text,
    DEFAULT_VERIFICATION_QUERY,
    'SQL run on the restored database; it must succeed and return at least one row.',
  ),
  'verification-expected': optional(
    list(environmentAssignment, 'lines'),
    'column=value lines the first row must show, e.g. alembic_revision=0003 (compared as text).',
  ),
  'restore-point': withDefault(
    restorePoint,
    'latest',
    'Point in time restored: latest, or a duration before the drill (e.g. 10m); its age is compared with the RPO.',
  ),
  'restore-timeout': withDefault(
    duration({ minMs: 1000, maxMs: 4 * HOUR_MS }),
    '90m',
    'Deadline of the restore (the doc’s RTO is 1h; the drill reports a miss, the deadline stops waiting).',
  ),
  'app-drill': withDefault(
    boolean,
    'true',
    "Redeploy production's image into a scratch slot and time it until healthy (needs a plan with slots: not dev's Basic).",
  ),
  'app-name': optional(text, 'App Service of the redeploy drill. Default: augeo-<environment>-api.'),
  'health-path': withDefault(text, '/healthz', 'Path the redeployed app must answer 200 on.'),
  'app-timeout': withDefault(
    duration({ minMs: 1000, maxMs: 2 * HOUR_MS }),
    '30m',
    'Deadline of the redeploy drill (the doc’s RTO is 15m).',
  ),
  'redis-cache': optional(text, 'Redis cache whose exports are listed. Default: augeo-<environment>-redis.'),
  'redis-backup-storage': optional(
    blobContainerUrl,
    'Blob container of the Redis exports (as given to redis-backup): the newest export’s age is compared with the RPO.',
  ),
  ...azureInputs,
});
