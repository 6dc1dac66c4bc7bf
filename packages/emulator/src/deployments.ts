import { randomUUID } from 'node:crypto';
import { deploymentsType, type ArmTemplate } from '@augeo/arm-template/arm-template';
import type { DeploymentContext, ResourceState } from '@augeo/arm-template/deployment-scope';
import { expandTemplate, type EffectiveResource, type ExpandedTemplate } from '@augeo/arm-template/expand-template';
import { sameResourceId } from '@augeo/arm-template/resource-ids';
import { TemplateError } from '@augeo/arm-template/template-errors';
import type { TemplateValue } from '@augeo/arm-template/template-value';
import type { AccessTokenClaims } from './entra-tokens.js';
import { ArmError, deploymentErrors } from './errors.js';
import { liveView, materialize, type MaterializeDeps } from './resource-materializer.js';
import { canonicalId, containsRuntime, toJson } from './template-json.js';
import { whatIfChanges, type WhatIfChange } from './what-if.js';

type Json = Record<string, unknown>;

/** A subscription-scope deployment as PUT, validate and whatIf receive it, checked. */
export interface DeploymentRequest {
  subscriptionId: string;
  tenantId: string;
  name: string;
  location: string;
  mode: string;
  template: ArmTemplate;
  parameters: Record<string, TemplateValue>;
  caller: AccessTokenClaims;
}

export interface DeploymentOperation {
  operationId: string;
  provisioningState: 'Running' | 'Succeeded' | 'Failed';
  timestamp: string;
  started: number;
  duration: string;
  statusCode: string;
  statusMessage?: { status: string; error?: { code: string; message: string; details?: unknown[] } };
  targetResource: { id: string; resourceType: string; resourceName: string };
}

/** A deployment and, for modules, the nested deployments it made in resource groups: ARM's DeploymentExtended. */
export interface DeploymentRecord {
  id: string;
  name: string;
  location?: string;
  provisioningState: 'Accepted' | 'Running' | 'Succeeded' | 'Failed';
  correlationId: string;
  timestamp: string;
  started: number;
  duration: string;
  mode: string;
  parameters: Json;
  outputs?: Json;
  outputResources: { id: string }[];
  error?: { code: string; message: string; details?: unknown[] };
  operations: DeploymentOperation[];
  /** The async operation a PUT returns in Azure-AsyncOperation; only its caller may read it. */
  asyncOperationId: string;
  principal: string;
}

