import { duration } from '../inputs/duration.js';
import { dottedPath } from '../inputs/dotted-path.js';
import { httpHeaders } from '../inputs/http-headers.js';
import { httpStatuses } from '../inputs/http-status.js';
import { integer } from '../inputs/integer.js';
import { list } from '../inputs/list.js';
import { percentage } from '../inputs/percentage.js';
import { defineInputs, optional, required, withDefault, type InputValues } from '../inputs/schema.js';
import { text } from '../inputs/text.js';
import { httpUrl } from '../inputs/url.js';
import type { HealthCheckPlan } from './check-health.js';

const HOUR_MS = 3_600_000;

/** The inputs of actions/health-check; action.yml must declare exactly these (a test holds them together). */
export const healthCheckInputs = defineInputs({
  url: required(list(httpUrl, 'lines'), 'URLs to probe, one per line (http or https). Every URL must be healthy.'),
  'expected-status': withDefault(
    httpStatuses,
    '200',
    'Statuses that count as success: codes and classes, comma-separated (e.g. `200`, `200,204`, `2xx`). Redirects are not followed.',
  ),
  'expected-version': optional(
    text,
    'The version the app must report at `version-field` in its JSON body, compared exactly (never as a substring).',
  ),
  'version-field': withDefault(
    dottedPath,
    'version',
    'Dotted path of the version in the JSON body, e.g. `version` or `build.version`.',
  ),
  samples: withDefault(integer({ min: 1, max: 10_000 }), '10', 'Samples per URL in the measurement phase.'),
  interval: withDefault(
    duration({ maxMs: HOUR_MS }),
    '1s',
    'Time between samples of a URL, and between rounds of the wait phase.',
  ),
  timeout: withDefault(duration({ minMs: 1, maxMs: HOUR_MS }), '10s', 'Per-request timeout.'),
  concurrency: withDefault(integer({ min: 1, max: 100 }), '4', 'Requests in flight at once, across all URLs.'),
  'max-error-rate': withDefault(
    percentage,
    '5%',
    'Largest error rate per URL that is still healthy (inclusive), e.g. `5%`.',
  ),
  'max-p95': withDefault(
    duration({ minMs: 1 }),
    '500ms',
    'Largest p95 latency per URL that is still healthy (inclusive), e.g. `500ms`.',
  ),
  'consecutive-successes': withDefault(
    integer({ min: 0, max: 1000 }),
    '0',
    'When above 0, first wait until every URL succeeds this many rounds in a row (bounded by `deadline`), then measure.',
  ),
  'initial-delay': withDefault(duration({ maxMs: HOUR_MS }), '0s', 'Wait this long before the first request.'),
  deadline: withDefault(duration({ minMs: 1, maxMs: 6 * HOUR_MS }), '5m', 'Overall bound of the wait phase.'),
  headers: optional(
    httpHeaders,
    'Request headers, one `Name: value` per line. Values of headers named like credentials (Authorization, *token*, *key*, Cookie…) are masked in the log.',
    { sensitive: true },
  ),
});

export type HealthCheckInputValues = InputValues<typeof healthCheckInputs.specs>;

export function toHealthCheckPlan(values: HealthCheckInputValues): HealthCheckPlan {
  return {
    urls: values.url,
    headers: values.headers ?? [],
    expectedStatuses: values.expectedStatus,
    expectedVersion: values.expectedVersion,
    versionField: values.versionField,
    samples: values.samples,
    intervalMs: values.interval,
    timeoutMs: values.timeout,
    concurrency: values.concurrency,
    maxErrorRatePercent: values.maxErrorRate,
    maxP95Ms: values.maxP95,
    consecutiveSuccesses: values.consecutiveSuccesses,
    initialDelayMs: values.initialDelay,
    deadlineMs: values.deadline,
  };
}
