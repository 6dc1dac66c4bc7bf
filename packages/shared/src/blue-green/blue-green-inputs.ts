import { boolean } from '../inputs/boolean.js';
import { duration } from '../inputs/duration.js';
import { integer } from '../inputs/integer.js';
import { percentage } from '../inputs/percentage.js';
import { optional, required, withDefault, type InputValues } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { healthCheckInputs } from '../health/health-check-inputs.js';
import { accept, reject, type Parser } from '../inputs/parser.js';
import type { GatePlan } from './health-gate.js';
import { appServiceName, resourceGroupName } from '../inputs/azure-names.js';

const HOUR_MS = 3_600_000;
const health = healthCheckInputs.specs;

const healthPath: Parser<string> = {
  expected: "a URL path starting with '/', such as /healthz (no scheme or host: each slot's own address is used)",
  parse: (raw) => (/^\/[^\s?#]*(\?[^\s#]*)?$/.test(raw.trim()) ? accept(raw.trim()) : reject(healthPath.expected)),
};

/** The app these actions act on. */
export const targetInputs = {
  'resource-group': required(resourceGroupName, 'Resource group of the App Service.'),
  'app-name': required(appServiceName, 'Name of the App Service.'),
};

/** The health inputs of health-check, under the same names and with the same parsers, used for every gate. */
export const gateInputs = {
  'health-path': withDefault(
    healthPath,
    '/healthz',
    'Path probed on each slot; it must answer 200 with a JSON `version`.',
  ),
  'expected-version': optional(
    health['expected-version'].parser,
    'Version the app must report at `version` in its JSON body. Defaults to the tag of the image being verified.',
  ),
  samples: withDefault(health.samples.parser, '10', 'Probes per gate, after the wait phase.'),
  interval: withDefault(health.interval.parser, '1s', 'Time between probes.'),
  timeout: withDefault(health.timeout.parser, '10s', 'Per-request timeout.'),
  'max-error-rate': withDefault(percentage, '5%', 'Highest error rate a gate accepts (inclusive), e.g. `5%`.'),
  'max-p95': withDefault(health['max-p95'].parser, '500ms', 'Highest p95 latency a gate accepts (inclusive).'),
  'consecutive-successes': withDefault(
    integer({ min: 1, max: 1000 }),
    '3',
    'Healthy answers in a row a slot must give before it is measured.',
  ),
  deadline: withDefault(
    duration({ minMs: 1, maxMs: 6 * HOUR_MS }),
    '5m',
    'How long a slot may take to become healthy after a restart.',
  ),
};

export const lockInputs = {
  'lock-wait': withDefault(
    duration({ maxMs: 6 * HOUR_MS }),
    '10m',
    "How long to wait when another run holds the app's deploy lock; `0s` refuses at once.",
  ),
};

export const githubInputs = {
  'github-token': optional(
    text,
    'Token to record the run in the GitHub Deployments API (needs `deployments: write`). Leave it out in jobs with `environment:`, which GitHub already records, or set `deployment: false` there.',
    { sensitive: true },
  ),
  environment: withDefault(text, 'production', 'GitHub environment name the deployment is recorded under.'),
};

export const azureInputs = {
  'azure-client-id': optional(
    text,
    'Client id of the Entra app or managed identity to sign in as with GitHub OIDC. Defaults to the AZURE_CLIENT_ID variable.',
  ),
  'azure-tenant-id': optional(text, 'Entra tenant id. Defaults to the AZURE_TENANT_ID variable.'),
  'azure-subscription-id': optional(text, 'Azure subscription id. Defaults to the AZURE_SUBSCRIPTION_ID variable.'),
};

export const swapTimeoutInput = {
  'swap-timeout': withDefault(
    duration({ minMs: 1, maxMs: 2 * HOUR_MS }),
    '15m',
    'Deadline of each swap; past it the step reads both slots and reports what they serve.',
  ),
};

export const autoRollbackInput = {
  'auto-rollback': withDefault(boolean, 'true', 'Swap back automatically when production fails its verification.'),
};

type GateValues = InputValues<typeof gateInputs>;

export function gatePlanOf(values: GateValues): GatePlan {
  return {
    healthPath: values.healthPath,
    expectedVersion: values.expectedVersion,
    samples: values.samples,
    intervalMs: values.interval,
    timeoutMs: values.timeout,
    maxErrorRatePercent: values.maxErrorRate,
    maxP95Ms: values.maxP95,
    consecutiveSuccesses: values.consecutiveSuccesses,
    deadlineMs: values.deadline,
  };
}
