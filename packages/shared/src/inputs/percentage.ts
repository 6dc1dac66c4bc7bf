import { accept, reject, type Parser } from './parser.js';

const EXPECTED = 'a percentage from 0% to 100%, such as 5% or 0.5%';
const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * A percentage from 0% to 100%, returned as the number before the sign (`2.5%` → 2.5).
 * The `%` is required: a bare `5` reads as 5% to some and `0.05` as 5% to others, and a
 * threshold silently 100x too loose is worse than one more character in the workflow.
 */
export const percentage: Parser<number> = {
  expected: EXPECTED,
  parse(raw) {
    const text = raw.trim();
    if (BARE_NUMBER.test(text))
      return reject(`a percentage with a % sign, such as ${text}% (a bare number is ambiguous)`);
    const match = PERCENT.exec(text);
    const value = match ? Number(match[1]) : Number.NaN;
    return value >= 0 && value <= 100 ? accept(value) : reject(EXPECTED);
  },
};
