/**
 * Every error evaluating a template raises, built here. TemplateError carries ARM's code and what to do about it;
 * the policy checks and the provision action turn it into their own error type, the emulator into an ARM error body.
 */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    message: string,
    readonly code: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export function templateExpressionInvalid(expression: string, problem: string): TemplateError {
  return new TemplateError(
    `The template expression ${expression} cannot be parsed: ${problem}.`,
    'InvalidTemplateExpression',
    'Rebuild the template with `bash scripts/bicep.sh build-all`; hand-edited ARM JSON is the usual cause.',
  );
}

export function templateFunctionUnsupported(name: string, where: string): TemplateError {
  return new TemplateError(
    `The template function '${name}' (in ${where}) is not supported by the template evaluator.`,
    'UnsupportedTemplateFunction',
    'The evaluator implements the functions our compiled templates use (packages/arm-template/src/arm-functions.ts). ' +
      'Use a common function instead, or add this one there with a test.',
  );
}

export function templateEvaluationFailed(where: string, problem: string): TemplateError {
  return new TemplateError(
    `The template cannot be evaluated at ${where}: ${problem}.`,
    'InvalidTemplate',
    'Rebuild the template with `bash scripts/bicep.sh build-all` and check the parameters it is given.',
  );
}

export function templateParameterInvalid(name: string, problem: string): TemplateError {
  return new TemplateError(
    `Template parameter '${name}' ${problem}.`,
    'InvalidTemplateParameter',
    'Check that the parameters file was built for this template (bicep build-params) and for this environment.',
  );
}

/** Azure's rule for utcNow() and newGuid(): they run only where a parameter's default value is worked out. */
export function templateFunctionMisplaced(name: string, where: string): TemplateError {
  return new TemplateError(
    `The template function '${name}' is not expected at this location (${where}). The function can only be used with parameter default value.`,
    'InvalidTemplate',
    `Move ${name}() into a parameter's defaultValue and use the parameter instead.`,
  );
}
