import { accept, reject, type Parser } from './parser.js';

const EXPECTED = 'a dotted JSON field path such as version or build.version';
const DOTTED = /^[^.\s]+(?:\.[^.\s]+)*$/;

/** A path into a JSON body, `version` or `build.info.version`, returned as its segments. */
export const dottedPath: Parser<string[]> = {
  expected: EXPECTED,
  parse(raw) {
    const text = raw.trim();
    return DOTTED.test(text) ? accept(text.split('.')) : reject(EXPECTED);
  },
};
