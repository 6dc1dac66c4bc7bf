import { randomUUID } from 'node:crypto';
import type { ArmTemplate } from '@augeo/arm-template/arm-template';
import type { TemplateValue } from '@augeo/arm-template/template-value';
import type { Deployments, DeploymentOperation, DeploymentRecord, DeploymentRequest } from './deployments.js';
import type { AccessTokenClaims } from './entra-tokens.js';
import { ArmError, armErrors, deploymentErrors } from './errors.js';
import type { Exchange } from './gateway.js';
import { parseJson, sendJson } from './http.js';
import { isAllowed } from './rbac.js';
import type { SiteRegistry } from './sites.js';
import type { RoleAssignment } from './world.js';

export interface DeploymentHostDeps {
  registry: SiteRegistry;
  deployments: Deployments;
  roleAssignments: RoleAssignment[];
  origin: () => string;
}

/** Answers the request when it is a Microsoft.Resources/deployments route and returns true. */
export type DeploymentRoute = (exchange: Exchange, caller: AccessTokenClaims, apiVersion: string) => Promise<boolean>;

const SUBSCRIPTION_DEPLOYMENT =
  /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Resources\/deployments\/([^/]+)(\/validate|\/whatIf|\/operations|\/operationStatuses\/[^/]+)?$/i;
const GROUP_DEPLOYMENT =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(?:\/providers\/Microsoft\.Resources)?\/deployments\/([^/]+)(\/operations)?$/i;
const OPERATION_RESULT = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Resources\/operationResults\/([^/]+)$/i;
const RETRY_AFTER = { 'retry-after': '0' };

/**
 * Microsoft.Resources/deployments at subscription scope (research part C.7): createOrUpdate as a long-running
 * operation (201 + Azure-AsyncOperation → operationStatuses), get, validate (200, or 400 InvalidTemplateDeployment),
 * whatIf (202 + Location → 200 WhatIfOperationResult) and the operations list; nested (module) deployments and
 * their operations can be read in their resource groups.
 */
export function deploymentHost(deps: DeploymentHostDeps): DeploymentRoute {
  const whatIfResults = new Map<string, { principal: string; body: unknown }>();

  return async (exchange, caller, apiVersion) => {
    const { method, path } = exchange;
    const authorize = (action: string, scope: string) => {
      if (!isAllowed(deps.roleAssignments, caller.oid, action, scope))
        throw armErrors.authorizationFailed(caller.appid, caller.oid, action, scope);
    };
    const subscriptionOf = (subscriptionId: string) => {
      const subscription = deps.registry.subscription(subscriptionId);
      if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
      if (subscription.tenantId.toLowerCase() !== caller.tid.toLowerCase()) throw armErrors.wrongTenant(subscriptionId);
      return subscription;
    };
    const withVersion = (url: string) => `${deps.origin()}${url}?api-version=${encodeURIComponent(apiVersion)}`;

    const result = OPERATION_RESULT.exec(path);
    if (result && method === 'GET') {
      const found = whatIfResults.get((result[2] ?? '').toLowerCase());
      if (!found || found.principal !== caller.oid) throw armErrors.operationNotFound(result[2] ?? '');
      sendJson(exchange.res, 200, found.body);
      return true;
    }

    const grouped = GROUP_DEPLOYMENT.exec(path);
    if (grouped && method === 'GET') {
      const [, subscriptionId = '', group = '', name = '', operations] = grouped;
      subscriptionOf(subscriptionId);
      const scope = `/subscriptions/${subscriptionId}/resourceGroups/${group}`;
      authorize('Microsoft.Resources/deployments/read', scope);
      const record = deps.deployments.record(`${scope}/providers/Microsoft.Resources/deployments/${name}`);
      if (!record) throw deploymentErrors.notFound(name);
      sendJson(exchange.res, 200, operations ? operationsJson(record) : deploymentJson(record));
      return true;
    }

    const matched = SUBSCRIPTION_DEPLOYMENT.exec(path);
    if (!matched) return false;
    const [, subscriptionId = '', name = '', action = ''] = matched;
    const subscription = subscriptionOf(subscriptionId);
    const scope = `/subscriptions/${subscription.id}`;
    const deploymentId = `${scope}/providers/Microsoft.Resources/deployments/${name}`;
    const existing = () => {
      const record = deps.deployments.record(deploymentId);
      if (!record) throw deploymentErrors.notFound(name);
      return record;
    };
    const request = (): DeploymentRequest => requestOf(exchange, subscription, name, caller);

    if (method === 'GET' && action === '') {
      authorize('Microsoft.Resources/deployments/read', scope);
      sendJson(exchange.res, 200, deploymentJson(existing()));
    } else if (method === 'GET' && /^\/operations$/i.test(action)) {
      authorize('Microsoft.Resources/deployments/operations/read', scope);
      sendJson(exchange.res, 200, operationsJson(existing()));
    } else if (method === 'GET' && /^\/operationStatuses\//i.test(action)) {
      const operationId = action.split('/').pop() ?? '';
      const record = deps.deployments.byAsyncOperation(operationId);
      if (!record || record.principal !== caller.oid) throw armErrors.operationNotFound(operationId);
      const status = record.provisioningState === 'Accepted' ? 'Running' : record.provisioningState;
      sendJson(
        exchange.res,
        200,
        {
          id: `${deploymentId}/operationStatuses/${operationId}`,
          status,
          ...(record.error ? { error: record.error } : {}),
        },
        status === 'Running' ? RETRY_AFTER : {},
      );
    } else if (method === 'PUT' && action === '') {
      authorize('Microsoft.Resources/deployments/write', scope);
      const record = deps.deployments.start(request(), exchange.correlationId ?? '');
      sendJson(exchange.res, 201, deploymentJson(record), {
        'azure-asyncoperation': withVersion(`${deploymentId}/operationStatuses/${record.asyncOperationId}`),
        ...RETRY_AFTER,
      });
    } else if (method === 'POST' && /^\/validate$/i.test(action)) {
      authorize('Microsoft.Resources/deployments/validate/action', scope);
      const checked = request();
      try {
        const expanded = deps.deployments.validate(checked);
        sendJson(exchange.res, 200, {
          id: deploymentId,
          name,
          type: 'Microsoft.Resources/deployments',
          properties: {
            provisioningState: 'Succeeded',
            correlationId: exchange.correlationId,
            timestamp: new Date().toISOString(),
            mode: checked.mode,
            validatedResources: expanded.resources.map((resource) => ({ id: resource.id })),
          },
        });
      } catch (error) {
        if (!(error instanceof ArmError)) throw error;
        sendJson(exchange.res, 400, { error: { ...error.body().error, details: [] } });
      }
    } else if (method === 'POST' && /^\/whatIf$/i.test(action)) {
      authorize('Microsoft.Resources/deployments/whatIf/action', scope);
      const changes = deps.deployments.whatIf(request());
      const operationId = randomUUID();
      whatIfResults.set(operationId, {
        principal: caller.oid,
        body: { status: 'Succeeded', properties: { changes, potentialChanges: [], diagnostics: [] } },
      });
      sendJson(exchange.res, 202, undefined, {
        location: withVersion(`${scope}/providers/Microsoft.Resources/operationResults/${operationId}`),
        ...RETRY_AFTER,
      });
    } else {
      throw armErrors.routeNotModelled(method, path);
    }
    return true;
  };
}

