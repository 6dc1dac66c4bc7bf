import { accept, reject, type Parser } from './parser.js';

const EXPECTED = "HTTP headers, one 'Name: value' per line";

export type HttpHeader = readonly [name: string, value: string];

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SENSITIVE_NAME = /auth|token|secret|key|cookie|password|session|credential|signature/i;

/** `Name: value` lines. Values may hold commas and colons, so only new lines separate headers. */
export const httpHeaders: Parser<HttpHeader[]> = {
  expected: EXPECTED,
  parse(raw) {
    const headers: HttpHeader[] = [];
    for (const line of raw.split(/\r?\n/).map((text) => text.trim())) {
      if (line === '') continue;
      const colon = line.indexOf(':');
      const name = line.slice(0, Math.max(colon, 0)).trim();
      if (colon < 0 || !HEADER_NAME.test(name)) return reject(EXPECTED);
      headers.push([name, line.slice(colon + 1).trim()]);
    }
    return headers.length > 0 ? accept(headers) : reject(EXPECTED);
  },
};

/** Headers whose values are credentials by the look of their name: these get masked in the log. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}
