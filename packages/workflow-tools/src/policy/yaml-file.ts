import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Pair, YAMLMap } from 'yaml';

/** A workflow or action.yml parsed with positions, so every finding can name its line. */
export interface YamlFile {
  /** Path relative to the repository root, as findings print it. */
  path: string;
  absolutePath: string;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
}

export function loadYamlFile(absolutePath: string, repoRoot: string): YamlFile {
  const text = readFileSync(absolutePath, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return { path: relative(repoRoot, absolutePath), absolutePath, text, doc, lineCounter };
}

/** 1-based line of a node, a pair (its key) or a source offset. */
export function lineOf(file: YamlFile, at: unknown): number {
  if (typeof at === 'number') return file.lineCounter.linePos(at).line;
  const node = isPair(at) ? at.key : at;
  const offset = isNode(node) ? node.range?.[0] : undefined;
  return offset === undefined ? 1 : file.lineCounter.linePos(offset).line;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

/** The pair of `key` in a mapping (keys are compared as strings). */
export function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

export function valueOf(map: YAMLMap | undefined, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

/** A scalar's value as text (`true` → "true"); undefined for maps, sequences and absent keys. */
export function textOf(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

export function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function entriesOf(map: YAMLMap | undefined): Array<{ key: string; pair: Pair }> {
  return (map?.items ?? [])
    .filter((pair) => isScalar(pair.key))
    .map((pair) => ({ key: String((pair.key as { value: unknown }).value), pair }));
}
