import { randomUUID } from 'node:crypto';
import { EmulatorError } from './errors.js';

/**
 * A fault on a slot's front: its HTTP answers are replaced while it matches. This models an app that
 * is healthy in one slot and fails in another (say, against production's database), which the example
 * app cannot do by itself; tests use it to make production fail only after a swap.
 */
export interface FrontFaultSpec {
  site: string;
  /** The slot whose front answers with the fault; default production. */
  slot?: string;
  resourceGroup?: string;
  /** Only while the slot serves an image matching this glob (e.g. `augeo/api:2.1.0`); default any. */
  image?: string;
  /** A regular expression tested against the request path; default every path. */
  path?: string;
  /** The status answered instead of the app's. */
  status: number;
  /** How many requests it applies to; default every matching request until cleared. */
  times?: number;
}

interface ArmedFrontFault {
  id: string;
  spec: FrontFaultSpec;
  path: RegExp | undefined;
  image: RegExp | undefined;
  remaining: number;
}

/** Where a request reached: the front of `slot` in `site`, serving `image`. */
export interface FrontRequest {
  site: string;
  resourceGroup: string;
  slot: string;
  image: string;
  path: string;
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export class FrontFaults {
  #faults: ArmedFrontFault[] = [];

  add(spec: FrontFaultSpec): string {
    if (typeof spec.site !== 'string' || !Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) {
      throw new EmulatorError('A front fault needs a site and a status from 100 to 599.');
    }
    let path: RegExp | undefined;
    try {
      path = spec.path === undefined ? undefined : new RegExp(spec.path);
    } catch (error) {
      throw new EmulatorError(
        `The front fault path '${spec.path}' is not a regular expression: ${(error as Error).message}`,
      );
    }
    const id = randomUUID();
    const image = spec.image === undefined ? undefined : glob(spec.image);
    this.#faults.push({ id, spec: { ...spec }, path, image, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The status of the first fault matching this request, consumed once; undefined to serve normally. */
  take(request: FrontRequest): number | undefined {
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const fault = this.#faults.find(
      ({ spec, path, image }) =>
        same(spec.site, request.site) &&
        same(spec.slot ?? 'production', request.slot) &&
        (spec.resourceGroup === undefined || same(spec.resourceGroup, request.resourceGroup)) &&
        (image === undefined || image.test(request.image)) &&
        (path === undefined || path.test(request.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== fault);
    return fault.spec.status;
  }
}
