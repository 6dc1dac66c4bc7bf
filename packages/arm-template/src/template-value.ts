/**
 * A value a template expression evaluates to offline. Most of our templates' values are known before deployment
 * (parameters, variables, names, literals); what Azure only knows while deploying — `reference()` to a resource's
 * runtime properties, a principal ID, a host name — is a RuntimeValue that says where it comes from.
 */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | TemplateObject | RuntimeValue;
export interface TemplateObject {
  [key: string]: TemplateValue;
}

export class RuntimeValue {
  constructor(readonly origin: string) {}

  toString(): string {
    return `<known at deployment: ${this.origin}>`;
  }
}

export function isRuntime(value: TemplateValue | undefined): value is RuntimeValue {
  return value instanceof RuntimeValue;
}

export function isTemplateObject(value: TemplateValue | undefined): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RuntimeValue);
}

/** ARM property names are case-insensitive: `ConnectionString` and `connectionString` are the same property. */
export function getProperty(object: TemplateObject, name: string): TemplateValue | undefined {
  if (name in object) return object[name];
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** Follows a dotted path (`properties.siteConfig.minTlsVersion`); undefined where a step is missing. */
export function valueAt(value: TemplateValue | undefined, path: string): TemplateValue | undefined {
  let current = value;
  for (const step of path.split('.')) {
    if (isRuntime(current)) return new RuntimeValue(`${current.origin}.${step}`);
    if (!isTemplateObject(current)) return undefined;
    current = getProperty(current, step);
  }
  return current;
}

export function describeValue(value: TemplateValue | undefined): string {
  if (value === undefined) return 'not set';
  if (isRuntime(value)) return value.toString();
  return JSON.stringify(value);
}
