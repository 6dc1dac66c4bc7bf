import { createHash } from 'node:crypto';
import type { EvaluationScope } from './deployment-scope.js';
import { resourceGroupScopeId, resourceIdAt, subscriptionScopeId } from './resource-ids.js';
import { templateEvaluationFailed, templateFunctionMisplaced } from './template-errors.js';
import {
  RuntimeValue,
  isRuntime,
  isTemplateObject,
  type TemplateObject,
  type TemplateValue,
} from './template-value.js';

/**
 * The ARM template functions our compiled templates call (infrastructure/bicep/compiled/main.json), evaluated the
 * way Azure documents them. `if`, `and` and `or` are lazy and live in evaluate-expression.ts. A function not listed
 * here fails the evaluation with its name rather than being guessed at.
 *
 * guid() and uniqueString() are deterministic stand-ins with Azure's shapes (a GUID; 13 lowercase base-32
 * characters), not Azure's own hashes: offline checks only need names to be stable and distinct.
 */
type ArmFunction = (args: TemplateValue[], scope: EvaluationScope) => TemplateValue;

/** Functions whose result is known even when some of their arguments are only known at deployment. */
const structuralFunctions = new Set(['createarray', 'createobject', 'concat', 'length', 'empty', 'reference']);

export function callArmFunction(
  name: string,
  args: TemplateValue[],
  scope: EvaluationScope,
): TemplateValue | undefined {
  const implementation = armFunctions[name.toLowerCase()];
  if (!implementation) return undefined;
  const runtimeArgument = args.find(isRuntime);
  if (runtimeArgument && !structuralFunctions.has(name.toLowerCase())) {
    return new RuntimeValue(`${name}(${runtimeArgument.origin})`);
  }
  return implementation(args, scope);
}

const fail = (scope: EvaluationScope, problem: string): never => {
  throw templateEvaluationFailed(scope.where, problem);
};

function asString(value: TemplateValue | undefined, scope: EvaluationScope, what: string): string {
  if (typeof value !== 'string') fail(scope, `${what} must be a string, got ${JSON.stringify(value)}`);
  return value as string;
}

function asNumber(value: TemplateValue | undefined, scope: EvaluationScope, what: string): number {
  if (typeof value !== 'number') fail(scope, `${what} must be a number, got ${JSON.stringify(value)}`);
  return value as number;
}

function asStrings(args: TemplateValue[], scope: EvaluationScope, what: string): string[] {
  return args.map((arg, index) => asString(arg, scope, `${what} argument ${index + 1}`));
}

function deepEqual(left: TemplateValue, right: TemplateValue): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => deepEqual(item, right[index] ?? null));
  }
  if (isTemplateObject(left) && isTemplateObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => key in right && deepEqual(left[key] ?? null, right[key] ?? null))
    );
  }
  return left === right;
}

/** .NET composite formatting as format() uses it: {0}, {1}, and {{ / }} for literal braces. */
function formatString(template: string, values: TemplateValue[], scope: EvaluationScope): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (match, index: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = values[Number(index)];
    if (value === undefined) fail(scope, `format() has no argument {${index}}`);
    return typeof value === 'string' ? value : toArmString(value as TemplateValue);
  });
}

/** string(): booleans print as .NET does (True/False); objects and arrays as compact JSON. */
function toArmString(value: TemplateValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function digest(algorithm: 'sha1' | 'sha256', parts: string[]): Buffer {
  return createHash(algorithm).update(parts.join('-')).digest();
}

function standInGuid(parts: string[]): string {
  const hex = digest('sha1', parts).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A .NET-style custom date format (yyyy, MM, dd, HH, mm, ss; other characters kept) of `date` in UTC. */
function formatUtc(date: Date, format: string): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const parts: Record<string, string> = {
    yyyy: String(date.getUTCFullYear()),
    MM: two(date.getUTCMonth() + 1),
    dd: two(date.getUTCDate()),
    HH: two(date.getUTCHours()),
    mm: two(date.getUTCMinutes()),
    ss: two(date.getUTCSeconds()),
  };
  return format.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => parts[token] ?? token);
}

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
function standInUniqueString(parts: string[]): string {
  let bits = BigInt(`0x${digest('sha256', parts).subarray(0, 8).toString('hex')}`);
  let text = '';
  for (let index = 0; index < 13; index += 1) {
    text += base32Alphabet[Number(bits & 31n)];
    bits >>= 5n;
  }
  return text;
}

/** resourceId([subscriptionId], [resourceGroupName], type, name...): the type is the first argument with a '/'. */
function resourceIdFunction(args: TemplateValue[], scope: EvaluationScope): string {
  const strings = asStrings(args, scope, 'resourceId()');
  const typeIndex = strings.findIndex((arg) => arg.includes('/'));
  if (typeIndex < 0 || typeIndex > 2) fail(scope, 'resourceId() needs a resource type such as Microsoft.Web/sites');
  const [type = '', ...names] = strings.slice(typeIndex);
  const leading = strings.slice(0, typeIndex);
  const { deployment } = scope;
  const subscriptionId = leading.length === 2 ? (leading[0] ?? '') : deployment.subscriptionId;
  const resourceGroupName = leading.length >= 1 ? leading[leading.length - 1] : deployment.resourceGroup?.name;
  const scopeId =
    resourceGroupName === undefined
      ? subscriptionScopeId(subscriptionId)
      : resourceGroupScopeId(subscriptionId, resourceGroupName);
  return buildId(scope, scopeId, type, names);
}

function buildId(scope: EvaluationScope, scopeId: string, type: string, names: string[]): string {
  try {
    return resourceIdAt(
      scopeId,
      type,
      names.flatMap((name) => name.split('/')),
    );
  } catch (error) {
    return fail(scope, (error as Error).message);
  }
}

