import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { KpiDefinitionRef } from '../kpis/kpi.graphql.js';
import { PlanRef } from '../plans/plan.graphql.js';
import { PlanActionRef } from '../plans/plan-action.graphql.js';
import { StakeholderRef } from '../stakeholders/stakeholder.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { AuditEntry } from './audit.entity.js';
import {
  type AuditChange,
  type AuditPageRequest,
  auditLog,
  changesOf,
  type HistorySubject,
  historyOf,
  loadAuditEntries,
} from './audit-read.service.js';

const AuditChangeRef = builder.objectRef<AuditChange>('AuditChange').implement({
  description: 'One field an audited change touched, with its value before and after as JSON text.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'The field, e.g. "status"; for KPI values the period start, e.g. "2026-03-01".',
    }),
    before: t.exposeString('before', {
      nullable: true,
      description:
        'The value before, as JSON (e.g. "\\"OPEN\\"", "12.5"); null when the field did not exist.',
    }),
    after: t.exposeString('after', {
      nullable: true,
      description: 'The value after, as JSON; null when the field was removed.',
    }),
  }),
});

export const AuditEntryRef = builder.loadableNode('AuditEntry', {
  description:
    'One recorded change: who made it, when, to what, and each field before and after. Readable ' +
    'under the rules of the account it belongs to (entries outside any account: admins only).',
  id: { resolve: (entry) => entry.id },
  isTypeOf: isEntity('AuditEntry'),
  load: (ids: string[], ctx: Context) => loadAuditEntries(ctx, ids) as Promise<AuditEntry[]>,
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the change was committed.' }),
    actor: t.field({
      type: UserRef,
      nullable: true,
      description:
        'Who made it: null for the command line and system jobs, or a user the caller may not see.',
      // Batched: one query for all the actors of a page.
      resolve: (entry, _args, ctx) => (entry.actor ? UserRef.getDataloader(ctx).load(entry.actor.id) : null),
    }),
    action: t.exposeString('action', {
      description: 'What was done: CREATE, UPDATE, ARCHIVE, STATUS, RECORD, CORRECT, REMOVE…',
    }),
    entityType: t.exposeString('entityType', {
      description:
        'The kind of object changed, e.g. Account, AccountPlan, PlanAction, Stakeholder, KpiDefinition, KpiMeasurement.',
    }),
    entityId: t.exposeString('entityId', {
      description:
        'The database id of the object changed (not a global id); `<definition>:<period>` for single KPI values.',
    }),
    account: t.field({
      type: AccountRef,
      nullable: true,
      description: 'The account the change belongs to, if any (and if the caller may see it).',
      resolve: (entry, _args, ctx) =>
        entry.accountId ? AccountRef.getDataloader(ctx).load(entry.accountId) : null,
    }),
    changes: t.field({
      type: [AuditChangeRef],
      description: 'Each field that changed, before → after; unchanged fields are left out.',
      resolve: (entry) => changesOf(entry),
    }),
  }),
});

// One connection type for every history and the log.
const connectionOptions = builder.connectionObject(
  {
    type: AuditEntryRef,
    name: 'AuditEntryConnection',
    description: 'A page of audit entries, newest first.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many entries match, across all pages.',
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'AuditEntryEdge', description: 'One audit entry of a page, with its cursor.' },
) as never;

const historyDescription = (what: string) =>
  `Changes to ${what}, newest first (who, when, each field before → after); readable by whoever may read it.`;

function historyField<T>(what: string, subject: (parent: T) => HistorySubject) {
  // biome-ignore lint/suspicious/noExplicitAny: the builder's field types differ per parent type
  return (t: any) =>
    t.connection(
      {
        type: AuditEntryRef,
        description: historyDescription(what),
        validate: forwardPageArgs,
        resolve: (parent: T, args: AuditPageRequest, ctx: Context) =>
          orGraphQLError(ctx.locale, async () => toConnection(await historyOf(ctx, subject(parent), args))),
      },
      connectionOptions,
    );
}

builder.objectField(
  AccountRef,
  'history',
  historyField<{ id: string }>('the account itself and its revenue', (a) => ({ kind: 'Account', id: a.id })),
);
builder.objectField(
  PlanRef,
  'history',
  historyField<{ id: string }>('the plan', (p) => ({ kind: 'AccountPlan', id: p.id })),
);
builder.objectField(
  PlanActionRef,
  'history',
  historyField<{ id: string }>('the action', (a) => ({ kind: 'PlanAction', id: a.id })),
);
builder.objectField(
  StakeholderRef,
  'history',
  historyField<{ id: string }>('the stakeholder', (s) => ({ kind: 'Stakeholder', id: s.id })),
);
builder.objectField(
  KpiDefinitionRef,
  'history',
  historyField<{ id: string }>(
    'the KPI definition and its values (old values of corrections and re-sends)',
    (k) => ({
      kind: 'KpiDefinition',
      id: k.id,
    }),
  ),
);

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntryRef,
      description:
        'The audit log, newest first: every entry for admins; for managers the entries of their ' +
        "teams' accounts. KAMs and API tokens get a FORBIDDEN error. A filter on an account the " +
        'caller may not see answers an empty page.',
      authScopes: { signedIn: true },
      args: {
        accountId: t.arg.id({ description: 'Only entries of this account.' }),
        actorId: t.arg.id({ description: 'Only changes made by this user.' }),
        entityType: t.arg.string({
          description: 'Only this kind of object, e.g. "PlanAction" (see AuditEntry.entityType).',
        }),
        from: t.arg({ type: 'DateTime', description: 'Only entries at or after this instant.' }),
        to: t.arg({ type: 'DateTime', description: 'Only entries at or before this instant.' }),
      },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(
            await auditLog(ctx, {
              first: args.first,
              after: args.after,
              accountId: args.accountId ? decodeId(String(args.accountId), 'Account', ['accountId']) : null,
              actorId: args.actorId ? decodeId(String(args.actorId), 'User', ['actorId']) : null,
              entityType: args.entityType,
              from: args.from,
              to: args.to,
            }),
          ),
        ),
    },
    connectionOptions,
  ),
);
