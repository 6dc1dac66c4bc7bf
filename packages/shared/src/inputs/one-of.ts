import { accept, reject, type Parser } from './parser.js';

/** One of a fixed set of words, matched without regard to case and returned as declared. */
export function oneOf<const T extends string>(choices: readonly T[]): Parser<T> {
  const expected = `one of ${choices.join(', ')}`;
  return {
    expected,
    parse(raw) {
      const wanted = raw.trim().toLowerCase();
      const choice = choices.find((candidate) => candidate.toLowerCase() === wanted);
      return choice === undefined ? reject(expected) : accept(choice);
    },
  };
}
