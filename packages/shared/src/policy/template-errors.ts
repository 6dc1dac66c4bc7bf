import { AugeoError } from '../errors.js';

/**
 * The errors reading an ARM template shows users. They build on AugeoError from ../errors.ts so they print the same
 * way (message, then what to do); they live here because this folder is the only one that raises them.
 */

export function templateExpressionInvalid(expression: string, problem: string): AugeoError {
  return new AugeoError(`The template expression ${expression} cannot be parsed: ${problem}.`, {
    code: 'InvalidTemplateExpression',
    hint: 'Rebuild the template with `bash scripts/bicep.sh build-all`; hand-edited ARM JSON is the usual cause.',
  });
}

export function templateFunctionUnsupported(name: string, where: string): AugeoError {
  return new AugeoError(`The template function '${name}' (in ${where}) is not supported by the offline evaluator.`, {
    code: 'UnsupportedTemplateFunction',
    hint:
      'The evaluator implements the functions our compiled templates use (packages/shared/src/policy/arm-functions.ts). ' +
      'Use a common function instead, or add this one there with a test.',
  });
}

export function templateEvaluationFailed(where: string, problem: string): AugeoError {
  return new AugeoError(`The template cannot be evaluated at ${where}: ${problem}.`, {
    code: 'InvalidTemplate',
    hint: 'Rebuild the template with `bash scripts/bicep.sh build-all` and check the parameters it is given.',
  });
}

export function templateParameterInvalid(name: string, problem: string): AugeoError {
  return new AugeoError(`Template parameter '${name}' ${problem}.`, {
    code: 'InvalidTemplateParameter',
    hint: 'Check that the parameters file was built for this template (bicep build-params) and for this environment.',
  });
}
