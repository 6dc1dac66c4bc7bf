import { InputError, invalidInputs } from '../errors.js';
import type { InputReader } from '../io/action-io.js';
import type { Parser } from './parser.js';

/** How an input may be absent: never, in favour of its default, or altogether. */
export type Presence = 'required' | 'defaulted' | 'optional';

export interface InputSpec<T, P extends Presence = Presence> {
  readonly parser: Parser<T>;
  readonly presence: P;
  readonly description: string;
  /** The default exactly as action.yml writes it; parsed like user text. */
  readonly default?: string;
  /** Credentials: a rejected value is not echoed back in the error. */
  readonly sensitive?: boolean;
}

export function required<T>(parser: Parser<T>, description: string): InputSpec<T, 'required'> {
  return { parser, presence: 'required', description };
}

export function withDefault<T>(
  parser: Parser<T>,
  defaultValue: string,
  description: string,
): InputSpec<T, 'defaulted'> {
  return { parser, presence: 'defaulted', description, default: defaultValue };
}

export function optional<T>(
  parser: Parser<T>,
  description: string,
  options: { sensitive?: boolean } = {},
): InputSpec<T, 'optional'> {
  return { parser, presence: 'optional', description, sensitive: options.sensitive };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the value type varies per input
type AnySpec = InputSpec<any>;
export type InputSpecs = Record<string, AnySpec>;

/** `max-error-rate` → `maxErrorRate`: inputs are kebab-case in YAML, values camelCase in code. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

export type InputValues<S extends InputSpecs> = {
  [K in keyof S & string as CamelCase<K>]: S[K] extends InputSpec<infer T, infer P>
    ? P extends 'optional'
      ? T | undefined
      : T
    : never;
};

/** One entry of action.yml's `inputs:` map. */
export interface ActionYamlInput {
  description: string;
  required: boolean;
  default?: string;
}

export interface InputSchema<S extends InputSpecs> {
  readonly specs: S;
  /** Reads and parses every input; throws one error listing every bad input. */
  read(reader: InputReader): InputValues<S>;
  /** The inputs as action.yml declares them, so a test can hold the two together. */
  actionYamlInputs(): Record<string, ActionYamlInput>;
}

export function defineInputs<S extends InputSpecs>(specs: S): InputSchema<S> {
  return {
    specs,
    read(reader) {
      const values: Record<string, unknown> = {};
      const problems: InputError[] = [];
      for (const [name, spec] of Object.entries(specs)) {
        const raw = reader.get(name) ?? spec.default;
        if (raw === undefined) {
          if (spec.presence === 'required')
            problems.push(new InputError(name, undefined, `${spec.parser.expected} (this input is required)`));
          values[camelCase(name)] = undefined;
          continue;
        }
        const parsed = spec.parser.parse(raw);
        if (parsed.ok) values[camelCase(name)] = parsed.value;
        else problems.push(new InputError(name, spec.sensitive ? '***' : raw, parsed.expected));
      }
      if (problems.length > 0) throw invalidInputs(problems);
      return values as InputValues<S>;
    },
    actionYamlInputs() {
      return Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [
          name,
          {
            description: spec.description,
            required: spec.presence === 'required',
            ...(spec.default === undefined ? {} : { default: spec.default }),
          },
        ]),
      );
    },
  };
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
