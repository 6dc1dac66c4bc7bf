import { accept, reject, type Parser } from './parser.js';

const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** One `NAME=value` line of build-time environment. */
export const environmentAssignment: Parser<[string, string]> = {
  expected: 'NAME=value (NAME of letters, digits and _)',
  parse(raw) {
    const match = VARIABLE.exec(raw.trim());
    return match ? accept([match[1] ?? '', match[2] ?? '']) : reject(environmentAssignment.expected);
  },
};
