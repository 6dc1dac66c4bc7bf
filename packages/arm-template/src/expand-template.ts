import {
  deploymentsType,
  type ArmParameterDefinition,
  type ArmResourceDefinition,
  type ArmTemplate,
} from './arm-template.js';
import type { DeploymentContext, EvaluationScope, ResourceState } from './deployment-scope.js';
import { evaluateTemplateValue, withCopyIndex } from './evaluate-expression.js';
import { resourceGroupScopeId, resourceIdAt, sameResourceId, subscriptionScopeId } from './resource-ids.js';
import { templateEvaluationFailed, templateParameterInvalid } from './template-errors.js';
import {
  RuntimeValue,
  describeValue,
  isRuntime,
  isTemplateObject,
  valueAt,
  type TemplateObject,
  type TemplateValue,
} from './template-value.js';

/**
 * Expands a compiled template the way ARM would for one set of parameters, without Azure: parameters and their
 * defaults, variables, conditions, resource and property copy loops, and nested deployments (Bicep modules) with
 * their own parameters, evaluated recursively. A module output another module consumes is the nested deployment's
 * evaluated output. What only Azure knows (a runtime property read with reference()) stays a RuntimeValue.
 */
export interface EffectiveResource {
  /** The resource ID the resource would get. */
  id: string;
  type: string;
  /** Full name, e.g. augeo-dev-api/staging for a slot. */
  name: string;
  /** Nested deployments the resource is declared in, outermost first (empty for the top-level template). */
  deploymentPath: string[];
  /** For extension resources (locks, role assignments): the ID of the resource they apply to. */
  scopeId?: string;
  /** Its condition, its loop count or its name is known only at deployment. */
  runtimeDependent: boolean;
  /** Everything but type, name, condition, copy and dependsOn, evaluated; nested templates are left as written. */
  body: TemplateObject;
  /** dependsOn, evaluated: the IDs (or, for a loop, the names) of what must be deployed first. */
  dependsOn: string[];
}

export interface ExpandedTemplate {
  /** Every resource of the template and of its nested deployments, in declaration order. */
  resources: EffectiveResource[];
  /** The template and every nested deployment's template, with where each sits. */
  templates: { deploymentPath: string[]; template: ArmTemplate }[];
  outputs: Record<string, TemplateValue>;
}

const subscriptionDeploymentSchema = /subscriptionDeploymentTemplate\.json/i;

/** Offline nothing exists yet: every reference() to a resource is known only at deployment. */
export const noResources: ResourceState = { resource: () => undefined };

export function expandTemplate(
  template: ArmTemplate,
  parameterValues: Record<string, TemplateValue>,
  deployment: DeploymentContext,
  state: ResourceState = noResources,
): ExpandedTemplate {
  const expanded: ExpandedTemplate = { resources: [], templates: [], outputs: {} };
  const atSubscription = subscriptionDeploymentSchema.test(template.$schema ?? '');
  const context = atSubscription ? { ...deployment, resourceGroup: undefined } : deployment;
  expanded.outputs = expandDeployment(template, parameterValues, context, [], expanded, state);
  return expanded;
}

interface ResourceInstance {
  definition: ArmResourceDefinition;
  scope: EvaluationScope;
  runtimeDependent: boolean;
}

