import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { classifyError } from './errors';

describe('classifyError', () => {
  it('recognises an expired or missing session', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Please sign in', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(classifyError(error)).toBe('unauthenticated');
  });

  it('tells a network failure from a server error', () => {
    expect(classifyError(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toBe(
      'network',
    );
    expect(classifyError(new CombinedError({ graphQLErrors: ['Unexpected error.'] }))).toBe('unexpected');
  });
});
