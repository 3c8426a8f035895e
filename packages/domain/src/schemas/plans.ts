import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from '../enums.js';
import type { MessageKey } from '../messages.js';
import {
  DEFAULT_PLAN_MONTHS,
  isMonthWithinHorizon,
  isPlanStartMonthAllowed,
  isYearMonth,
  MAX_PLAN_MONTHS,
  MIN_PLAN_MONTHS,
  planHorizon,
} from '../plan-horizon.js';
import { isoDate, longText, money, name, uuid } from './common.js';
import { expectedVersion, hasChanges } from './profiles.js';

const yearMonth = z.string().refine(isYearMonth, { message: 'yearMonth' });

/** Today's calendar date in UTC, 'YYYY-MM-DD': what "within 5 years of the current month" counts from. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * A plan's first month: a real month within PLAN_START_YEARS_AROUND_TODAY years of the current one
 * (one issue at most: 'yearMonth' or 'planStartOutOfRange').
 */
export const planStartMonth = z.string().superRefine((month, ctx) => {
  if (!isYearMonth(month)) ctx.addIssue({ code: 'custom', message: 'yearMonth' });
  else if (!isPlanStartMonthAllowed(month, todayUtc())) {
    ctx.addIssue({ code: 'custom', message: 'planStartOutOfRange' });
  }
});

/** The three inputs a plan joins (SPEC.md); an objective says which of them it answers. */
export const PLAN_INPUTS = ['COMPANY_OBJECTIVES', 'CLIENT_NEEDS', 'MARKET_OPPORTUNITIES'] as const;
export type PlanInput = (typeof PLAN_INPUTS)[number];

const planInputs = z
  .array(z.enum(PLAN_INPUTS))
  .max(PLAN_INPUTS.length)
  .refine((inputs) => new Set(inputs).size === inputs.length, { message: 'noRepeats' });

/** The account's opportunities an objective answers (the API checks they are of the same account). */
const opportunityIds = z
  .array(uuid)
  .max(100)
  .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, { message: 'noRepeats' });

/**
 * A UUID the client made (the phone's outbox), in lower case: the same id typed in capitals names the
 * same object.
 */
export const clientUuid = z.string().trim().toLowerCase().pipe(z.uuid());

export const planHorizonMonths = z.number().int().min(MIN_PLAN_MONTHS).max(MAX_PLAN_MONTHS);

const revenueTarget = z.object({ period: yearMonth, amount: money });
export type RevenueTarget = z.infer<typeof revenueTarget>;

/** At most one target per month of the longest plan. */
const revenueTargets = z.array(revenueTarget).max(MAX_PLAN_MONTHS);

export interface RevenueTargetIssue {
  readonly index: number;
  readonly message: Extract<MessageKey, 'noRepeats' | 'outsidePlanHorizon'>;
}

/**
 * Problems with a plan's revenue targets: a month given twice, or a month outside the horizon.
 * Exported so the API can re-check a partial update against the stored plan's start and length.
 */
export function revenueTargetIssues(
  targets: readonly { readonly period: string }[],
  startMonth: string,
  horizonMonths: number,
): RevenueTargetIssue[] {
  const horizon = planHorizon(startMonth, horizonMonths);
  const seen = new Set<string>();
  const issues: RevenueTargetIssue[] = [];
  targets.forEach(({ period }, index) => {
    if (seen.has(period)) issues.push({ index, message: 'noRepeats' });
    else if (!isMonthWithinHorizon(horizon, period)) issues.push({ index, message: 'outsidePlanHorizon' });
    seen.add(period);
  });
  return issues;
}

const duplicatePeriodIssues = (targets: readonly { readonly period: string }[]): RevenueTargetIssue[] => {
  const seen = new Set<string>();
  return targets.flatMap(({ period }, index) => {
    const repeated = seen.has(period);
    seen.add(period);
    return repeated ? [{ index, message: 'noRepeats' as const }] : [];
  });
};

/**
 * zod still runs object refinements after a field's own check failed (a bad month, 61 months), so
 * the horizon is only built from values that passed; otherwise only repeats are reported.
 */
const reportRevenueTargetIssues = (
  targets: readonly { readonly period: string }[],
  startMonth: string | undefined,
  horizonMonths: number | undefined,
  ctx: z.RefinementCtx,
): void => {
  const months = planHorizonMonths.safeParse(horizonMonths);
  const issues =
    startMonth !== undefined && isPlanStartMonthAllowed(startMonth, todayUtc()) && months.success
      ? revenueTargetIssues(targets, startMonth, months.data)
      : duplicatePeriodIssues(targets);
  for (const { index, message } of issues) {
    ctx.addIssue({ code: 'custom', message, path: ['revenueTargets', index, 'period'] });
  }
};

const planText = longText(20_000);

export const createAccountPlanInput = z
  .object({
    accountId: uuid,
    title: name(200),
    startMonth: planStartMonth,
    horizonMonths: planHorizonMonths.default(DEFAULT_PLAN_MONTHS),
    /** The three inputs SPEC.md says the plan joins. */
    companyObjectives: planText.default(''),
    clientNeeds: planText.default(''),
    marketOpportunities: planText.default(''),
    revenueTargets: revenueTargets.default([]),
  })
  .superRefine((plan, ctx) =>
    reportRevenueTargetIssues(plan.revenueTargets, plan.startMonth, plan.horizonMonths, ctx),
  );
export type CreateAccountPlanInput = z.infer<typeof createAccountPlanInput>;