function expandDeployment(
  template: ArmTemplate,
  givenParameters: Record<string, TemplateValue>,
  deployment: DeploymentContext,
  deploymentPath: string[],
  expanded: ExpandedTemplate,
  state: ResourceState,
): Record<string, TemplateValue> {
  if (!Array.isArray(template.resources)) {
    throw templateEvaluationFailed(
      where(deploymentPath, 'resources'),
      'resources must be an array (languageVersion 2.0 symbolic-name templates are not supported)',
    );
  }
  expanded.templates.push({ deploymentPath, template });

  const parameters = new Map<string, TemplateValue>();
  const variables = new Map<string, TemplateValue>();
  const variablesInProgress = new Set<string>();
  const nestedDeployments = new Map<string, () => Record<string, TemplateValue>>();

  const scope: EvaluationScope = {
    deployment,
    where: where(deploymentPath, 'template'),
    parameter: (name) => {
      const value = parameters.get(name);
      if (value === undefined) throw templateEvaluationFailed(scope.where, `parameter '${name}' is not declared`);
      return value;
    },
    variable: (name) => {
      const known = variables.get(name);
      if (known !== undefined) return known;
      if (variablesInProgress.has(name))
        throw templateEvaluationFailed(scope.where, `variable '${name}' refers to itself`);
      variablesInProgress.add(name);
      const value = evaluateVariable(template, name, { ...scope, where: where(deploymentPath, `variable '${name}'`) });
      variablesInProgress.delete(name);
      variables.set(name, value);
      return value;
    },
    copyIndex: (loopName) => {
      throw templateEvaluationFailed(scope.where, `copyIndex(${loopName ?? ''}) used outside a copy loop`);
    },
    reference: (id, full) => {
      const nested = [...nestedDeployments.entries()].find(([deploymentId]) => sameResourceId(deploymentId, id));
      if (nested) return { outputs: asReferencedOutputs(nested[1]()) };
      const existing = state.resource(id);
      if (existing === undefined) return new RuntimeValue(`reference(${id})`);
      return full ? existing : (valueAt(existing, 'properties') ?? {});
    },
  };

  bindParameters(template.parameters ?? {}, givenParameters, parameters, scope, deploymentPath);

  // Every ID first, so that reference() to a module declared further down finds it; then bodies, in order.
  const identified = template.resources
    .flatMap((definition) => instancesOf(definition, scope, deploymentPath))
    .map((instance) => ({ instance, resource: identify(instance, deployment, deploymentPath) }));
  for (const { instance, resource } of identified) {
    if (instance.definition.type.toLowerCase() !== deploymentsType.toLowerCase()) continue;
    let outputs: Record<string, TemplateValue> | undefined;
    nestedDeployments.set(resource.id, () => {
      outputs ??= expandNested(instance, resource, deployment, deploymentPath, expanded, state);
      return outputs;
    });
  }
  for (const { instance, resource } of identified) {
    resource.body = evaluateBody(instance.definition, instance.scope);
    resource.dependsOn = (instance.definition.dependsOn ?? [])
      .map((dependency) => evaluateTemplateValue(dependency, instance.scope))
      .filter((dependency): dependency is string => typeof dependency === 'string');
    expanded.resources.push(resource);
    nestedDeployments.get(resource.id)?.();
  }

  return evaluateOutputs(template, scope, deploymentPath);
}

function where(deploymentPath: string[], part: string): string {
  const deploymentName = deploymentPath.length === 0 ? 'the main template' : `module '${deploymentPath.join(' → ')}'`;
  return `${part} of ${deploymentName}`;
}

function bindParameters(
  definitions: Record<string, ArmParameterDefinition>,
  given: Record<string, TemplateValue>,
  bound: Map<string, TemplateValue>,
  scope: EvaluationScope,
  deploymentPath: string[],
): void {
  const label = (name: string) => (deploymentPath.length === 0 ? name : `${deploymentPath.join('/')}.${name}`);
  for (const name of Object.keys(given)) {
    if (!(name in definitions)) throw templateParameterInvalid(label(name), 'is not declared by the template');
  }
  for (const [name, definition] of Object.entries(definitions)) {
    let value = given[name];
    if (value === undefined) {
      if (definition.defaultValue === undefined)
        throw templateParameterInvalid(label(name), 'is required but has no value');
      value = evaluateTemplateValue(definition.defaultValue, {
        ...scope,
        where: where(deploymentPath, `parameter '${name}'`),
      });
    }
    checkParameterValue(label(name), definition, value);
    bound.set(name, value);
  }
}

