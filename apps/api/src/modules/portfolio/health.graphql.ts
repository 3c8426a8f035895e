import { type HealthReason, translate } from '@clave/domain';
import { builder } from '../../graphql/builder.js';
import type { Account } from '../accounts/account.entity.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { type AccountHealth, HEALTH_TREND_DAYS, healthOfAccounts } from './health.service.js';
import {
  type PlanExecution,
  planExecutionOf,
  type VisitCoverage,
  visitCoverageOf,
} from './signals.service.js';

const HealthReasonRef = builder.objectRef<HealthReason>('HealthReason').implement({
  description: 'One reason behind a relationship health score.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. VISIT_OVERDUE or LOW_ACCEPTANCE.' }),
    impact: t.exposeString('impact', {
      description: 'POSITIVE or NEGATIVE: whether it raises or lowers the score.',
    }),
    message: t.string({
      description: 'The reason in the caller language, with its figures.',
      resolve: (reason, _args, ctx) => translate(reason.messageKey, ctx.locale, reason.params),
    }),
  }),
});

const HealthRef = builder.objectRef<AccountHealth>('RelationshipHealth').implement({
  description:
    'How the relationship with the account is doing, 0–100, from visit acceptance (40 %), visit recency against ' +
    'the account cadence (35 %) and execution of the active plan actions (25 %); missing parts re-weight the rest.',
  fields: (t) => ({
    score: t.int({
      nullable: true,
      description: 'The score, 0–100; null with no visits and no due actions.',
      resolve: (h) => h.score,
    }),
    trend: t.int({
      nullable: true,
      description: `Change of the score over the last ${HEALTH_TREND_DAYS} days (positive is better).`,
      resolve: (h) => h.trend,
    }),
    acceptance: t.int({
      nullable: true,
      description: 'Acceptance component, 0–100.',
      resolve: (h) => h.components.acceptance,
    }),
    recency: t.int({
      nullable: true,
      description: 'Visit recency component, 0–100.',
      resolve: (h) => h.components.recency,
    }),
    execution: t.int({
      nullable: true,
      description: 'Action execution component, 0–100.',
      resolve: (h) => h.components.execution,
    }),
    reasons: t.field({
      type: [HealthReasonRef],
      description: 'Why the score is what it is.',
      resolve: (h) => [...h.reasons],
    }),
  }),
});

builder.objectField(AccountRef, 'health', (t) =>
  t.loadable({
    type: HealthRef,
    description: 'Relationship health with its trend and reasons (batched across a page of accounts).',
    // Keyed by the account itself: its cadence is already loaded.
    load: (accounts: Account[], ctx) => healthOfAccounts(ctx.em, accounts),
    resolve: (account) => account,
  }),
);

const PlanExecutionRef = builder.objectRef<PlanExecution>('PlanExecution').implement({
  description: "How the account's ACTIVE plan is being carried out (cancelled actions left out).",
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Actions in the plan.' }),
    done: t.exposeInt('done', { description: 'Actions done.' }),
    open: t.exposeInt('open', { description: 'Actions not done yet.' }),
    overdue: t.exposeInt('overdue', { description: 'Open actions past their due date.' }),
    blocked: t.exposeInt('blocked', { description: 'Actions marked BLOCKED.' }),
    onTimeShare: t.float({
      nullable: true,
      description: 'Share of done actions completed by their due date, 0 to 1; null when none is done.',
      resolve: (e) => e.onTimeShare,
    }),
  }),
});

const VisitCoverageRef = builder.objectRef<VisitCoverage>('VisitCoverage').implement({
  description: 'Days since the last visit against the account visit cadence.',
  fields: (t) => ({
    cadenceDays: t.exposeInt('cadenceDays', { description: 'Expected days between visits.' }),
    lastVisitAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the last visit took place; null when never visited.',
      resolve: (c) => c.lastVisitAt,
    }),
    daysSinceLastVisit: t.int({
      nullable: true,
      description: 'Whole days since the last visit; null when never visited.',
      resolve: (c) => c.daysSinceLastVisit,
    }),
    overdue: t.exposeBoolean('overdue', { description: 'Whether a visit is due: the cadence has passed.' }),
  }),
});

builder.objectFields(AccountRef, (t) => ({
  planExecution: t.loadable({
    type: PlanExecutionRef,
    authScopes: { tokenScope: 'read:plans' },
    description: 'Execution of the active plan: done, open, overdue and blocked actions (batched).',
    load: (ids: string[], ctx) => planExecutionOf(ctx.em, ids),
    resolve: (account) => account.id,
  }),
  visitCoverage: t.loadable({
    type: VisitCoverageRef,
    authScopes: { tokenScope: 'read:visits' },
    description: 'Whether the account is visited as often as its cadence asks (batched).',
    load: (accounts: Account[], ctx) => visitCoverageOf(ctx.em, accounts),
    resolve: (account) => account,
  }),
}));
