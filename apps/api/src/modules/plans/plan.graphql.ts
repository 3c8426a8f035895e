import {
  monthsRemaining,
  type OBJECTIVE_STATUSES,
  type PLAN_STATUSES,
  type PlanHorizon,
  type PlanPeriod,
  planHorizon,
  planPeriods,
} from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { KpiDefinitionRef } from '../kpis/kpi.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import { loadObjectives, objectivesByPlan } from './objective.service.js';
import type { AccountPlan, Objective, PlanRevenueTarget } from './plan.entity.js';
import {
  activatePlan,
  activePlanByAccount,
  closePlan,
  createPlan,
  loadPlans,
  plansByAccount,
  rollPlan,
  targetsByPlan,
  updatePlan,
} from './plan.service.js';
import { todayIso } from './plan-access.js';

/** Drops the keys given as null (GraphQL's "not given"), except those where null means "clear". */
export function compact(input: object, keepNull: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value !== undefined && (value !== null || keepNull.includes(key)),
    ),
  );
}

export const PlanStatusEnum = builder.enumType('AccountPlanStatus', {
  description: 'DRAFT while being prepared, ACTIVE (at most one per account), CLOSED once replaced or ended.',
  values: {
    DRAFT: { description: 'Being prepared; may be edited, not yet the account plan in force.' },
    ACTIVE: { description: "The account's plan in force; at most one per account." },
    CLOSED: { description: 'History: readable, no longer changes.' },
  } satisfies Record<(typeof PLAN_STATUSES)[number], { description: string }>,
});

export const ObjectiveStatusEnum = builder.enumType('ObjectiveStatus', {
  description: 'Whether an objective is still pursued.',
  values: {
    OPEN: { description: 'Being pursued; carried over when the plan is rolled.' },
    ACHIEVED: { description: 'Reached.' },
    DROPPED: { description: 'Given up or no longer relevant.' },
  } satisfies Record<(typeof OBJECTIVE_STATUSES)[number], { description: string }>,
});

const PeriodKindEnum = builder.enumType('PlanPeriodKind', {
  description: 'How to split a plan horizon into periods.',
  values: {
    MONTH: { description: 'Calendar months.' },
    QUARTER: { description: 'Calendar quarters (the first and last may be partial).' },
  },
});

const HorizonRef = builder.objectRef<PlanHorizon>('PlanHorizon').implement({
  description: "A plan's horizon: whole calendar months from its start month.",
  fields: (t) => ({
    start: t.exposeString('start', { description: 'First day of the start month, YYYY-MM-DD.' }),
    end: t.exposeString('end', { description: 'Last day of the last month, YYYY-MM-DD (inclusive).' }),
    months: t.exposeInt('months', { description: 'Length in months.' }),
  }),
});

const PeriodRef = builder.objectRef<PlanPeriod>('PlanPeriod').implement({
  description: 'A calendar month or quarter of a plan horizon, clipped to it.',
  fields: (t) => ({
    label: t.exposeString('label', { description: "'2026-01' for a month, '2026-Q1' for a quarter." }),
    start: t.exposeString('start', { description: 'First day inside the horizon, YYYY-MM-DD.' }),
    end: t.exposeString('end', { description: 'Last day inside the horizon, YYYY-MM-DD.' }),
    partial: t.exposeBoolean('partial', { description: 'True when the horizon covers only part of it.' }),
  }),
});

const TargetRef = builder.objectRef<PlanRevenueTarget>('PlanRevenueTarget').implement({
  description: 'The revenue a plan aims at in one month: its link to the commercial plan.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The month, YYYY-MM.' }),
    amount: t.exposeFloat('amount', { description: 'Target revenue in the company currency.' }),
  }),
});