function checkParameterValue(name: string, definition: ArmParameterDefinition, value: TemplateValue): void {
  if (isRuntime(value)) return;
  const expectedType: Record<string, (candidate: TemplateValue) => boolean> = {
    string: (candidate) => typeof candidate === 'string',
    securestring: (candidate) => typeof candidate === 'string',
    int: (candidate) => typeof candidate === 'number' && Number.isInteger(candidate),
    bool: (candidate) => typeof candidate === 'boolean',
    array: (candidate) => Array.isArray(candidate),
    object: (candidate) => isTemplateObject(candidate),
    secureobject: (candidate) => isTemplateObject(candidate),
  };
  const typeCheck = expectedType[definition.type.toLowerCase()];
  if (typeCheck && !typeCheck(value))
    throw templateParameterInvalid(name, `must be of type ${definition.type}, got ${describeValue(value)}`);
  if (definition.allowedValues && !definition.allowedValues.some((allowed) => allowed === value)) {
    throw templateParameterInvalid(
      name,
      `is ${describeValue(value)}; allowed: ${definition.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
    );
  }
  if (typeof value === 'number') {
    if (definition.minValue !== undefined && value < definition.minValue)
      throw templateParameterInvalid(name, `is ${value}, below its minimum ${definition.minValue}`);
    if (definition.maxValue !== undefined && value > definition.maxValue)
      throw templateParameterInvalid(name, `is ${value}, above its maximum ${definition.maxValue}`);
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    if (definition.minLength !== undefined && value.length < definition.minLength)
      throw templateParameterInvalid(name, `is shorter than ${definition.minLength}`);
    if (definition.maxLength !== undefined && value.length > definition.maxLength)
      throw templateParameterInvalid(name, `is longer than ${definition.maxLength}`);
  }
}

interface VariableLoop {
  name: string;
  count: unknown;
  input: unknown;
}

function evaluateVariable(template: ArmTemplate, name: string, scope: EvaluationScope): TemplateValue {
  const variables = template.variables ?? {};
  if (name in variables && name !== 'copy') return evaluateTemplateValue(variables[name], scope);
  const loop = Array.isArray(variables.copy)
    ? (variables.copy as VariableLoop[]).find((candidate) => candidate.name === name)
    : undefined;
  if (!loop) throw templateEvaluationFailed(scope.where, `variable '${name}' is not declared`);
  const count = evaluateTemplateValue(loop.count, scope);
  if (isRuntime(count)) return new RuntimeValue(`${name} (loop count ${count.origin})`);
  return Array.from({ length: Number(count) }, (_, index) =>
    evaluateTemplateValue(loop.input, withCopyIndex(scope, name, index)),
  );
}

function instancesOf(
  definition: ArmResourceDefinition,
  templateScope: EvaluationScope,
  deploymentPath: string[],
): ResourceInstance[] {
  const scope = { ...templateScope, where: where(deploymentPath, `resource ${definition.type} '${definition.name}'`) };
  const loop = definition.copy;
  const loopScopes: { scope: EvaluationScope; runtimeDependent: boolean }[] = [];
  if (!loop) {
    loopScopes.push({ scope, runtimeDependent: false });
  } else {
    const count = evaluateTemplateValue(loop.count, scope);
    const indexes: TemplateValue[] = isRuntime(count)
      ? [new RuntimeValue(`each of ${count.origin}`)]
      : Array.from({ length: Number(count) }, (_, index) => index);
    for (const index of indexes) {
      loopScopes.push({
        scope: withCopyIndex(withCopyIndex(scope, undefined, index), loop.name, index),
        runtimeDependent: isRuntime(count),
      });
    }
  }
  return loopScopes.flatMap(({ scope: instanceScope, runtimeDependent }) => {
    if (definition.condition === undefined) return [{ definition, scope: instanceScope, runtimeDependent }];
    const condition = evaluateTemplateValue(definition.condition, instanceScope);
    if (condition === false) return [];
    return [{ definition, scope: instanceScope, runtimeDependent: runtimeDependent || isRuntime(condition) }];
  });
}

function identify(
  instance: ResourceInstance,
  deployment: DeploymentContext,
  deploymentPath: string[],
): EffectiveResource {
  const { definition, scope } = instance;
  const evaluatedName = evaluateTemplateValue(definition.name, scope);
  // Inside a module a name may come from a module parameter that ARM fills in from another module's output before
  // this one starts (a role assignment named after a principal ID): known to ARM, not to us.
  const name = isRuntime(evaluatedName) ? `{${evaluatedName.origin}}` : evaluatedName;
  if (typeof name !== 'string')
    throw templateEvaluationFailed(scope.where, `the name must be a string, got ${describeValue(name)}`);
  let scopeId: string | undefined;
  let containerId: string;
  if (definition.scope !== undefined) {
    const target = evaluateTemplateValue(definition.scope, scope);
    if (typeof target !== 'string')
      throw templateEvaluationFailed(scope.where, `the scope must be a resource ID, got ${describeValue(target)}`);
    scopeId = target;
    containerId = target;
  } else {
    containerId = containerOf(definition, scope, deployment);
  }
  let id: string;
  try {
    id = isRuntime(evaluatedName)
      ? `${containerId}/providers/${definition.type}/${name}`
      : resourceIdAt(containerId, definition.type, name.split('/'));
  } catch (error) {
    throw templateEvaluationFailed(scope.where, (error as Error).message);
  }
  const runtimeDependent = instance.runtimeDependent || isRuntime(evaluatedName);
  return { id, type: definition.type, name, deploymentPath, scopeId, runtimeDependent, body: {}, dependsOn: [] };
}

/** The scope a resource is created in: its resourceGroup/subscriptionId properties, else the template's own. */
function containerOf(definition: ArmResourceDefinition, scope: EvaluationScope, deployment: DeploymentContext): string {
  const subscriptionId =
    definition.subscriptionId === undefined
      ? deployment.subscriptionId
      : String(evaluateTemplateValue(definition.subscriptionId, scope));
  if (definition.resourceGroup !== undefined) {
    return resourceGroupScopeId(subscriptionId, String(evaluateTemplateValue(definition.resourceGroup, scope)));
  }
  if (definition.subscriptionId === undefined && deployment.resourceGroup) {
    return resourceGroupScopeId(subscriptionId, deployment.resourceGroup.name);
  }
  return subscriptionScopeId(subscriptionId);
}

const unevaluatedKeys = new Set(['type', 'name', 'apiversion', 'condition', 'copy', 'dependson', 'comments']);

function evaluateBody(definition: ArmResourceDefinition, scope: EvaluationScope): TemplateObject {
  const body: TemplateObject = {};
  for (const [key, value] of Object.entries(definition)) {
    if (unevaluatedKeys.has(key.toLowerCase())) continue;
    if (key === 'properties' && definition.type.toLowerCase() === deploymentsType.toLowerCase()) {
      const { template: _nestedTemplate, ...deploymentProperties } = (value ?? {}) as Record<string, unknown>;
      body[key] = evaluateTemplateValue(deploymentProperties, scope);
    } else {
      body[key] = evaluateTemplateValue(value, scope);
    }
  }
  return body;
}

function expandNested(
  instance: ResourceInstance,
  resource: EffectiveResource,
  deployment: DeploymentContext,
  deploymentPath: string[],
  expanded: ExpandedTemplate,
  state: ResourceState,
): Record<string, TemplateValue> {
  const { definition, scope } = instance;
  const properties = definition.properties ?? {};
  const evaluationScope = (properties.expressionEvaluationOptions as { scope?: string } | undefined)?.scope;
  if (!properties.template || evaluationScope?.toLowerCase() !== 'inner') {
    throw templateEvaluationFailed(
      scope.where,
      'only nested deployments with an inline template and inner expression scope (what Bicep modules compile to) are supported',
    );
  }
  const given: Record<string, TemplateValue> = {};
  for (const [name, parameter] of Object.entries(
    (properties.parameters ?? {}) as Record<string, { value?: unknown }>,
  )) {
    given[name] = evaluateTemplateValue(parameter.value, scope);
  }
  const nestedContext: DeploymentContext = { ...deployment, deploymentName: resource.name };
  const resourceGroupMatch = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\//i.exec(resource.id);
  if (resourceGroupMatch) {
    nestedContext.subscriptionId = resourceGroupMatch[1] ?? deployment.subscriptionId;
    nestedContext.resourceGroup = {
      name: resourceGroupMatch[2] ?? '',
      location: new RuntimeValue(`location of resource group ${resourceGroupMatch[2]}`),
    };
  } else {
    nestedContext.resourceGroup = undefined;
  }
  return expandDeployment(
    properties.template as ArmTemplate,
    given,
    nestedContext,
    [...deploymentPath, resource.name],
    expanded,
    state,
  );
}

function evaluateOutputs(
  template: ArmTemplate,
  scope: EvaluationScope,
  deploymentPath: string[],
): Record<string, TemplateValue> {
  const outputs: Record<string, TemplateValue> = {};
  for (const [name, output] of Object.entries(template.outputs ?? {})) {
    const outputScope = { ...scope, where: where(deploymentPath, `output '${name}'`) };
    if (output.copy !== undefined) throw templateEvaluationFailed(outputScope.where, 'output loops are not supported');
    if (output.condition !== undefined && evaluateTemplateValue(output.condition, outputScope) === false) continue;
    outputs[name] = evaluateTemplateValue(output.value, outputScope);
  }
  return outputs;
}

/** reference() on a deployment returns its outputs as `{ name: { value } }`. */
function asReferencedOutputs(values: Record<string, TemplateValue>): TemplateObject {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]));
}