function requestOf(
  exchange: Exchange,
  subscription: { id: string; tenantId: string },
  name: string,
  caller: AccessTokenClaims,
): DeploymentRequest {
  let body: { location?: unknown; properties?: Record<string, unknown> };
  try {
    body = (parseJson(exchange.body) ?? {}) as typeof body;
  } catch (error) {
    throw armErrors.invalidBody((error as Error).message);
  }
  const properties = body.properties ?? {};
  if (properties.templateLink !== undefined || typeof properties.template !== 'object' || properties.template === null)
    throw deploymentErrors.templateLinkUnsupported();
  if (typeof body.location !== 'string' || body.location === '') throw deploymentErrors.locationRequired();
  const given = (properties.parameters ?? {}) as Record<string, { value?: unknown }>;
  return {
    subscriptionId: subscription.id,
    tenantId: subscription.tenantId,
    name,
    location: body.location,
    mode: typeof properties.mode === 'string' ? properties.mode : 'Incremental',
    template: properties.template as ArmTemplate,
    parameters: Object.fromEntries(
      Object.entries(given).map(([parameter, { value }]) => [parameter, value as TemplateValue]),
    ),
    caller,
  };
}

function deploymentJson(record: DeploymentRecord): object {
  return {
    id: record.id,
    name: record.name,
    type: 'Microsoft.Resources/deployments',
    ...(record.location ? { location: record.location } : {}),
    properties: {
      provisioningState: record.provisioningState,
      correlationId: record.correlationId,
      timestamp: record.timestamp,
      duration: record.duration,
      mode: record.mode,
      parameters: record.parameters,
      ...(record.outputs ? { outputs: record.outputs } : {}),
      outputResources: record.outputResources,
      ...(record.error ? { error: record.error } : {}),
    },
  };
}

function operationsJson(record: DeploymentRecord): object {
  return {
    value: record.operations.map((operation: DeploymentOperation) => ({
      id: `${record.id}/operations/${operation.operationId}`,
      operationId: operation.operationId,
      properties: {
        provisioningOperation: 'Create',
        provisioningState: operation.provisioningState,
        timestamp: operation.timestamp,
        duration: operation.duration,
        serviceRequestId: operation.operationId,
        statusCode: operation.statusCode,
        ...(operation.statusMessage ? { statusMessage: operation.statusMessage } : {}),
        targetResource: operation.targetResource,
      },
    })),
  };
}
