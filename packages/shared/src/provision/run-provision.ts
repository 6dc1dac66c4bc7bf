import type { ArmParameterFile, ArmTemplate } from '@augeo/arm-template/arm-template';
import {
  createOrUpdateAtSubscriptionScope,
  getAtSubscriptionScope,
  whatIfAtSubscriptionScope,
} from '@azure/arm-resourcesdeployments/api/deployments';
import type { DeploymentsContext } from '@azure/arm-resourcesdeployments/api';
import type { Deployment } from '@azure/arm-resourcesdeployments/models';
import { createWebAppsContext } from '../azure/arm-client.js';
import { readAzureSettings } from '../azure/azure-settings.js';
import { readArmFailure } from '../azure/arm-call.js';
import { createAzureCredential, needsClientId, type AzureSignIn } from '../azure/azure-sign-in.js';
import { runPhase } from '../azure/long-running.js';
import { describeError } from '../errors.js';
import type { ActionIO } from '../io/action-io.js';
import { checkPolicies } from '../policy/check-policies.js';
import { markdownTable } from '../summary/markdown-table.js';
import { DeploymentProgress } from './deployment-progress.js';
import { createDeploymentsContext } from './deployments-client.js';
import { keepRunningImages } from './keep-running-images.js';
import { applyParameterOverrides } from './parameter-overrides.js';
import { renderParameterSources, type ParameterSource } from './parameter-sources.js';
import { deploymentFailed, parametersForAnotherTemplate, policyBlocked, validationFailed } from '../errors.js';
import {
  defaultDeploymentName,
  defaultParametersPath,
  provisionInputs,
  type ProvisionValues,
} from './provision-inputs.js';
import { pullRequestNumber, upsertComment, type IssueComments } from '../github/pull-request-comment.js';
import { loadTemplateSource } from './template-source.js';
import { validateDeployment } from './validate-deployment.js';
import { changesSomething, renderWhatIf, whatIfMarker } from './what-if-report.js';

export interface ProvisionAdapters {
  /** GitHub's ID tokens (the action) or a credential the host has (the CLI). */
  idTokens: AzureSignIn;
  comments(token: string): IssueComments;
}

/**
 * provision's core: inputs → template and parameters (compiled from Bicep if need be, parameter-overrides applied)
 * → the offline policy checks → the images the API runs (keep-running-image) → ARM validate → the mode: the
 * validation alone, a what-if (summary, PR comment, has-changes) or the deployment (progress per resource, outputs).
 * Every check that can fail runs before anything is deployed.
 */
export async function runProvision(io: ActionIO, adapters: ProvisionAdapters): Promise<void> {
  const values = provisionInputs.read(io.inputs);
  if (values.githubToken) io.log.mask(values.githubToken);
  const settings = readAzureSettings(io, { needsClientId: needsClientId(adapters.idTokens) });
  const name = values.deploymentName ?? defaultDeploymentName(values.environment, io.env);
  const workspace = io.env.GITHUB_WORKSPACE ?? process.cwd();
  const parametersPath = values.parameters ?? defaultParametersPath(values.template, values.environment);
  const source = await loadTemplateSource(values.template, parametersPath, workspace);
  const { template } = source;
  const overrides = values.parameterOverrides ?? [];
  const overridden = applyParameterOverrides(template, source.parameters, overrides);
  for (const { text } of overrides.filter((override) => overridden.secure.includes(override.name))) io.log.mask(text);
  checkParametersBelong(template, overridden.parameters, values.template, parametersPath);
  if (values.policy) runPolicyChecks(template, overridden.parameters, values.environment, io);

  io.outputs.set('deployment-name', name);
  const credential = createAzureCredential(settings, adapters.idTokens, io.log);
  const context = createDeploymentsContext(credential, settings, io.log);
  const sources: ParameterSource[] = overrides.map(({ name: parameter, text }) => ({
    parameter,
    shown: overridden.secure.includes(parameter) ? '***' : text,
    from: '`parameter-overrides`',
  }));
  let parameters = overridden.parameters;
  const notes: string[] = [];
  if (values.keepRunningImage) {
    const kept = await keepRunningImages(template, parameters, {
      overridden: overrides.map((override) => override.name),
      deployment: {
        subscriptionId: settings.subscriptionId,
        tenantId: settings.tenantId,
        deploymentName: name,
        location: values.location,
      },
      webApps: createWebAppsContext(credential, settings, io.log),
      log: io.log,
    });
    parameters = kept.parameters;
    sources.push(...kept.sources);
    notes.push(...kept.notes);
  }
  if (sources.length > 0 || notes.length > 0)
    io.summary.append(renderParameterSources(values.environment, sources, notes));

  const deployment: Deployment = {
    location: values.location,
    properties: {
      template,
      parameters: parameters.parameters as NonNullable<Deployment['properties']['parameters']>,
      mode: 'Incremental',
    },
  };
  const poll = { updateIntervalInMs: settings.pollIntervalMs };
  const phase = (label: string) => ({ phase: `${label} ${name}`, timeoutMs: values.timeout, log: io.log });

  const validation = await runPhase(phase('validate'), (abortSignal) =>
    validateDeployment(context, name, deployment, { ...poll, abortSignal }),
  );
  if (validation.error) {
    throw validationFailed(
      validation.error.code ?? 'InvalidTemplateDeployment',
      validation.error.message ?? '',
      validation.correlationId,
    );
  }
  io.log.info(`ARM validated ${name}: ${validation.properties?.validatedResources?.length ?? 0} resource(s).`);
  if (values.mode === 'validate') {
    io.summary.append(`## Provision validate: ${values.environment}\n\n✅ ARM accepted the template.\n`);
    return;
  }
  if (values.mode === 'what-if') {
    await whatIf(context, name, deployment, values, io, adapters, phase('what-if'), poll);
    return;
  }
  await deploy(context, name, deployment, template, io, phase('deploy'), poll);
}

