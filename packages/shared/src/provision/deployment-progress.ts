import { list, listAtSubscriptionScope } from '@azure/arm-resourcesdeployments/api/deploymentOperations';
import type { DeploymentsContext } from '@azure/arm-resourcesdeployments/api';
import type { DeploymentOperation } from '@azure/arm-resourcesdeployments/models';
import type { Logger } from '../io/action-io.js';

const DEPLOYMENTS_TYPE = 'microsoft.resources/deployments';
const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

export interface FailedOperation {
  resourceId?: string;
  code?: string;
  message?: string;
}

/**
 * Reads a subscription deployment's operations and, inside each module (a nested deployment in a resource group),
 * the module's own: each resource operation reported once, when it finishes. ARM lists a module as one operation
 * of its parent, so the failing resource itself is found by following failed modules down.
 */
export class DeploymentProgress {
  readonly #reported = new Set<string>();
  #total = 0;

  constructor(
    private readonly context: DeploymentsContext,
    private readonly deploymentName: string,
    private readonly log: Logger,
  ) {}

  /** Logs every resource operation that finished since the last call. */
  async report(): Promise<void> {
    const operations = await this.#resourceOperations();
    this.#total = Math.max(this.#total, operations.length);
    for (const operation of operations) {
      const state = operation.properties?.provisioningState ?? '';
      const id = operation.id ?? operation.operationId ?? '';
      if (!TERMINAL.has(state.toLowerCase()) || this.#reported.has(id)) continue;
      this.#reported.add(id);
      const target = operation.properties?.targetResource;
      const icon = state.toLowerCase() === 'succeeded' ? '✓' : '✗';
      this.log.info(
        `${icon} ${target?.resourceType ?? 'resource'} ${target?.resourceName ?? ''} — ${state}` +
          ` (${operation.properties?.statusCode ?? ''}, ${operation.properties?.duration ?? ''}) [${this.#reported.size} done]`,
      );
    }
  }

  /** The first failed resource operation, with its error. */
  async failure(): Promise<FailedOperation | undefined> {
    const failed = (await this.#resourceOperations()).find(
      (operation) => operation.properties?.provisioningState?.toLowerCase() === 'failed',
    );
    if (!failed) return undefined;
    const error = failed.properties?.statusMessage?.error;
    return { resourceId: failed.properties?.targetResource?.id, code: error?.code, message: error?.message };
  }

  async #resourceOperations(): Promise<DeploymentOperation[]> {
    const resources: DeploymentOperation[] = [];
    const visit = async (operations: AsyncIterable<DeploymentOperation>) => {
      for await (const operation of operations) {
        const target = operation.properties?.targetResource;
        if (target?.resourceType?.toLowerCase() !== DEPLOYMENTS_TYPE) {
          resources.push(operation);
          continue;
        }
        const group = /\/resourceGroups\/([^/]+)\//i.exec(target.id ?? '')?.[1];
        if (group && target.resourceName) await visit(list(this.context, group, target.resourceName));
      }
    };
    await visit(listAtSubscriptionScope(this.context, this.deploymentName));
    return resources;
  }
}
