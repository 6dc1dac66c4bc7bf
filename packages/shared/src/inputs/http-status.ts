import { accept, reject, type Parser } from './parser.js';

const EXPECTED =
  'HTTP status codes from 100 to 599 or classes such as 2xx, separated by commas (e.g. 200, 200,204 or 2xx)';

/** A status code (`204`) or a class of them (`2xx`), as written by the user. */
export type StatusPattern = string;

const CODE = /^[1-5]\d\d$/;
const STATUS_CLASS = /^[1-5]xx$/;

/** Which statuses count as success: `200`, `200,204`, `2xx`, `200, 3xx`. */
export const httpStatuses: Parser<StatusPattern[]> = {
  expected: EXPECTED,
  parse(raw) {
    const patterns = raw
      .split(/[\s,]+/)
      .filter((text) => text !== '')
      .map((text) => text.toLowerCase());
    const valid = patterns.length > 0 && patterns.every((p) => CODE.test(p) || STATUS_CLASS.test(p));
    return valid ? accept(patterns) : reject(EXPECTED);
  },
};

export function statusMatches(patterns: readonly StatusPattern[], status: number): boolean {
  return patterns.some((pattern) =>
    STATUS_CLASS.test(pattern) ? Math.floor(status / 100) === Number(pattern[0]) : Number(pattern) === status,
  );
}