export const PlanRef = builder.loadableNode('AccountPlan', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description: 'An account plan: objectives and actions over a horizon, with revenue targets per month.',
  id: { resolve: (plan) => plan.id },
  isTypeOf: isEntity('AccountPlan'),
  load: (ids: string[], ctx: Context) => loadPlans(ctx, ids) as Promise<AccountPlan[]>,
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Name of the plan, e.g. "Plan 2026–2027".' }),
    status: t.field({
      type: PlanStatusEnum,
      description: 'DRAFT, ACTIVE or CLOSED.',
      resolve: (p) => p.status,
    }),
    account: t.field({
      type: AccountRef,
      description: 'The account the plan is for.',
      resolve: (p) => p.account.id as never,
    }),
    startMonth: t.exposeString('startMonth', { description: 'First month of the horizon, YYYY-MM.' }),
    horizonMonths: t.exposeInt('horizonMonths', { description: 'Length of the horizon in months.' }),
    horizon: t.field({
      type: HorizonRef,
      description: 'The horizon as dates.',
      resolve: (p) => planHorizon(p.startMonth, p.horizonMonths),
    }),
    periods: t.field({
      type: [PeriodRef],
      description: 'The months or quarters of the horizon, in order.',
      args: { kind: t.arg({ type: PeriodKindEnum, description: 'Months (default) or quarters.' }) },
      resolve: (p, args) => planPeriods(planHorizon(p.startMonth, p.horizonMonths), args.kind ?? 'MONTH'),
    }),
    monthsRemaining: t.int({
      description: 'Months of the horizon still ahead, counting the current one (0 once it ended).',
      resolve: (p) => monthsRemaining(planHorizon(p.startMonth, p.horizonMonths), todayIso()),
    }),
    companyObjectives: t.exposeString('companyObjectives', {
      description: "Input 1: our company's objectives for the account.",
    }),
    clientNeeds: t.exposeString('clientNeeds', {
      description: "Input 2: the client's needs and objectives.",
    }),
    marketOpportunities: t.exposeString('marketOpportunities', {
      description: 'Input 3: market opportunities.',
    }),
    revenueTargets: t.loadableList({
      type: TargetRef,
      description: 'Revenue target per month, in month order.',
      load: (ids: string[], ctx: Context) => targetsByPlan(ctx.em, ids),
      resolve: (p) => p.id,
    }),
    createdBy: t.field({
      type: UserRef,
      description: 'Who created the plan.',
      resolve: (p) => Reference.create(p.createdBy).loadOrFail({ dataloader: true }),
    }),
    activatedAt: t.expose('activatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it became ACTIVE.',
    }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When it was CLOSED.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the plan was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the plan itself.' }),
    version: t.exposeInt('version', { description: 'Send as expectedVersion when changing the plan.' }),
  }),
});

export const ObjectiveRef = builder.loadableNode('Objective', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description: 'A measurable goal of a plan, optionally tied to a KPI and a target value and date.',
  id: { resolve: (o) => o.id },
  isTypeOf: isEntity('Objective'),
  load: (ids: string[], ctx: Context) => loadObjectives(ctx, ids) as Promise<Objective[]>,
  fields: (t) => ({
    plan: t.field({
      type: PlanRef,
      description: 'The plan it belongs to.',
      resolve: (o) => o.plan.id as never,
    }),
    title: t.exposeString('title', {
      description: 'The goal, e.g. "Lanzar la gama sin lactosa en 120 tiendas".',
    }),
    description: t.exposeString('description', { description: 'Details and how it is measured.' }),
    kpiDefinitionId: t.id({
      nullable: true,
      description: 'Global id of the KpiDefinition that measures it, if any.',
      resolve: (o) => (o.kpiDefinitionId ? encodeGlobalID('KpiDefinition', o.kpiDefinitionId) : null),
    }),
    kpiDefinition: t.field({
      type: KpiDefinitionRef,
      nullable: true,
      description: 'The KPI that measures it, if any (batched).',
      resolve: (o) => o.kpiDefinitionId,
    }),
    targetValue: t.float({
      nullable: true,
      description: 'Target value of the KPI.',
      resolve: (o) => (o.targetValue === null ? null : Number(o.targetValue)),
    }),
    targetDate: t.string({
      nullable: true,
      description: 'When it should be reached, YYYY-MM-DD.',
      resolve: (o) => o.targetDate,
    }),
    status: t.field({
      type: ObjectiveStatusEnum,
      description: 'OPEN, ACHIEVED or DROPPED.',
      resolve: (o) => o.status,
    }),
    version: t.exposeInt('version', { description: 'Send as expectedVersion when changing it.' }),
  }),
});

builder.objectField(PlanRef, 'objectives', (t) =>
  t.loadableList({
    type: ObjectiveRef,
    description: "The plan's objectives, oldest first.",
    load: (ids: string[], ctx: Context) => objectivesByPlan(ctx.em, ids),
    resolve: (p) => p.id,
  }),
);

builder.objectField(PlanRef, 'previousPlan', (t) =>
  t.field({
    type: PlanRef,
    nullable: true,
    description: 'The plan this one was rolled from.',
    resolve: (p) => p.previousPlanId as never,
  }),
);

