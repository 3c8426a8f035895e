import type { CombinedError } from '@urql/core';

/** What went wrong with an operation, as far as the screen needs to know. */
export type Failure = 'unauthenticated' | 'network' | 'unexpected';

export function classifyError(error: CombinedError): Failure {
  if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return 'unauthenticated';
  if (error.networkError) return 'network';
  return 'unexpected';
}
