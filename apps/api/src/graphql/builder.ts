import { isMessageKey, type TokenScope, translate } from '@clave/domain';
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { hasScope } from '../modules/auth/viewer.js';
import { MAX_PAGE } from './connection.js';
import type { Context } from './context.js';
import { decodeGlobalIdSafely } from './ids.js';
import { UnitOfWorkPlugin } from './unit-of-work-plugin.js';

/** The token scope a scope-auth failure was about, if it was about one. */
function missingTokenScope(failure: unknown): string | null {
  if (typeof failure !== 'object' || failure === null) return null;
  const f = failure as { scope?: string; parameter?: unknown; failures?: unknown[] };
  if (f.scope === 'tokenScope' && typeof f.parameter === 'string') return f.parameter;
  for (const inner of f.failures ?? []) {
    const found = missingTokenScope(inner);
    if (found) return found;
  }
  return null;
}

/** At most this many ids per `nodes(ids:)` call, the same bound as a page of a connection. */
const MAX_NODES = 100;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Setup only: plugins, scalars and conventions. Types live in the modules' *.graphql.ts files. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { signedIn: boolean; admin: boolean; tokenScope: TokenScope };
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    RelayPlugin,
    DataloaderPlugin,
    ComplexityPlugin,
    ValidationPlugin,
    UnitOfWorkPlugin.pluginName,
  ],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      admin: ctx.viewer?.actor.role === 'ADMIN',
      // Sessions have every scope; API tokens only the ones they were created with.
      tokenScope: (scope: TokenScope) => hasScope(ctx.viewer, scope),
    }),
    unauthorizedError: (_parent, ctx, _info, result) => {
      if (!ctx.viewer) {
        return new GraphQLError(translate('unauthenticated', ctx.locale), {
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      const scope = missingTokenScope(result.failure);
      return scope
        ? new GraphQLError(translate('tokenScopeMissing', ctx.locale, { scope }), {
            extensions: { code: 'FORBIDDEN', scope },
          })
        : new GraphQLError(translate('forbidden', ctx.locale), { extensions: { code: 'FORBIDDEN' } });
    },
  },
  errors: {
    defaultTypes: [],
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  relay: {
    clientMutationId: 'omit',
    decodeGlobalID: decodeGlobalIdSafely,
    cursorType: 'String',
    nodeQueryOptions: {
      description: 'Fetches any object by its global id; null when it does not exist or may not be seen.',
    },
    nodesQueryOptions: {
      description:
        'Fetches up to 100 objects by global id; null for each that does not exist or may not be seen.',
      resolve: (_root, args, ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_NODES) {
          throw new GraphQLError(translate('tooManyIds', ctx.locale, { max: MAX_NODES }), {
            extensions: { code: 'VALIDATION' },
          });
        }
        return resolveNodes(args.ids);
      },
    },
  },
  validation: {
    // Argument checks speak the caller's language: their messages are catalog keys.
    validationError: (failure, _args, ctx) => {
      const issues = failure.issues.map((issue) => ({
        path: (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)),
        message: isMessageKey(issue.message)
          ? translate(issue.message, ctx.locale, { max: MAX_PAGE })
          : issue.message,
      }));
      return new GraphQLError(issues.map((i) => i.message).join('; '), {
        extensions: { code: 'VALIDATION', issues },
      });
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 5000, depth: 12, breadth: 300 },
  },
});

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 format with a time zone, e.g. 2026-11-27T09:30:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string');
    return date;
  },
});

builder.queryType({ description: 'Reads. Every list and object is limited to what the caller may see.' });
builder.mutationType({ description: 'Writes. Expected failures come back as typed results, not errors.' });
