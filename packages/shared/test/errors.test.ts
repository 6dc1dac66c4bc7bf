import { describe, expect, it } from '@jest/globals';
import { AugeoError, InputError, describeError } from '@augeo/shared/errors';

describe('errors', () => {
  it('names the input, what it got and what it accepts', () => {
    const error = new InputError('max-p95', '5 parsecs', 'a duration such as 500ms or 2s');
    expect(error.message).toBe("Input 'max-p95' is invalid: got '5 parsecs', expected a duration such as 500ms or 2s.");
  });

  it('puts the hint and the correlation id on their own lines', () => {
    const error = new AugeoError('Swap failed.', { hint: 'Retry the swap.', correlationId: 'abc-123' });
    expect(describeError(error)).toBe('Swap failed.\nRetry the swap.\nCorrelation id: abc-123');
  });
});