/**
 * Revenue targets replace the plan's whole list when sent. They are checked against the horizon
 * only when the update carries both the start month and the length; otherwise the API checks them
 * against the stored plan with `revenueTargetIssues`.
 */
export const updateAccountPlanInput = z
  .object({
    expectedVersion,
    title: name(200).optional(),
    startMonth: planStartMonth.optional(),
    horizonMonths: planHorizonMonths.optional(),
    companyObjectives: planText.optional(),
    clientNeeds: planText.optional(),
    marketOpportunities: planText.optional(),
    revenueTargets: revenueTargets.optional(),
  })
  .refine(hasChanges, { message: 'nothingToUpdate' })
  .superRefine((plan, ctx) => {
    if (plan.revenueTargets) {
      reportRevenueTargetIssues(plan.revenueTargets, plan.startMonth, plan.horizonMonths, ctx);
    }
  });
export type UpdateAccountPlanInput = z.infer<typeof updateAccountPlanInput>;

const description = longText(4000);

/** OPEN while being pursued; ACHIEVED or DROPPED close it (closed objectives are not rolled over). */
export const OBJECTIVE_STATUSES = ['OPEN', 'ACHIEVED', 'DROPPED'] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** Where a plan action came from: written in the plan, or a visit's next step, or an opportunity. */
export const PLAN_ACTION_SOURCES = ['PLAN', 'VISIT', 'OPPORTUNITY'] as const;
export type PlanActionSource = (typeof PLAN_ACTION_SOURCES)[number];

export const createObjectiveInput = z.object({
  planId: uuid,
  title: name(200),
  description: description.default(''),
  kpiDefinitionId: uuid.optional(),
  targetValue: z.number().optional(),
  targetDate: isoDate.optional(),
  /** Which of the plan's three inputs it answers. */
  answers: planInputs.default([]),
  opportunityIds: opportunityIds.default([]),
});
export type CreateObjectiveInput = z.infer<typeof createObjectiveInput>;

/** Null unlinks the KPI or clears the target. */
export const updateObjectiveInput = z
  .object({
    expectedVersion,
    title: name(200),
    description,
    kpiDefinitionId: uuid.nullable(),
    targetValue: z.number().nullable(),
    targetDate: isoDate.nullable(),
    status: z.enum(OBJECTIVE_STATUSES),
    /** The complete new list; [] clears it. */
    answers: planInputs,
    /** The complete new list; [] clears it. */
    opportunityIds,
  })
  .partial()
  .refine(hasChanges, { message: 'nothingToUpdate' });
export type UpdateObjectiveInput = z.infer<typeof updateObjectiveInput>;

const progress = z.number().int().min(0).max(100);
/** The note goes into the action's update log with the change it explains. */
const actionNote = longText(2000);

export const createPlanActionInput = z.object({
  /** The client-made id of the phone's outbox: a re-send with the same content stores once. */
  id: clientUuid.optional(),
  planId: uuid,
  title: name(200),
  description: description.default(''),
  ownerId: uuid,
  objectiveId: uuid.optional(),
  dueDate: isoDate,
  status: z.enum(ACTION_STATUSES).default('PLANNED'),
  progress: progress.default(0),
  note: actionNote.optional(),
});
export type CreatePlanActionInput = z.infer<typeof createPlanActionInput>;

/**
 * A note alone is a valid update: it logs a comment without changing anything else. Whether the
 * status change is allowed is `canTransitionActionStatus`, checked by the API against the stored
 * status.
 */
export const updatePlanActionInput = z
  .object({
    expectedVersion,
    title: name(200).optional(),
    description: description.optional(),
    ownerId: uuid.optional(),
    /** Null unlinks the action from its objective. */
    objectiveId: uuid.nullable().optional(),
    dueDate: isoDate.optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    progress: progress.optional(),
    note: actionNote.optional(),
  })
  .refine(hasChanges, { message: 'nothingToUpdate' });
export type UpdatePlanActionInput = z.infer<typeof updatePlanActionInput>;

/**
 * Actions other modules add to the account's active plan (a visit's next steps, an opportunity's
 * actions); the owner defaults to whoever adds them.
 */
export const planActionItemsInput = z.object({
  items: z
    .array(
      z.object({
        title: name(200),
        dueDate: isoDate,
        ownerId: uuid.nullish(),
        description: description.nullish(),
      }),
    )
    .max(50),
});
export type PlanActionItemsInput = z.infer<typeof planActionItemsInput>;

/**
 * Allowed status changes of a plan action.
 * - Open states (PLANNED, IN_PROGRESS, BLOCKED) move freely among themselves and straight to DONE
 *   or CANCELLED: a KAM ticking an action off on the phone should not have to pass through
 *   IN_PROGRESS first.
 * - DONE is final except for reopening to IN_PROGRESS (the client came back with more).
 * - CANCELLED is final: reviving it would rewrite the plan's history; create a new action instead.
 * Staying in the same status is always allowed (an edit of progress, due date or note).
 */
export const ACTION_STATUS_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  PLANNED: ['IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['PLANNED', 'BLOCKED', 'DONE', 'CANCELLED'],
  BLOCKED: ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'],
  DONE: ['IN_PROGRESS'],
  CANCELLED: [],
};

export function canTransitionActionStatus(from: ActionStatus, to: ActionStatus): boolean {
  return from === to || ACTION_STATUS_TRANSITIONS[from].includes(to);
}
