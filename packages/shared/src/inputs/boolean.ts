import { accept, reject, type Parser } from './parser.js';

const EXPECTED = 'true or false (also yes/no, on/off, 1/0)';
const WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  false: false,
  no: false,
  off: false,
  '0': false,
};

/** The spellings YAML users write for a switch, in any case. */
export const boolean: Parser<boolean> = {
  expected: EXPECTED,
  parse(raw) {
    const value = WORDS[raw.trim().toLowerCase()];
    return value === undefined ? reject(EXPECTED) : accept(value);
  },
};
