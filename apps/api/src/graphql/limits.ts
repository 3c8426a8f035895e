import { AsyncLocalStorage } from 'node:async_hooks';
import { type Locale, translate } from '@clave/domain';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { EventSubscriber } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * What one request may ask for. Depth, breadth and cost (with list multipliers) are enforced by
 * Pothos' complexity plugin in builder.ts; these add the checks it lacks, run while validating
 * the document, before anything executes.
 */
export const LIMITS = {
  /** Aliases per operation: enough for a dashboard, too few for an alias flood. */
  aliases: 30,
  /** Lexical tokens per document: the account page is ~200. */
  tokens: 3000,
  directives: 20,
  /** Request body: a 10,000-point KPI feed is ~1 MB. */
  bodyBytes: 4 * 1024 * 1024,
} as const;

export const limitPlugins = () => [
  maxAliasesPlugin({ n: LIMITS.aliases, exposeLimits: true }),
  maxTokensPlugin({ n: LIMITS.tokens, exposeLimits: true }),
  maxDirectivesPlugin({ n: LIMITS.directives, exposeLimits: true }),
];

/**
 * The signal that ends the GraphQL operation being served (aborted when its time is up), for
 * every async step of that request: the executor stops resolving fields, and the database layer
 * refuses to start or commit a transaction once it is aborted.
 */
export const operationDeadline = new AsyncLocalStorage<AbortSignal>();

/**
 * The error a timed-out operation ends with: it names the limit, in the caller's language. The
 * response has no `data`, so GraphQL over HTTP wants a 4xx/5xx status: 503, the server could not
 * finish in time (the caller may retry, e.g. with a smaller page).
 */
export function operationTimeoutError(locale: Locale, ms: number): GraphQLError {
  return new GraphQLError(translate('operationTimeout', locale, { ms }), {
    extensions: { code: 'TIMEOUT', limit: ms, http: { status: 503 } },
  });
}

/**
 * Hands the request's deadline to graphql-yoga's executor — the mechanism its own
 * `useExecutionCancellation` uses for client disconnects: no further resolver runs once it fires,
 * and the operation ends with the signal's reason (operationTimeoutError).
 */
export const useOperationDeadline = (): Plugin => ({
  onExecute({ args }) {
    const signal = operationDeadline.getStore();
    if (signal) (args as { signal?: AbortSignal }).signal = signal;
  },
});

/**
 * Resolvers already running are not interrupted by the executor; this makes sure what they write
 * is all or nothing: a transaction may not begin, nor commit, after its operation's deadline — it
 * is rolled back instead. (Without a deadline in scope, e.g. the command line, it does nothing.)
 */
export const operationDeadlineSubscriber: EventSubscriber = {
  beforeTransactionStart: () => operationDeadline.getStore()?.throwIfAborted(),
  beforeTransactionCommit: () => operationDeadline.getStore()?.throwIfAborted(),
};