const isoDuration = (ms: number) => `PT${(ms / 1000).toFixed(3)}S`;
const subscriptionDeploymentId = (subscriptionId: string, name: string) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Resources/deployments/${name}`;
const isDeployment = (resource: EffectiveResource) => resource.type.toLowerCase() === deploymentsType.toLowerCase();
const pathKey = (path: string[]) => path.join('/');

/**
 * Microsoft.Resources/deployments at subscription scope: the template evaluated with @augeo/arm-template against
 * the emulator's state, then its resources created in dependency order. A resource is deployed once its dependsOn
 * (and parent) are, and once everything it reads with reference() exists: the template is re-evaluated after each
 * round, so a later resource sees the principal ID or host name an earlier one got, as in ARM.
 */
export class Deployments {
  readonly #records = new Map<string, DeploymentRecord>();

  constructor(private readonly deps: MaterializeDeps) {}

  /** reference() against the emulator's state. */
  readonly state: ResourceState = { resource: (id) => liveView(canonicalId(id), this.deps) as TemplateValue };

  record(id: string): DeploymentRecord | undefined {
    return this.#records.get(id.toLowerCase());
  }

  byAsyncOperation(operationId: string): DeploymentRecord | undefined {
    return [...this.#records.values()].find((record) => record.asyncOperationId === operationId.toLowerCase());
  }

  /** Template validation: the template evaluates with these parameters. Throws InvalidTemplateDeployment. */
  validate(request: DeploymentRequest): ExpandedTemplate {
    try {
      return expandTemplate(request.template, request.parameters, this.#context(request), this.state);
    } catch (error) {
      if (error instanceof TemplateError) throw deploymentErrors.invalidTemplate(error);
      throw error;
    }
  }

  whatIf(request: DeploymentRequest): WhatIfChange[] {
    return whatIfChanges(this.validate(request), (id) => this.#current(id));
  }

  /** Validates synchronously (a bad template is a 400 to the PUT), then deploys in the background. */
  start(request: DeploymentRequest, correlationId: string): DeploymentRecord {
    this.validate(request);
    const now = Date.now();
    const record: DeploymentRecord = {
      id: subscriptionDeploymentId(request.subscriptionId, request.name),
      name: request.name,
      location: request.location,
      provisioningState: 'Accepted',
      correlationId,
      timestamp: new Date(now).toISOString(),
      started: now,
      duration: 'PT0S',
      mode: request.mode,
      parameters: parametersJson(request),
      outputResources: [],
      operations: [],
      asyncOperationId: randomUUID(),
      principal: request.caller.oid,
    };
    this.#records.set(record.id.toLowerCase(), record);
    void this.#run(request, record);
    return record;
  }

  /** The resource as it stands, in its deployed shape; a site's image is read live (a deploy changes it). */
  #current(id: string): Json | undefined {
    const stored = this.deps.store.get(id);
    if (!stored) return undefined;
    const live = liveView(id, this.deps);
    const deployed = structuredClone(stored.deployed);
    const liveConfig = (live?.properties as Json | undefined)?.siteConfig as Json | undefined;
    const deployedConfig = (deployed.properties as Json | undefined)?.siteConfig as Json | undefined;
    if (liveConfig && deployedConfig && 'linuxFxVersion' in deployedConfig)
      deployedConfig.linuxFxVersion = liveConfig.linuxFxVersion;
    return deployed;
  }

  #context(request: DeploymentRequest): DeploymentContext {
    return {
      subscriptionId: request.subscriptionId,
      tenantId: request.tenantId,
      deploymentName: request.name,
      location: request.location,
    };
  }

  async #run(request: DeploymentRequest, record: DeploymentRecord): Promise<void> {
    record.provisioningState = 'Running';
    const done = new Set<string>();
    const modules = new Map<string, DeploymentRecord>();
    try {
      for (;;) {
        const expanded = expandTemplate(request.template, request.parameters, this.#context(request), this.state);
        this.#trackModules(expanded, record, modules, done);
        const pending = expanded.resources.filter((resource) => !isDeployment(resource) && !done.has(key(resource)));
        if (pending.length === 0) {
          record.outputs = outputsJson(request.template, expanded.outputs);
          record.outputResources = expanded.resources
            .filter((resource) => !isDeployment(resource))
            .map((resource) => ({ id: canonicalId(resource.id) }));
          break;
        }
        const ready = pending.filter((resource) => this.#isReady(resource, expanded, done));
        const first = pending[0] as EffectiveResource;
        if (ready.length === 0) throw deploymentErrors.unresolvable(canonicalId(first.id), describeUnknown(first));
        for (const resource of ready) {
          await this.#deployOne(resource, request, operationsOf(resource, record, modules));
          done.add(key(resource));
        }
      }
      this.#trackModules(
        expandTemplate(request.template, request.parameters, this.#context(request), this.state),
        record,
        modules,
        done,
      );
      record.provisioningState = 'Succeeded';
    } catch (error) {
      failUnfinishedModules([record, ...modules.values()]);
      record.error = errorBody(error, record);
    } finally {
      record.duration = isoDuration(Date.now() - record.started);
    }
  }

  async #deployOne(resource: EffectiveResource, request: DeploymentRequest, operations: DeploymentOperation[]) {
    const id = canonicalId(resource.id);
    const started = Date.now();
    const operation: DeploymentOperation = {
      operationId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
      provisioningState: 'Running',
      timestamp: new Date(started).toISOString(),
      started,
      duration: 'PT0S',
      statusCode: 'Accepted',
      targetResource: { id, resourceType: resource.type, resourceName: resource.name },
    };
    operations.push(operation);
    const existed = this.deps.store.get(id) !== undefined;
    try {
      await materialize(
        {
          id,
          type: resource.type,
          name: resource.name,
          scopeId: resource.scopeId,
          body: toJson(resource.body) as Json,
        },
        request.caller,
        this.deps,
      );
      operation.provisioningState = 'Succeeded';
      operation.statusCode = existed ? 'OK' : 'Created';
      operation.statusMessage = { status: 'OK' };
    } catch (error) {
      const failure = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', String(error));
      operation.provisioningState = 'Failed';
      operation.statusCode =
        failure.status === 403 ? 'Forbidden' : failure.status >= 500 ? 'InternalServerError' : 'BadRequest';
      operation.statusMessage = { status: 'Failed', error: failure.body().error };
      throw new ResourceOperationFailed(operation, failure);
    } finally {
      operation.duration = isoDuration(Date.now() - started);
    }
  }

  #isReady(resource: EffectiveResource, expanded: ExpandedTemplate, done: Set<string>): boolean {
    if (resource.runtimeDependent || containsRuntime(resource.body)) return false;
    const parentId = resource.id.replace(/\/[^/]+\/[^/]+$/, '');
    const waitsFor = [...resource.dependsOn, ...(resource.name.includes('/') ? [parentId] : [])];
    return waitsFor.every((dependency) => {
      const target = expanded.resources.find((candidate) => sameResourceId(candidate.id, dependency));
      if (!target) return true;
      if (!isDeployment(target)) return done.has(key(target));
      const nested = pathKey([...target.deploymentPath, target.name]);
      return expanded.resources
        .filter((candidate) => !isDeployment(candidate) && pathKey(candidate.deploymentPath).startsWith(nested))
        .every((candidate) => done.has(key(candidate)));
    });
  }

  /** Each module (nested deployment) gets its own record in its resource group, and an operation in its parent. */
  #trackModules(
    expanded: ExpandedTemplate,
    root: DeploymentRecord,
    modules: Map<string, DeploymentRecord>,
    done: Set<string>,
  ) {
    for (const resource of expanded.resources.filter(isDeployment)) {
      const id = canonicalId(resource.id);
      const nestedPath = pathKey([...resource.deploymentPath, resource.name]);
      let module = modules.get(nestedPath);
      if (!module) {
        module = {
          ...root,
          id,
          name: resource.name,
          location: undefined,
          provisioningState: 'Running',
          timestamp: new Date().toISOString(),
          started: Date.now(),
          parameters: {},
          outputResources: [],
          operations: [],
          asyncOperationId: randomUUID(),
        };
        modules.set(nestedPath, module);
        this.#records.set(id.toLowerCase(), module);
        const parent = resource.deploymentPath.length === 0 ? root : modules.get(pathKey(resource.deploymentPath));
        parent?.operations.push({
          operationId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
          provisioningState: 'Running',
          timestamp: module.timestamp,
          started: module.started,
          duration: 'PT0S',
          statusCode: 'Accepted',
          targetResource: { id, resourceType: deploymentsType, resourceName: resource.name },
        });
      }
      const inside = expanded.resources.filter(
        (candidate) => !isDeployment(candidate) && pathKey(candidate.deploymentPath).startsWith(nestedPath),
      );
      const finished = inside.every((candidate) => done.has(key(candidate)));
      if (module.provisioningState === 'Running' && finished) {
        module.provisioningState = 'Succeeded';
        module.duration = isoDuration(Date.now() - module.started);
        const parent = resource.deploymentPath.length === 0 ? root : modules.get(pathKey(resource.deploymentPath));
        const operation = parent?.operations.find((candidate) => sameResourceId(candidate.targetResource.id, id));
        if (operation) {
          operation.provisioningState = module.provisioningState;
          operation.statusCode = 'OK';
          operation.duration = module.duration;
          operation.statusMessage = { status: 'OK' };
        }
      }
    }
  }
}

class ResourceOperationFailed extends Error {
  constructor(
    readonly operation: DeploymentOperation,
    readonly failure: ArmError,
  ) {
    super(failure.message);
  }
}

/** A module that had not finished when its deployment failed failed too, as does its operation in its parent. */
function failUnfinishedModules(records: DeploymentRecord[]) {
  for (const record of records) {
    if (record.provisioningState === 'Running') record.provisioningState = 'Failed';
    for (const operation of record.operations.filter((candidate) => candidate.provisioningState === 'Running')) {
      operation.provisioningState = 'Failed';
      operation.statusCode = 'BadRequest';
      operation.statusMessage = {
        status: 'Failed',
        error: deploymentErrors.resourceFailed(record.operations.length).body().error,
      };
    }
  }
}

const key = (resource: EffectiveResource) => canonicalId(resource.id).toLowerCase();

/** The operations list a resource's operation belongs to: its module's, or the top-level deployment's. */
function operationsOf(
  resource: EffectiveResource,
  root: DeploymentRecord,
  modules: Map<string, DeploymentRecord>,
): DeploymentOperation[] {
  return (modules.get(pathKey(resource.deploymentPath)) ?? root).operations;
}

function describeUnknown(resource: EffectiveResource): string {
  const unknown = JSON.stringify(toJson(resource.body)).match(/"\[([^"]*)\]"/)?.[1];
  return unknown ?? `its name ${resource.name}`;
}

function errorBody(error: unknown, record: DeploymentRecord): DeploymentRecord['error'] {
  if (error instanceof ResourceOperationFailed) {
    return {
      ...deploymentErrors.resourceFailed(record.operations.length).body().error,
      details: [{ ...error.failure.body().error, target: error.operation.targetResource.id }],
    };
  }
  if (error instanceof TemplateError) return deploymentErrors.invalidTemplate(error).body().error;
  if (error instanceof ArmError) return error.body().error;
  return { code: 'InternalServerError', message: (error as Error).message };
}

function parametersJson(request: DeploymentRequest): Json {
  const definitions = request.template.parameters ?? {};
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => {
      const secure = /^secure/i.test(definition.type);
      const value = request.parameters[name] ?? definition.defaultValue;
      return [
        name,
        secure ? { type: definition.type } : { type: definition.type, value: toJson(value as TemplateValue) },
      ];
    }),
  );
}

function outputsJson(template: ArmTemplate, outputs: Record<string, TemplateValue>): Json {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [
      name,
      { type: template.outputs?.[name]?.type ?? 'String', value: toJson(value) },
    ]),
  );
}