builder.objectFields(AccountRef, (t) => ({
  activePlan: t.loadable({
    type: PlanRef,
    nullable: true,
    description: 'The ACTIVE account plan, if there is one.',
    load: (ids: string[], ctx: Context) => activePlanByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
  plans: t.loadableList({
    type: PlanRef,
    description: 'Every plan of the account (drafts, the active one, closed ones), newest start first.',
    load: (ids: string[], ctx: Context) => plansByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
}));

const TargetInput = builder.inputType('PlanRevenueTargetInput', {
  description: 'A revenue target for one month of the horizon.',
  fields: (t) => ({
    period: t.string({ required: true, description: 'The month, YYYY-MM, inside the horizon.' }),
    amount: t.float({ required: true, description: 'Target revenue, at most two decimals.' }),
  }),
});

const CreatePlanInput = builder.inputType('CreateAccountPlanInput', {
  description: 'A new plan; it starts as DRAFT.',
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    title: t.string({ required: true, description: 'Name of the plan, 1–200 characters.' }),
    startMonth: t.string({ required: true, description: 'First month, YYYY-MM.' }),
    horizonMonths: t.int({ description: 'Length in months, 1–60 (default 18).' }),
    companyObjectives: t.string({ description: "Our company's objectives for the account." }),
    clientNeeds: t.string({ description: "The client's needs and objectives." }),
    marketOpportunities: t.string({ description: 'Market opportunities.' }),
    revenueTargets: t.field({ type: [TargetInput], description: 'Revenue targets, one per month at most.' }),
  }),
});

const UpdatePlanInput = builder.inputType('UpdateAccountPlanInput', {
  description: 'Only the fields given change; revenueTargets, when given, replaces the whole list.',
  fields: (t) => ({
    expectedVersion: t.int({ required: true, description: 'The version the change is based on.' }),
    title: t.string({ description: 'New name.' }),
    startMonth: t.string({ description: 'New first month, YYYY-MM.' }),
    horizonMonths: t.int({ description: 'New length in months, 1–60.' }),
    companyObjectives: t.string({ description: "Our company's objectives for the account." }),
    clientNeeds: t.string({ description: "The client's needs and objectives." }),
    marketOpportunities: t.string({ description: 'Market opportunities.' }),
    revenueTargets: t.field({ type: [TargetInput], description: 'The complete new list of targets.' }),
  }),
});

const RollPlanInput = builder.inputType('RollPlanInput', {
  description: 'How the next plan starts; everything is optional.',
  fields: (t) => ({
    title: t.string({ description: 'Name of the new plan (default: the same name).' }),
    startMonth: t.string({ description: 'First month, YYYY-MM (default: the month after the old horizon).' }),
    horizonMonths: t.int({ description: 'Length in months (default: as the old plan).' }),
  }),
});

export const PLAN_ERRORS = [...WRITE_ERRORS, ConflictError];

builder.mutationField('createPlan', (t) =>
  t.field({
    type: PlanRef,
    description: 'Creates a DRAFT plan for an account the caller works on.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreatePlanInput, required: true, description: 'The new plan.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) =>
      createPlan(ctx, { ...compact(input), accountId: decodeId(input.accountId, 'Account', ['accountId']) }),
  }),
);

builder.mutationField('updatePlan', (t) =>
  t.field({
    type: PlanRef,
    description: 'Changes a DRAFT or ACTIVE plan; a stale expectedVersion is a ConflictError.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the plan.' }),
      input: t.arg({ type: UpdatePlanInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: PLAN_ERRORS },
    resolve: (_root, { id, input }, ctx) => updatePlan(ctx, decodeId(id, 'AccountPlan'), compact(input)),
  }),
);

const versionArgs = (t: Parameters<Parameters<typeof builder.mutationField>[1]>[0]) => ({
  id: t.arg.id({ required: true, description: 'Global id of the plan.' }),
  expectedVersion: t.arg.int({ required: true, description: 'The version the change is based on.' }),
});

builder.mutationField('activatePlan', (t) =>
  t.field({
    type: PlanRef,
    description:
      "Makes a DRAFT plan the account's ACTIVE plan, closing the plan that was ACTIVE in the same step.",
    authScopes: { signedIn: true },
    args: versionArgs(t),
    errors: { types: PLAN_ERRORS },
    resolve: (_root, { id, expectedVersion }, ctx) =>
      activatePlan(ctx, decodeId(id, 'AccountPlan'), { expectedVersion }),
  }),
);

builder.mutationField('closePlan', (t) =>
  t.field({
    type: PlanRef,
    description: 'Closes a plan; it stays as history. Closing twice is harmless.',
    authScopes: { signedIn: true },
    args: versionArgs(t),
    errors: { types: PLAN_ERRORS },
    resolve: (_root, { id, expectedVersion }, ctx) =>
      closePlan(ctx, decodeId(id, 'AccountPlan'), { expectedVersion }),
  }),
);

builder.mutationField('rollPlan', (t) =>
  t.field({
    type: PlanRef,
    description:
      'Starts the next plan (DRAFT) from this one: copies the three inputs and carries over open ' +
      'objectives and open actions. The old plan is closed when the new one is activated.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the plan to roll from.' }),
      input: t.arg({ type: RollPlanInput, description: 'Start, length and name of the new plan.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id, input }, ctx) => rollPlan(ctx, decodeId(id, 'AccountPlan'), compact(input ?? {})),
  }),
);
