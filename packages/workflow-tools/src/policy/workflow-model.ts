import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { asMap, entriesOf, itemsOf, pairOf, textOf, valueOf, type YamlFile } from './yaml-file.js';

/** A workflow job as the rules see it: its mapping, its key (for the line) and its steps. */
export interface JobNode {
  id: string;
  pair: Pair;
  map: YAMLMap;
  steps: StepNode[];
}

export interface StepNode {
  index: number;
  map: YAMLMap;
  id: string | undefined;
  uses: string | undefined;
}

export function rootOf(file: YamlFile): YAMLMap | undefined {
  return asMap(file.doc.contents);
}

export function jobsOf(file: YamlFile): JobNode[] {
  return entriesOf(asMap(valueOf(rootOf(file), 'jobs'))).flatMap(({ key, pair }) => {
    const map = asMap(pair.value);
    if (!map) return [];
    const steps = itemsOf(valueOf(map, 'steps')).flatMap((item, index) =>
      isMap(item) ? [{ index, map: item, id: textOf(valueOf(item, 'id')), uses: textOf(valueOf(item, 'uses')) }] : [],
    );
    return [{ id: key, pair, map, steps }];
  });
}

/** Event names of `on:`, whether it is a string, a list or a mapping. */
export function triggersOf(file: YamlFile): Array<{ name: string; node: unknown }> {
  const on = pairOf(rootOf(file), 'on');
  if (!on) return [];
  if (isScalar(on.value)) return [{ name: String(on.value.value), node: on.value }];
  if (isSeq(on.value)) return on.value.items.map((item) => ({ name: textOf(item) ?? '', node: item }));
  return entriesOf(asMap(on.value)).map(({ key, pair }) => ({ name: key, node: pair.key }));
}

/** The job's `needs:` as a list of job ids. */
export function needsOf(job: JobNode): string[] {
  const needs = valueOf(job.map, 'needs');
  const single = textOf(needs);
  return single !== undefined ? [single] : itemsOf(needs).flatMap((item) => textOf(item) ?? []);
}

/** The `environment:` name as written (an expression stays `${{ … }}`), or undefined. */
export function environmentNameOf(job: JobNode): string | undefined {
  const environment = valueOf(job.map, 'environment');
  return textOf(environment) ?? textOf(valueOf(asMap(environment), 'name'));
}

export function permissionOf(job: JobNode, scope: string): string | undefined {
  return textOf(valueOf(asMap(valueOf(job.map, 'permissions')), scope));
}

/** Jobs that call a reusable workflow: they hold no steps, and GitHub forbids most job keys on them. */
export function callsWorkflow(job: JobNode): boolean {
  return valueOf(job.map, 'uses') !== undefined;
}

/** `with:` of a step, as key → value text. */
export function withOf(step: StepNode): Map<string, { text: string | undefined; pair: Pair }> {
  return new Map(
    entriesOf(asMap(valueOf(step.map, 'with'))).map(({ key, pair }) => [key, { text: textOf(pair.value), pair }]),
  );
}
