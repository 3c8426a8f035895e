// Sends one of the plan editor's writes (online only) and tells the screen what came back: the
// typed outcome, "no connection" (nothing was sent, the form keeps what was typed), or a message.
import type { OperationResult } from '@urql/core';
import { classifyError } from '$lib/graphql/errors';
import { failureMessage } from '$lib/i18n/failure';
import { m } from '$lib/paraglide/messages';

export type Sent<T> =
  | { kind: 'outcome'; outcome: T }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string };

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

export async function send<D, T>(
  run: () => Promise<OperationResult<D>>,
  pick: (data: D) => T | null | undefined,
): Promise<Sent<T>> {
  if (offline()) return { kind: 'offline' };
  let result: OperationResult<D>;
  try {
    result = await run();
  } catch {
    return { kind: 'offline' };
  }
  if (result.error) {
    const failure = classifyError(result.error);
    return failure === 'network' ? { kind: 'offline' } : { kind: 'failed', message: failureMessage(failure) };
  }
  const outcome = result.data ? pick(result.data) : null;
  return outcome ? { kind: 'outcome', outcome } : { kind: 'failed', message: m.load_failed() };
}

/** The message of a typed error outcome (ValidationError, ForbiddenError, …). */
export function outcomeMessage(outcome: unknown): string {
  return outcome && typeof outcome === 'object' && 'message' in outcome && typeof outcome.message === 'string'
    ? outcome.message
    : m.load_failed();
}
