import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { expressionFailed } from '../errors.js';

/**
 * What the status functions answer from: the job's needs (job `if:`) or its steps so far (step `if:`). `skipped` is a
 * need that did not run: then neither success() nor failure() holds.
 */
export type Status = 'success' | 'failure' | 'cancelled' | 'skipped';

export type Contexts = Record<string, unknown>;

/** success(), failure(), always() and cancelled() are the runner's, not @actions/expressions'. */
function statusFunctions(status: Status): FunctionDefinition[] {
  const answer: Record<string, boolean> = {
    success: status === 'success',
    failure: status === 'failure',
    cancelled: status === 'cancelled',
    always: true,
  };
  return Object.entries(answer).map(([name, value]) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  }));
}

function evaluateData(expression: string, contexts: Contexts, status: Status, where: string): data.ExpressionData {
  try {
    const functions = statusFunctions(status);
    const ast = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), functions).parse();
    const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
    return new Evaluator(ast, context, new Map(functions.map((fn) => [fn.name, fn]))).evaluate();
  } catch (error) {
    throw expressionFailed(expression, where, error);
  }
}

/** The value of an expression (without `${{ }}`) as plain JSON: string, number, boolean, null, array or object. */
export function evaluate(expression: string, contexts: Contexts, status: Status, where: string): unknown {
  return JSON.parse(JSON.stringify(evaluateData(expression, contexts, status, where), data.replacer)) as unknown;
}

/** An `if:` condition: truthy as GitHub coerces it. */
export function evaluateCondition(expression: string, contexts: Contexts, status: Status, where: string): boolean {
  return truthy(evaluateData(expression, contexts, status, where));
}

/** How the runner turns a value into the text of an input, an env variable or an output. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
