import { accept, reject, type Parser } from './parser.js';

const WHOLE_NUMBER = /^[+-]?\d+$/;

export interface IntegerBounds {
  min: number;
  max?: number;
}

/** A whole number within bounds; `1.5`, `1e3` and `ten` are refused rather than rounded. */
export function integer({ min, max }: IntegerBounds): Parser<number> {
  const expected = max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return {
    expected,
    parse(raw) {
      const text = raw.trim();
      const value = Number(text);
      const inRange = value >= min && (max === undefined || value <= max);
      return WHOLE_NUMBER.test(text) && Number.isSafeInteger(value) && inRange ? accept(value) : reject(expected);
    },
  };
}
