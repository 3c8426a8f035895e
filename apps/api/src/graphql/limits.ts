import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';

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
