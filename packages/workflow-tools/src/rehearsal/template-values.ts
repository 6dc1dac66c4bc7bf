import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { evaluate, type Contexts, type Status } from './expressions.js';

/** The value a template token stands for: expressions evaluated, mappings and sequences walked. */
export function templateValue(
  token: TemplateToken | undefined,
  contexts: Contexts,
  where: string,
  status: Status = 'success',
): unknown {
  if (token === undefined) return undefined;
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, status, where);
  if (isString(token)) return token.value;
  if (isNumber(token) || isBoolean(token)) return token.value;
  if (isSequence(token)) return [...token].map((item) => templateValue(item, contexts, where, status));
  if (isMapping(token)) {
    return Object.fromEntries(
      [...token].map((pair) => [
        String(pair.key),
        templateValue(pair.value, contexts, `${where}.${String(pair.key)}`, status),
      ]),
    );
  }
  return null;
}

/** A child of a mapping token, by key. */
export function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token !== undefined && isMapping(token) ? token.find(key) : undefined;
}
