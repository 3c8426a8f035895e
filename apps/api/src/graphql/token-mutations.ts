import { type TokenScope, translate } from '@clave/domain';
import { GraphQLError, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { hasScope } from '../modules/auth/viewer.js';
import type { Context } from './context.js';

/**
 * The only mutations an API token may call, each with the scope it needs. Everything else
 * (plans, approvals, tokens themselves…) needs a person signed in to the app.
 */
const TOKEN_MUTATIONS: Readonly<Record<string, TokenScope>> = {
  logVisit: 'write:visits',
  recordKpiMeasurements: 'write:kpis',
  recordMonthlyRevenue: 'write:revenue',
  createWebhook: 'write:webhooks',
  updateWebhook: 'write:webhooks',
  deleteWebhook: 'write:webhooks',
  rotateWebhookSecret: 'write:webhooks',
  redeliverWebhookDelivery: 'write:webhooks',
};

/** Refuses, before execution, a token request whose mutation fields are not allowed to tokens. */
export function useTokenMutationRules(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Context;
      if (ctx.viewer?.credential.kind !== 'token') return;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      for (const selection of operation.selectionSet.selections) {
        const field = selection.kind === Kind.FIELD ? selection.name.value : '(fragment)';
        const scope = TOKEN_MUTATIONS[field];
        const error = !scope
          ? translate('tokenMutationNotAllowed', ctx.locale, { field })
          : hasScope(ctx.viewer, scope)
            ? null
            : translate('tokenScopeMissing', ctx.locale, { scope });
        if (error) {
          setResultAndStopExecution({
            errors: [
              new GraphQLError(error, { extensions: { code: 'FORBIDDEN', ...(scope ? { scope } : {}) } }),
            ],
          });
          return;
        }
      }
    },
  };
}
