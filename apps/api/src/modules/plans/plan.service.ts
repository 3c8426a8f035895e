import {
  addMonths,
  createAccountPlanInput,
  isPlanStartMonthAllowed,
  name,
  planHorizon,
  planHorizonMonths,
  planStartMonth,
  type RevenueTarget,
  revenueTargetIssues,
  updateAccountPlanInput,
  expectedVersion as versionSchema,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import { assertVersion, NotFoundError, ValidationError, validate } from '../../errors.js';
import type { Account } from '../accounts/account.entity.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import {
  AccountPlan,
  Objective,
  ObjectiveOpportunity,
  PlanAction,
  PlanActionUpdate,
  PlanRevenueTarget,
} from './plan.entity.js';
import { getWritablePlan, todayIso, writeTransaction } from './plan-access.js';
import { addAction } from './plan-action.service.js';

function planSnapshot(plan: AccountPlan, targets?: readonly PlanRevenueTarget[]): Record<string, unknown> {
  return {
    accountId: plan.account.id,
    title: plan.title,
    status: plan.status,
    startMonth: plan.startMonth,
    horizonMonths: plan.horizonMonths,
    companyObjectives: plan.companyObjectives,
    clientNeeds: plan.clientNeeds,
    marketOpportunities: plan.marketOpportunities,
    previousPlanId: plan.previousPlanId,
    ...(targets ? { revenueTargets: targets.map((t) => ({ period: t.period, amount: t.amount })) } : {}),
  };
}

const byPeriod = (a: { period: string }, b: { period: string }) => (a.period < b.period ? -1 : 1);

/** A new DRAFT plan for an account the viewer may work on. */
export async function createPlan(scope: Scope, input: unknown): Promise<AccountPlan> {
  const { actor } = requireViewer(scope);
  const data = validate(createAccountPlanInput, input);
  return scope.em.transactional(async (em) => {
    const account = await getWritableAccount({ ...scope, em }, data.accountId);
    const plan = em.create(AccountPlan, {
      id: newId(),
      account,
      title: data.title,
      status: 'DRAFT',
      activeAccountId: null,
      startMonth: data.startMonth,
      horizonMonths: data.horizonMonths,
      companyObjectives: data.companyObjectives,
      clientNeeds: data.clientNeeds,
      marketOpportunities: data.marketOpportunities,
      createdBy: actor.id,
      previousPlanId: null,
      activatedAt: null,
      closedAt: null,
    });
    const targets = [...data.revenueTargets]
      .sort(byPeriod)
      .map((t) => em.create(PlanRevenueTarget, { id: newId(), plan, period: t.period, amount: t.amount }));
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'AccountPlan',
      entityId: plan.id,
      action: 'CREATE',
      after: planSnapshot(plan, targets),
    });
    return plan;
  });
}

/** Replaces the plan's targets with `wanted`, updating months kept in place (no unique clashes). */
function replaceTargets(
  em: EntityManager,
  plan: AccountPlan,
  stored: PlanRevenueTarget[],
  wanted: readonly RevenueTarget[],
): PlanRevenueTarget[] {
  const existing = new Map(stored.map((t) => [t.period, t]));
  const kept = new Set<string>();
  const result = wanted.map((t) => {
    kept.add(t.period);
    const row = existing.get(t.period);
    if (row) {
      row.amount = t.amount;
      return row;
    }
    return em.create(PlanRevenueTarget, { id: newId(), plan, period: t.period, amount: t.amount });
  });
  for (const row of stored) if (!kept.has(row.period)) em.remove(row);
  return result.sort(byPeriod);
}

/**
 * Changes a DRAFT or ACTIVE plan. Revenue targets, when sent, replace the whole list; they (or the
 * stored ones, when only the start or length changes) must fall inside the resulting horizon.
 */
export async function updatePlan(scope: Scope, id: string, input: unknown): Promise<AccountPlan> {
  const { actor } = requireViewer(scope);
  const data = validate(updateAccountPlanInput, input);
  return writeTransaction(scope, { name: 'AccountPlan', class: AccountPlan, id }, async (em) => {
    const { plan } = await getWritablePlan({ ...scope, em }, id);
    assertVersion('AccountPlan', plan, data.expectedVersion);
    const stored = await em.find(PlanRevenueTarget, { plan: plan.id }, { orderBy: { period: 'asc' } });
    const startMonth = data.startMonth ?? plan.startMonth;
    const horizonMonths = data.horizonMonths ?? plan.horizonMonths;
    const targets = data.revenueTargets ?? stored;
    const issues = revenueTargetIssues(targets, startMonth, horizonMonths);
    if (issues.length > 0) {
      throw new ValidationError(
        issues.map(({ index, message }) => ({ path: ['revenueTargets', index, 'period'], message })),
      );
    }
    const before = planSnapshot(plan, stored);
    if (data.title !== undefined) plan.title = data.title;
    plan.startMonth = startMonth;
    plan.horizonMonths = horizonMonths;
    if (data.companyObjectives !== undefined) plan.companyObjectives = data.companyObjectives;
    if (data.clientNeeds !== undefined) plan.clientNeeds = data.clientNeeds;
    if (data.marketOpportunities !== undefined) plan.marketOpportunities = data.marketOpportunities;
    const after = data.revenueTargets ? replaceTargets(em, plan, stored, data.revenueTargets) : stored;
    // Always a change to the row itself, so the version moves even when only targets changed.
    plan.updatedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'AccountPlan',
      entityId: plan.id,
      action: 'UPDATE',
      before,
      after: planSnapshot(plan, after),
    });
    return plan;
  });
}

