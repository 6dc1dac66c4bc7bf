import { healthCheckFailed, healthWaitTimedOut } from '../errors.js';
import { isSensitiveHeader } from '../inputs/http-headers.js';
import type { ActionIO } from '../io/action-io.js';
import { checkHealth, type HealthCheckPlan, type HealthReport } from './check-health.js';
import { systemClock, type Clock } from './clock.js';
import { healthCheckInputs, toHealthCheckPlan } from './health-check-inputs.js';
import { healthOutputs } from './health-outputs.js';
import { renderHealthSummary } from './health-summary.js';

/**
 * The health-check action's core: masks credentials, checks, sets every output and the job
 * summary, then fails with one line per failed criterion when the app is unhealthy.
 */
export async function runHealthCheck(
  io: ActionIO,
  plan: HealthCheckPlan,
  clock: Clock = systemClock,
): Promise<HealthReport> {
  for (const [name, value] of plan.headers) {
    if (!isSensitiveHeader(name)) continue;
    io.log.mask(value);
    // `Bearer <token>`: the token alone can show up too (e.g. echoed back in an error body).
    const credential = value.split(/\s+/)[1];
    if (credential) io.log.mask(credential);
  }
  const report = await checkHealth(plan, io.log, clock);
  for (const [name, value] of Object.entries(healthOutputs(report))) io.outputs.set(name, value);
  io.summary.append(renderHealthSummary(report, plan));
  if (report.wait && !report.wait.ready) {
    throw healthWaitTimedOut(plan.consecutiveSuccesses, plan.deadlineMs, report.wait.rounds, report.wait.lastSeen);
  }
  if (!report.healthy) throw healthCheckFailed(report.urls.filter((url) => !url.healthy));
  return report;
}

/** actions/health-check and `augeo health-check`: the inputs → the plan → the check. */
export async function runHealthCheckFromInputs(io: ActionIO): Promise<HealthReport> {
  return runHealthCheck(io, toHealthCheckPlan(healthCheckInputs.read(io.inputs)));
}
