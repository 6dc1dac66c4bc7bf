import type { ArmParameterFile } from './arm-template.js';
import { RuntimeValue, type TemplateValue } from './template-value.js';

/**
 * The values of a parameters file, ready for the evaluator. Parameters files hold plain JSON values (ARM evaluates
 * no expression in them); a Key Vault reference is resolved by ARM at deployment, so offline it is a secret we do
 * not know.
 */
export function parameterFileValues(file: ArmParameterFile): Record<string, TemplateValue> {
  return Object.fromEntries(
    Object.entries(file.parameters ?? {}).map(([name, parameter]) => [
      name,
      parameter.reference === undefined
        ? (parameter.value as TemplateValue)
        : new RuntimeValue(`Key Vault reference for parameter ${name}`),
    ]),
  );
}
