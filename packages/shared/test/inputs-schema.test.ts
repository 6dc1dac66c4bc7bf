import { describe, expect, it } from '@jest/globals';
import { AugeoError, InputError } from '@augeo/shared/errors';
import { duration } from '@augeo/shared/inputs/duration';
import { integer } from '@augeo/shared/inputs/integer';
import { defineInputs, optional, required, withDefault } from '@augeo/shared/inputs/schema';
import { text } from '@augeo/shared/inputs/text';
import { createMemoryIO } from '@augeo/shared/io/memory-io';

const schema = defineInputs({
  'app-name': required(text, 'The app.'),
  'max-p95': withDefault(duration({ minMs: 1 }), '500ms', 'Latency bound.'),
  retries: withDefault(integer({ min: 0, max: 5 }), '2', 'Retries.'),
  token: optional(text, 'A token.', { sensitive: true }),
  'pin-count': optional(integer({ min: 1 }), 'Pins.'),
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('input schema', () => {
  it('parses values, applies defaults, and names them in camelCase', () => {
    const values = schema.read(createMemoryIO({ 'app-name': 'api', retries: '4' }).inputs);
    expect(values).toEqual({ appName: 'api', maxP95: 500, retries: 4, token: undefined, pinCount: undefined });
  });

  it('throws the InputError itself when one input is bad', () => {
    const error = thrownBy(() => schema.read(createMemoryIO({ 'app-name': 'api', 'max-p95': 'fast' }).inputs));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('max-p95');
    expect((error as Error).message).toBe(
      "Input 'max-p95' is invalid: got 'fast', expected a duration such as 500ms, 30s, 2m, 1h or 1m30s of at least 1ms.",
    );
  });

  it('collects every bad input into one message, one line each, in declaration order', () => {
    const error = thrownBy(() => schema.read(createMemoryIO({ retries: '9', 'pin-count': '0' }).inputs));
    expect(error).toBeInstanceOf(AugeoError);
    expect((error as Error).message.split('\n')).toEqual([
      '3 inputs are invalid:',
      "- Input 'app-name' is invalid: got nothing, expected some text (this input is required).",
      "- Input 'retries' is invalid: got '9', expected a whole number from 0 to 5.",
      "- Input 'pin-count' is invalid: got '0', expected a whole number of at least 1.",
    ]);
  });

  it('does not echo a sensitive value it refuses', () => {
    const secretSchema = defineInputs({ pin: optional(integer({ min: 0 }), 'A PIN.', { sensitive: true }) });
    const error = thrownBy(() => secretSchema.read(createMemoryIO({ pin: 'hunter2' }).inputs));
    expect((error as Error).message).toBe("Input 'pin' is invalid: got '***', expected a whole number of at least 0.");
  });

  it('emits action.yml inputs entries', () => {
    expect(schema.actionYamlInputs()).toEqual({
      'app-name': { description: 'The app.', required: true },
      'max-p95': { description: 'Latency bound.', required: false, default: '500ms' },
      retries: { description: 'Retries.', required: false, default: '2' },
      token: { description: 'A token.', required: false },
      'pin-count': { description: 'Pins.', required: false },
    });
  });
});
