import { isSecureType, type ArmParameterFile, type ArmTemplate } from '@augeo/arm-template/arm-template';
import { parameterOverrideInvalid, parameterOverrideUnknown } from '../errors.js';
import { accept, reject, type Parser } from '../inputs/parser.js';

/** One `name=value` line of the parameter-overrides input, the value still as written. */
export interface ParameterOverride {
  name: string;
  text: string;
}

// ARM parameter names: a letter or underscore, then letters, digits, underscores, hyphens or dots.
const LINE = /^([A-Za-z_][\w.-]*)\s*=(.*)$/;
const EXPECTED = 'name=value lines, one parameter each, such as `apiContainerImage=augeo/api:1.4.2`';

/** `name=value` per line (the value is everything after the first `=`), blanks skipped, each name once. */
export const parameterOverrides: Parser<ParameterOverride[]> = {
  expected: EXPECTED,
  parse(raw) {
    const overrides: ParameterOverride[] = [];
    const lines = raw.split(/\r?\n/).map((text) => text.trim());
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      // The line itself is not quoted back: its value may be a secret.
      const match = LINE.exec(line);
      if (!match?.[1]) return reject(`${EXPECTED} (line ${index + 1} is not name=value)`);
      const name = match[1];
      if (overrides.some((override) => override.name === name)) return reject(`${EXPECTED} (${name} is set twice)`);
      overrides.push({ name, text: (match[2] ?? '').trim() });
    }
    return overrides.length === 0 ? reject(EXPECTED) : accept(overrides);
  },
};

/** The value a parameter of `type` gets from `text`, or undefined when the text is not one. */
function typedValue(type: string, text: string): unknown {
  switch (type.toLowerCase()) {
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case 'bool':
      return { true: true, false: false }[text.toLowerCase()];
    case 'array':
    case 'object':
    case 'secureobject': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      const isArray = Array.isArray(value);
      const isObject = typeof value === 'object' && value !== null && !isArray;
      return (type.toLowerCase() === 'array' ? isArray : isObject) ? value : undefined;
    }
    default:
      return text;
  }
}

/**
 * The parameters file with the overrides applied, each value typed as the template declares its parameter. Runs
 * before anything in Azure is called: a name the template does not declare, or a value of the wrong type, is an
 * InputError on parameter-overrides. Also says which of them are secure parameters, whose values the log must mask.
 */
export function applyParameterOverrides(
  template: ArmTemplate,
  parameters: ArmParameterFile,
  overrides: ParameterOverride[],
): { parameters: ArmParameterFile; secure: string[] } {
  const declared = template.parameters ?? {};
  const applied = { ...parameters, parameters: { ...parameters.parameters } };
  const secure: string[] = [];
  for (const { name, text } of overrides) {
    const definition = declared[name];
    if (!definition) throw parameterOverrideUnknown(name, Object.keys(declared));
    const isSecure = isSecureType(definition.type);
    const value = typedValue(definition.type, text);
    if (value === undefined) throw parameterOverrideInvalid(name, isSecure ? '***' : text, definition.type);
    if (isSecure) secure.push(name);
    applied.parameters[name] = { value };
  }
  return { parameters: applied, secure };
}
