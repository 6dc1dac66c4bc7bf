import { accept, type Parser } from './parser.js';

/** Free text, taken as written (the reader has already trimmed it and dropped blanks). */
export const text: Parser<string> = {
  expected: 'some text',
  parse: (raw) => accept(raw),
};