function checkParametersBelong(
  template: ArmTemplate,
  parameters: ArmParameterFile,
  templatePath: string,
  parametersPath: string,
): void {
  const declared = template.parameters ?? {};
  const given = Object.keys(parameters.parameters);
  const unknown = given.filter((parameter) => !(parameter in declared));
  const missing = Object.entries(declared)
    .filter(([parameter, definition]) => definition.defaultValue === undefined && !given.includes(parameter))
    .map(([parameter]) => parameter);
  if (unknown.length > 0 || missing.length > 0)
    throw parametersForAnotherTemplate(parametersPath, templatePath, unknown, missing);
}

function runPolicyChecks(template: ArmTemplate, parameters: ArmParameterFile, environment: string, io: ActionIO) {
  const findings = checkPolicies(template, parameters, environment);
  if (findings.length === 0) {
    io.log.info(`Policy checks passed for ${environment}.`);
    return;
  }
  for (const finding of findings) io.log.error(`${finding.ruleId}: ${finding.message}`);
  io.summary.append(
    `## Provision policy checks: ${environment} — ⛔ ${findings.length} failed\n\n` +
      markdownTable(
        ['Rule', 'Resource', 'Problem'],
        findings.map((finding) => [finding.ruleId, finding.target, finding.message]),
      ) +
      '\n',
  );
  throw policyBlocked(environment, findings.length);
}

async function whatIf(
  context: DeploymentsContext,
  name: string,
  deployment: Deployment,
  values: ProvisionValues,
  io: ActionIO,
  adapters: ProvisionAdapters,
  phase: Parameters<typeof runPhase>[0],
  poll: { updateIntervalInMs: number },
): Promise<void> {
  const result = await runPhase(phase, (abortSignal) =>
    whatIfAtSubscriptionScope(
      context,
      name,
      {
        location: deployment.location,
        properties: { ...deployment.properties, whatIfSettings: { resultFormat: 'FullResourcePayloads' } },
      },
      { ...poll, abortSignal },
    ),
  );
  if (result.error) throw validationFailed(result.error.code ?? 'WhatIfFailed', result.error.message ?? '', undefined);
  const changes = result.changes ?? [];
  const hasChanges = changes.some(changesSomething);
  const markdown = renderWhatIf(values.environment, name, changes);
  io.outputs.set('has-changes', String(hasChanges));
  io.summary.append(markdown);
  io.log.info(
    hasChanges ? `What-if: ${changes.filter(changesSomething).length} resource(s) change.` : 'What-if: no changes.',
  );
  const pullRequest = pullRequestNumber(io.env);
  if (!values.githubToken || pullRequest === undefined) return;
  try {
    const { action: done } = await upsertComment(
      adapters.comments(values.githubToken),
      pullRequest,
      whatIfMarker(values.environment),
      markdown,
    );
    io.log.info(`What-if comment ${done} on pull request #${pullRequest}.`);
  } catch (error) {
    io.log.warning(`Could not comment the what-if on pull request #${pullRequest}: ${describeError(error)}`);
  }
}

async function deploy(
  context: DeploymentsContext,
  name: string,
  deployment: Deployment,
  template: ArmTemplate,
  io: ActionIO,
  phase: Parameters<typeof runPhase>[0],
  poll: { updateIntervalInMs: number },
): Promise<void> {
  const progress = new DeploymentProgress(context, name, io.log);
  let reporting = Promise.resolve();
  const ticker = setInterval(() => {
    reporting = reporting.then(() => progress.report()).catch(() => undefined);
  }, poll.updateIntervalInMs);
  let outputs: Record<string, { value?: unknown }> | undefined;
  try {
    const result = await runPhase(phase, (abortSignal) =>
      createOrUpdateAtSubscriptionScope(context, name, deployment, { ...poll, abortSignal }),
    );
    outputs = result.properties?.outputs as typeof outputs;
  } catch (error) {
    clearInterval(ticker);
    await reporting;
    const record = await getAtSubscriptionScope(context, name).catch(() => undefined);
    if (record?.properties?.provisioningState !== 'Failed') throw error;
    await progress.report();
    throw deploymentFailed(
      name,
      (await progress.failure()) ?? record.properties.error,
      record.properties.correlationId ?? readArmFailure(error).correlationId,
    );
  } finally {
    clearInterval(ticker);
  }
  await reporting;
  await progress.report();
  const values = Object.fromEntries(Object.entries(outputs ?? {}).map(([key, output]) => [key, output.value]));
  io.outputs.set('outputs', JSON.stringify(values));
  for (const [key, value] of Object.entries(values)) {
    io.outputs.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  io.summary.append(
    `## Provision deploy: ${name} — ✅ succeeded\n\n` +
      markdownTable(
        ['Output', 'Value'],
        Object.keys(template.outputs ?? {}).map((key) => [key, JSON.stringify(values[key] ?? null)]),
      ) +
      '\n',
  );
}