const statusChangeInput = z.object({ expectedVersion: versionSchema });

function closeInto(em: EntityManager, actorId: string, plan: AccountPlan, reason: string): void {
  const before = planSnapshot(plan);
  plan.status = 'CLOSED';
  plan.activeAccountId = null;
  plan.closedAt = new Date();
  plan.updatedAt = new Date();
  recordAudit(em, {
    actorId,
    entityType: 'AccountPlan',
    entityId: plan.id,
    action: reason,
    before,
    after: planSnapshot(plan),
  });
}

/**
 * Makes a DRAFT plan the account's ACTIVE plan. The plan it replaces (the account's current ACTIVE
 * plan, typically the one it was rolled from) is CLOSED in the same transaction, so an account
 * never has two ACTIVE plans and never none in between. Activating the ACTIVE plan is harmless.
 */
export async function activatePlan(scope: Scope, id: string, input: unknown): Promise<AccountPlan> {
  const { actor } = requireViewer(scope);
  const data = validate(statusChangeInput, input);
  return writeTransaction(scope, { name: 'AccountPlan', class: AccountPlan, id }, async (em) => {
    const { plan, account } = await getWritablePlan({ ...scope, em }, id, { allowClosed: true });
    assertVersion('AccountPlan', plan, data.expectedVersion);
    if (plan.status === 'ACTIVE') return plan;
    if (plan.status === 'CLOSED') throw planStatusError();
    const current = await em.findOne(AccountPlan, { account: account.id, status: 'ACTIVE' });
    if (current) {
      closeInto(em, actor.id, current, 'CLOSE');
      // Free the one-ACTIVE-per-account slot before this plan takes it.
      await em.flush();
    }
    const before = planSnapshot(plan);
    plan.status = 'ACTIVE';
    plan.activeAccountId = account.id;
    plan.activatedAt = new Date();
    plan.updatedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'AccountPlan',
      entityId: plan.id,
      action: 'ACTIVATE',
      before,
      after: planSnapshot(plan),
    });
    return plan;
  });
}

const planStatusError = () => ValidationError.field(['status'], 'planClosed');

/** Closes a DRAFT or ACTIVE plan; it stays readable as history. Closing twice is harmless. */
export async function closePlan(scope: Scope, id: string, input: unknown): Promise<AccountPlan> {
  const { actor } = requireViewer(scope);
  const data = validate(statusChangeInput, input);
  return writeTransaction(scope, { name: 'AccountPlan', class: AccountPlan, id }, async (em) => {
    const { plan } = await getWritablePlan({ ...scope, em }, id, { allowClosed: true });
    assertVersion('AccountPlan', plan, data.expectedVersion);
    if (plan.status !== 'CLOSED') closeInto(em, actor.id, plan, 'CLOSE');
    return plan;
  });
}

const rollPlanInput = z.object({
  startMonth: planStartMonth.optional(),
  horizonMonths: planHorizonMonths.optional(),
  title: name(200).optional(),
});

/**
 * Starts the next plan (DRAFT) from `id`: the three inputs are copied, OPEN objectives and open
 * actions (not DONE or CANCELLED) are carried over as new rows of the new plan keeping their status,
 * progress, owner, due date and update log. By default it starts the month after the old horizon
 * ends and lasts as long. The old plan is untouched until the new one is activated.
 */
export async function rollPlan(scope: Scope, id: string, input: unknown): Promise<AccountPlan> {
  const { actor } = requireViewer(scope);
  const data = validate(rollPlanInput, input ?? {});
  return scope.em.transactional(async (em) => {
    const { plan: old, account } = await getWritablePlan({ ...scope, em }, id, { allowClosed: true });
    const oldEnd = planHorizon(old.startMonth, old.horizonMonths).end;
    const startMonth = data.startMonth ?? addMonths(oldEnd, 1).slice(0, 7);
    // The default start (the month after an old plan's end) can lie too far from today too.
    if (!isPlanStartMonthAllowed(startMonth, todayIso())) {
      throw ValidationError.field(['startMonth'], 'planStartOutOfRange');
    }
    const plan = em.create(AccountPlan, {
      id: newId(),
      account,
      title: data.title ?? old.title,
      status: 'DRAFT',
      activeAccountId: null,
      startMonth,
      horizonMonths: data.horizonMonths ?? old.horizonMonths,
      companyObjectives: old.companyObjectives,
      clientNeeds: old.clientNeeds,
      marketOpportunities: old.marketOpportunities,
      createdBy: actor.id,
      previousPlanId: old.id,
      activatedAt: null,
      closedAt: null,
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'AccountPlan',
      entityId: plan.id,
      action: 'ROLL',
      after: planSnapshot(plan),
    });
    await carryOver(em, actor.id, old, plan, account);
    return plan;
  });
}

