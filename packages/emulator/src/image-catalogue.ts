import { isAbsolute, resolve } from 'node:path';
import type { CatalogueEntry } from './world.js';

export interface LaunchCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** The image reference inside a linuxFxVersion such as `DOCKER|augeo/api:1.2.3`; undefined when no image is set. */
export function imageOf(linuxFxVersion: string): string | undefined {
  const match = /^DOCKER\|(\S+)$/i.exec(linuxFxVersion);
  return match?.[1];
}

/** The tag of an image reference (`latest` when it has none). */
export function tagOf(image: string): string {
  const name = image.split('@')[0] ?? image;
  const lastColon = name.lastIndexOf(':');
  return lastColon > name.lastIndexOf('/') ? name.slice(lastColon + 1) : 'latest';
}

/** Docker's rule: a first path segment with a dot, a colon or `localhost` is a registry host. */
function withoutRegistry(image: string): string {
  const [first, ...rest] = image.split('/');
  if (rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return rest.join('/');
  return image;
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

/** Finds how to run an image locally; undefined means the image "cannot be pulled". */
export function launchCommandFor(
  catalogue: CatalogueEntry[],
  image: string,
  port: number,
  repoRoot: string,
): LaunchCommand | undefined {
  const entry = catalogue.find(
    (candidate) => globMatches(candidate.image, image) || globMatches(candidate.image, withoutRegistry(image)),
  );
  if (!entry) return undefined;
  const substitute = (text: string) =>
    text
      .replaceAll('{port}', String(port))
      .replaceAll('{tag}', tagOf(image))
      .replaceAll('{image}', image)
      .replaceAll('{node}', process.execPath);
  const cwd = entry.cwd ?? '.';
  return {
    command: substitute(entry.command),
    args: (entry.args ?? []).map(substitute),
    cwd: isAbsolute(cwd) ? cwd : resolve(repoRoot, cwd),
    env: Object.fromEntries(Object.entries(entry.env ?? {}).map(([key, value]) => [key, substitute(value)])),
  };
}
