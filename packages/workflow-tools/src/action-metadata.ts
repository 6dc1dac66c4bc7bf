import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionInput {
  required: boolean;
  default: string | undefined;
}

/** What an action.yml declares: read at the time of use, never copied, so checks follow the actions as they change. */
export interface ActionMetadata {
  name: string;
  directory: string;
  inputs: Map<string, ActionInput>;
  outputs: Set<string>;
  using: string | undefined;
  main: string | undefined;
}

interface RawActionYml {
  inputs?: Record<string, { required?: boolean | string; default?: unknown } | null>;
  outputs?: Record<string, unknown>;
  runs?: { using?: string; main?: string };
}

export function readActionMetadata(repoRoot: string, name: string): ActionMetadata | undefined {
  const directory = join(repoRoot, 'actions', name);
  const file = ['action.yml', 'action.yaml'].map((base) => join(directory, base)).find((path) => existsSync(path));
  if (!file) return undefined;
  const raw = (parse(readFileSync(file, 'utf8')) ?? {}) as RawActionYml;
  const inputs = new Map(
    Object.entries(raw.inputs ?? {}).map(([input, spec]) => [
      input,
      {
        required: spec?.required === true || spec?.required === 'true',
        default: spec?.default === undefined || spec.default === null ? undefined : String(spec.default),
      },
    ]),
  );
  return {
    name,
    directory,
    inputs,
    outputs: new Set(Object.keys(raw.outputs ?? {})),
    using: raw.runs?.using,
    main: raw.runs?.main,
  };
}
