import { TemplateError } from '@augeo/arm-template/template-errors';
import { AugeoError } from '../errors.js';

/** A template the evaluator cannot evaluate, as the AugeoError a step prints (message, then what to do). */
export function asTemplateProblem(error: unknown): unknown {
  if (!(error instanceof TemplateError)) return error;
  return new AugeoError(error.message, { code: error.code, hint: error.hint, cause: error });
}
