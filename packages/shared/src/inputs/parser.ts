/**
 * A parser turns the text a user wrote into a typed value, or says what it expected instead.
 * It never names the input: the schema does, so one parser serves many inputs.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

export interface Parser<T> {
  /** What the parser accepts, worded to follow "expected ". */
  readonly expected: string;
  parse(raw: string): Parsed<T>;
}

export function accept<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function reject<T>(expected: string): Parsed<T> {
  return { ok: false, expected };
}