const armFunctions: Record<string, ArmFunction> = {
  parameters: ([name], scope) => scope.parameter(asString(name, scope, 'parameters()')),
  variables: ([name], scope) => scope.variable(asString(name, scope, 'variables()')),
  copyindex: (args, scope) => {
    const loopName = typeof args[0] === 'string' ? args[0] : undefined;
    const offset = args.find((arg) => typeof arg === 'number') ?? 0;
    const index = scope.copyIndex(loopName);
    return isRuntime(index) ? index : asNumber(index, scope, 'copyIndex()') + (offset as number);
  },
  true: () => true,
  false: () => false,
  null: () => null,
  not: ([value], scope) => {
    if (typeof value !== 'boolean') fail(scope, 'not() needs a boolean');
    return !value;
  },
  equals: ([left = null, right = null]) => deepEqual(left, right),
  greater: ([left, right], scope) => {
    if (typeof left === 'number' && typeof right === 'number') return left > right;
    return asString(left, scope, 'greater()') > asString(right, scope, 'greater()');
  },
  empty: ([value]) => {
    if (isRuntime(value)) return new RuntimeValue(`empty(${value.origin})`);
    if (value === null || value === undefined || value === '') return true;
    if (Array.isArray(value)) return value.length === 0;
    if (isTemplateObject(value)) return Object.keys(value).length === 0;
    return false;
  },
  length: ([value], scope) => {
    if (isRuntime(value)) return new RuntimeValue(`length(${value.origin})`);
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (isTemplateObject(value)) return Object.keys(value).length;
    return fail(scope, 'length() needs a string, array or object');
  },
  createarray: (args) => args,
  createobject: (args, scope) => {
    if (args.length % 2 !== 0) fail(scope, 'createObject() needs name/value pairs');
    const object: TemplateObject = {};
    for (let index = 0; index < args.length; index += 2) {
      object[asString(args[index], scope, 'createObject() property name')] = args[index + 1] ?? null;
    }
    return object;
  },
  concat: (args) => {
    if (args.length > 0 && args.every((arg) => Array.isArray(arg) || isRuntime(arg))) {
      const runtime = args.find(isRuntime);
      if (runtime) return new RuntimeValue(`concat(${runtime.origin})`);
      return (args as TemplateValue[][]).flat(1);
    }
    const runtime = args.find(isRuntime);
    if (runtime) return new RuntimeValue(`concat(${runtime.origin})`);
    return args.map((arg) => toArmString(arg)).join('');
  },
  format: ([template, ...values], scope) => formatString(asString(template, scope, 'format()'), values, scope),
  string: ([value = null]) => toArmString(value),
  split: ([text, delimiter], scope) => {
    const delimiters = Array.isArray(delimiter)
      ? asStrings(delimiter, scope, 'split()')
      : [asString(delimiter, scope, 'split()')];
    return delimiters.reduce<string[]>(
      (pieces, separator) => pieces.flatMap((piece) => piece.split(separator)),
      [asString(text, scope, 'split()')],
    );
  },
  take: ([value, count], scope) => {
    const taken = Math.max(0, asNumber(count, scope, 'take() count'));
    if (typeof value === 'string' || Array.isArray(value)) return value.slice(0, taken);
    return fail(scope, 'take() needs a string or an array');
  },
  // Of .NET's format strings the templates use yyyy, MM and dd (budget.bicep's start of the month).
  utcnow: ([format], scope) => {
    if (!scope.where.startsWith("parameter '")) throw templateFunctionMisplaced('utcNow', scope.where);
    return formatUtc(
      new Date(),
      format === undefined ? 'yyyyMMddTHHmmssZ' : asString(format, scope, 'utcNow() format'),
    );
  },
  guid: (args, scope) => standInGuid(asStrings(args, scope, 'guid()')),
  uniquestring: (args, scope) => standInUniqueString(asStrings(args, scope, 'uniqueString()')),
  subscription: (_args, { deployment }) => ({
    id: subscriptionScopeId(deployment.subscriptionId),
    subscriptionId: deployment.subscriptionId,
    tenantId: deployment.tenantId,
  }),
  resourcegroup: (_args, scope) => {
    const { resourceGroup, subscriptionId } = scope.deployment;
    if (!resourceGroup) return fail(scope, 'resourceGroup() is only available in a resource-group deployment');
    return {
      id: resourceGroupScopeId(subscriptionId, resourceGroup.name),
      name: resourceGroup.name,
      type: 'Microsoft.Resources/resourceGroups',
      location: resourceGroup.location,
    };
  },
  deployment: (_args, { deployment }) => ({ name: deployment.deploymentName, location: deployment.location }),
  resourceid: resourceIdFunction,
  subscriptionresourceid: (args, scope) => {
    const strings = asStrings(args, scope, 'subscriptionResourceId()');
    const typeIndex = strings[0]?.includes('/') ? 0 : 1;
    const subscriptionId = typeIndex === 1 ? (strings[0] ?? '') : scope.deployment.subscriptionId;
    const [type = '', ...names] = strings.slice(typeIndex);
    return buildId(scope, subscriptionScopeId(subscriptionId), type, names);
  },
  extensionresourceid: (args, scope) => {
    const [scopeId = '', type = '', ...names] = asStrings(args, scope, 'extensionResourceId()');
    return buildId(scope, scopeId, type, names);
  },
  reference: ([id, , mode], scope) => {
    if (isRuntime(id)) return new RuntimeValue(`reference(${id.origin})`);
    const full = typeof mode === 'string' && mode.toLowerCase() === 'full';
    return scope.reference(asString(id, scope, 'reference()'), full);
  },
};
