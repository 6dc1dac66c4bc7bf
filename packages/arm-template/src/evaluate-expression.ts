import { callArmFunction } from './arm-functions.js';
import { parseTemplateString, type Expression } from './arm-expression.js';
import type { EvaluationScope } from './deployment-scope.js';
import { templateEvaluationFailed, templateFunctionUnsupported } from './template-errors.js';
import {
  RuntimeValue,
  getProperty,
  isRuntime,
  isTemplateObject,
  type TemplateObject,
  type TemplateValue,
} from './template-value.js';

/** Evaluates a template JSON value: expressions in strings, property loops (`copy` arrays) in objects. */
export function evaluateTemplateValue(value: unknown, scope: EvaluationScope): TemplateValue {
  if (typeof value === 'string') {
    const parsed = parseTemplateString(value);
    return parsed.kind === 'literal' ? parsed.value : evaluateExpression(parsed.expression, scope);
  }
  if (Array.isArray(value)) return value.map((item) => evaluateTemplateValue(item, scope));
  if (typeof value === 'object' && value !== null) {
    const object: TemplateObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'copy' && Array.isArray(item)) {
        Object.assign(object, evaluatePropertyLoops(item, scope));
      } else {
        object[key] = evaluateTemplateValue(item, scope);
      }
    }
    return object;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  throw templateEvaluationFailed(scope.where, `unexpected JSON value ${String(value)}`);
}

interface PropertyLoop {
  name: string;
  count: unknown;
  input: unknown;
}

/** `"copy": [{ "name": "ipRules", "count": n, "input": ... }]` builds the array property ipRules. */
function evaluatePropertyLoops(loops: unknown[], scope: EvaluationScope): TemplateObject {
  const object: TemplateObject = {};
  for (const loop of loops as PropertyLoop[]) {
    const count = evaluateTemplateValue(loop.count, scope);
    if (isRuntime(count)) {
      object[loop.name] = new RuntimeValue(`${loop.name} (loop count ${count.origin})`);
      continue;
    }
    if (typeof count !== 'number')
      throw templateEvaluationFailed(scope.where, `copy '${loop.name}' needs a numeric count`);
    object[loop.name] = Array.from({ length: count }, (_, index) =>
      evaluateTemplateValue(loop.input, withCopyIndex(scope, loop.name, index)),
    );
  }
  return object;
}

/** A scope in which copyIndex(loopName) — and copyIndex() when loopName is undefined — is `index`. */
export function withCopyIndex(
  scope: EvaluationScope,
  loopName: string | undefined,
  index: TemplateValue,
): EvaluationScope {
  return {
    deployment: scope.deployment,
    where: scope.where,
    parameter: (name) => scope.parameter(name),
    variable: (name) => scope.variable(name),
    reference: (id, full) => scope.reference(id, full),
    copyIndex: (name) => (name === loopName ? index : scope.copyIndex(name)),
  };
}

export function evaluateExpression(expression: Expression, scope: EvaluationScope): TemplateValue {
  switch (expression.kind) {
    case 'string':
    case 'number':
      return expression.value;
    case 'property':
      return accessProperty(evaluateExpression(expression.target, scope), expression.name, scope);
    case 'index':
      return accessIndex(
        evaluateExpression(expression.target, scope),
        evaluateExpression(expression.index, scope),
        scope,
      );
    case 'call':
      return evaluateCall(expression.name, expression.args, scope);
  }
}

function evaluateCall(name: string, args: Expression[], scope: EvaluationScope): TemplateValue {
  const lowerName = name.toLowerCase();
  // ARM evaluates only the branch if() takes, and and()/or() stop at their first deciding argument.
  if (lowerName === 'if') {
    const [condition, whenTrue, whenFalse] = args;
    if (!condition || !whenTrue || !whenFalse)
      throw templateEvaluationFailed(scope.where, 'if() needs three arguments');
    const decided = evaluateExpression(condition, scope);
    if (isRuntime(decided)) return new RuntimeValue(`if(${decided.origin})`);
    return evaluateExpression(decided === true ? whenTrue : whenFalse, scope);
  }
  if (lowerName === 'and' || lowerName === 'or') {
    const deciding = lowerName === 'or';
    for (const arg of args) {
      const value = evaluateExpression(arg, scope);
      if (isRuntime(value)) return new RuntimeValue(`${name}(${value.origin})`);
      if (value === deciding) return deciding;
    }
    return !deciding;
  }
  const values = args.map((arg) => evaluateExpression(arg, scope));
  const result = callArmFunction(name, values, scope);
  if (result === undefined) throw templateFunctionUnsupported(name, scope.where);
  return result;
}

function accessProperty(target: TemplateValue, name: string, scope: EvaluationScope): TemplateValue {
  if (isRuntime(target)) return new RuntimeValue(`${target.origin}.${name}`);
  if (!isTemplateObject(target)) {
    throw templateEvaluationFailed(scope.where, `property '${name}' read from a value that is not an object`);
  }
  const value = getProperty(target, name);
  if (value === undefined) throw templateEvaluationFailed(scope.where, `the object has no property '${name}'`);
  return value;
}

function accessIndex(target: TemplateValue, index: TemplateValue, scope: EvaluationScope): TemplateValue {
  if (isRuntime(target)) return new RuntimeValue(`${target.origin}[${String(index)}]`);
  if (isRuntime(index)) return new RuntimeValue(`element ${index.origin}`);
  if (Array.isArray(target) && typeof index === 'number') {
    const item = target[index];
    if (item === undefined)
      throw templateEvaluationFailed(scope.where, `index ${index} is outside an array of ${target.length}`);
    return item;
  }
  if (typeof index === 'string') return accessProperty(target, index, scope);
  throw templateEvaluationFailed(scope.where, `cannot index ${JSON.stringify(target)} with ${JSON.stringify(index)}`);
}
