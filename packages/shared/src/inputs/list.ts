import { accept, reject, type Parser } from './parser.js';

/**
 * `lines` for values that may themselves hold commas (URLs, HTTP headers);
 * `lines-or-commas` for short tokens, where `a, b` on one line is the natural way to write it.
 */
export type ListSeparator = 'lines' | 'lines-or-commas';

const SEPARATORS: Record<ListSeparator, RegExp> = { lines: /\r?\n/, 'lines-or-commas': /\r?\n|,/ };
const WORDING: Record<ListSeparator, string> = {
  lines: 'one per line',
  'lines-or-commas': 'separated by commas or new lines',
};

/** One or more items; each is trimmed, blanks are dropped, and every item must parse. */
export function list<T>(item: Parser<T>, separator: ListSeparator): Parser<T[]> {
  const expected = `one or more of: ${item.expected}, ${WORDING[separator]}`;
  return {
    expected,
    parse(raw) {
      const texts = raw
        .split(SEPARATORS[separator])
        .map((text) => text.trim())
        .filter((text) => text !== '');
      if (texts.length === 0) return reject(expected);
      const values: T[] = [];
      for (const text of texts) {
        const parsed = item.parse(text);
        if (!parsed.ok) return reject(`${expected} ('${text}' is not ${parsed.expected})`);
        values.push(parsed.value);
      }
      return accept(values);
    },
  };
}