async function carryOver(
  em: EntityManager,
  actorId: string,
  old: AccountPlan,
  plan: AccountPlan,
  account: Account,
): Promise<void> {
  const objectives = await em.find(
    Objective,
    { plan: old.id, status: 'OPEN' },
    { orderBy: { createdAt: 'asc' } },
  );
  const objectiveMap = new Map<string, Objective>();
  for (const o of objectives) {
    const copy = em.create(Objective, {
      id: newId(),
      plan,
      title: o.title,
      description: o.description,
      kpiDefinitionId: o.kpiDefinitionId,
      targetValue: o.targetValue,
      targetDate: o.targetDate,
      status: 'OPEN',
      answers: o.answers,
      carriedFromId: o.id,
    });
    objectiveMap.set(o.id, copy);
    recordAudit(em, {
      actorId,
      entityType: 'Objective',
      entityId: copy.id,
      action: 'CARRY_OVER',
      after: { planId: plan.id, title: copy.title, carriedFromId: o.id },
    });
  }
  const links = await em.find(ObjectiveOpportunity, { objective: { $in: objectives.map((o) => o.id) } });
  for (const link of links) {
    const objective = objectiveMap.get(link.objective.id);
    if (objective) em.create(ObjectiveOpportunity, { id: newId(), objective, opportunity: link.opportunity });
  }
  const actions = await em.find(
    PlanAction,
    { plan: old.id, status: { $in: ['PLANNED', 'IN_PROGRESS', 'BLOCKED'] } },
    { orderBy: { dueDate: 'asc', id: 'asc' }, populate: ['owner'] },
  );
  const logs = await em.find(
    PlanActionUpdate,
    { action: { $in: actions.map((a) => a.id) } },
    { orderBy: { at: 'asc', id: 'asc' } },
  );
  for (const a of actions) {
    const copy = addAction(em, actorId, {
      plan,
      account,
      owner: a.owner,
      objective: a.objective ? (objectiveMap.get(a.objective.id) ?? null) : null,
      title: a.title,
      description: a.description,
      dueDate: a.dueDate,
      status: a.status,
      progress: a.progress,
      source: a.source,
      note: '',
      carriedFromId: a.id,
    });
    for (const entry of logs.filter((l) => l.action.id === a.id)) {
      em.create(PlanActionUpdate, {
        id: newId(),
        action: copy,
        author: entry.author,
        at: entry.at,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        fromProgress: entry.fromProgress,
        toProgress: entry.toProgress,
        note: entry.note,
      });
    }
  }
}

/** Plans among `ids` the viewer may read (null for the others), in order. */
export async function loadPlans(scope: Scope, ids: readonly string[]): Promise<(AccountPlan | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(AccountPlan, { id: { $in: [...ids] } });
  const byId = new Map(found.map((p) => [p.id, p]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (p) => p.account.id,
  );
}

/** Every plan of many (already authorized) accounts, newest start first. */
export async function plansByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<AccountPlan[][]> {
  const rows = await em.find(
    AccountPlan,
    { account: { $in: [...accountIds] } },
    { orderBy: { startMonth: 'desc', createdAt: 'desc' } },
  );
  return accountIds.map((id) => rows.filter((r) => r.account.id === id));
}

/** The ACTIVE plan of many (already authorized) accounts, null where there is none. */
export async function activePlanByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<(AccountPlan | null)[]> {
  // Through the unique `active_account_id` (set exactly while ACTIVE): one index lookup per
  // account, where `status = 'ACTIVE'` made the database walk every active plan.
  const rows = await em.find(AccountPlan, { activeAccountId: { $in: [...accountIds] } });
  return accountIds.map((id) => rows.find((r) => r.activeAccountId === id) ?? null);
}

export async function targetsByPlan(
  em: EntityManager,
  planIds: readonly string[],
): Promise<PlanRevenueTarget[][]> {
  const rows = await em.find(
    PlanRevenueTarget,
    { plan: { $in: [...planIds] } },
    { orderBy: { period: 'asc' } },
  );
  return planIds.map((id) => rows.filter((r) => r.plan.id === id));
}

export async function findPlanOrFail(scope: Scope, id: string): Promise<AccountPlan> {
  const [plan] = await loadPlans(scope, [id]);
  if (!plan) throw new NotFoundError('AccountPlan');
  return plan;
}
