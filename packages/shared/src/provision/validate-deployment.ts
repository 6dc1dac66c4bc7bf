import type { DeploymentsContext } from '@azure/arm-resourcesdeployments/api';
import type { Deployment, DeploymentValidateResult } from '@azure/arm-resourcesdeployments/models';

const API_VERSION = '2026-06-01';
const sleep = (ms: number, abortSignal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    abortSignal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * ARM's validate at subscription scope: 200 (valid), 400 with the reason, or 202 + Location to poll for either.
 * Sent through the deployments client's own pipeline (credential, retries) rather than
 * validateAtSubscriptionScope, whose poller turns the expected 400 into "The long-running operation has failed"
 * and drops ARM's reason, the one thing a failed validation has to show.
 */
export async function validateDeployment(
  context: DeploymentsContext,
  deploymentName: string,
  deployment: Deployment,
  options: { updateIntervalInMs: number; abortSignal: AbortSignal },
): Promise<DeploymentValidateResult & { correlationId?: string }> {
  const path = `/subscriptions/${encodeURIComponent(context.subscriptionId)}/providers/Microsoft.Resources/deployments/${encodeURIComponent(deploymentName)}/validate`;
  let response = await context.pathUnchecked(path).post({
    body: deployment,
    queryParameters: { 'api-version': context.apiVersion ?? API_VERSION },
    abortSignal: options.abortSignal,
  });
  while (response.status === '202') {
    const location = response.headers.location;
    if (!location) break;
    await sleep(options.updateIntervalInMs, options.abortSignal);
    response = await context.pathUnchecked(location).get({ abortSignal: options.abortSignal });
  }
  const correlationId = response.headers['x-ms-correlation-request-id'];
  const body = (response.body ?? {}) as DeploymentValidateResult;
  if (response.status === '200' || response.status === '400') return { ...body, correlationId };
  return {
    error: { code: `HTTP ${response.status}`, message: JSON.stringify(response.body ?? '') },
    correlationId,
  };
}
