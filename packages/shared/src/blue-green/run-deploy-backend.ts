import { tolerantRecorder } from '../github/deployments.js';
import type { ActionIO } from '../io/action-io.js';
import { openSlotOperations, type ActionAdapters } from './action-session.js';
import { deployBackend, type DeployHooks } from './deploy-backend.js';
import { readDeployBackendInputs } from './deploy-backend-inputs.js';
import { lockTimingFrom } from './lock-timing.js';
import { deployOutputs } from './run-outputs.js';
import { renderRunSummary } from './run-summary.js';
import { runIdentity } from './run-identity.js';

/** deploy-backend's core: inputs → Azure session → deploy → outputs, summary, deployment status → pass/fail. */
export async function runDeployBackend(io: ActionIO, adapters: ActionAdapters, hooks: DeployHooks = {}): Promise<void> {
  const { values, config } = readDeployBackendInputs(io.inputs, lockTimingFrom(io.env));
  if (values.githubToken) io.log.mask(values.githubToken);
  const ops = openSlotOperations(io, adapters, values);
  const recorder = tolerantRecorder(values.githubToken ? adapters.deployments(values.githubToken) : undefined, io.log);
  const run = runIdentity(io.env);
  const deployment = await recorder.create({
    environment: values.environment,
    ref: io.env.GITHUB_SHA || io.env.GITHUB_REF || 'HEAD',
    description: `deploy ${config.image.reference} to ${values.appName}`,
    payload: { image: config.image.reference, app: values.appName, slot: config.slot, run: run.label },
  });
  await deployment.setStatus('in_progress', { description: `Deploying ${config.image.reference}` });

  const report = await deployBackend(ops, config, { log: io.log, run, hooks }).catch(async (error: unknown) => {
    await deployment.setStatus('failure', { description: `Failed before deploying ${config.image.reference}` });
    throw error;
  });
  for (const [name, value] of Object.entries(deployOutputs(report))) io.outputs.set(name, value);
  io.summary.append(renderRunSummary(report));
  const served = report.production?.image ?? 'unknown';
  await deployment.setStatus(report.result === 'deployed' || report.result === 'staged' ? 'success' : 'failure', {
    description:
      report.result === 'rolled-back'
        ? `Rolled back: ${config.image.reference} failed in production; serving ${served} again`
        : `${report.result}: production serves ${served}`,
    ...(report.production?.url ? { environmentUrl: report.production.url } : {}),
  });
  if (report.failure) throw report.failure;
}
