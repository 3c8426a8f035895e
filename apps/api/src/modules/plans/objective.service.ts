import {
  createObjectiveInput,
  isDateInPlanMonths,
  PLAN_INPUTS,
  type PlanInput,
  updateObjectiveInput,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { assertVersion, NotFoundError, ValidationError, validate } from '../../errors.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { KpiDefinition } from '../kpis/kpi.entity.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { type AccountPlan, Objective, ObjectiveOpportunity } from './plan.entity.js';
import { getWritablePlan, writeTransaction } from './plan-access.js';

/** An objective may only be measured by a KPI of its own account. */
async function assertKpiOfAccount(
  em: EntityManager,
  kpiDefinitionId: string,
  accountId: string,
): Promise<void> {
  const found = await em.count(KpiDefinition, { id: kpiDefinitionId, account: accountId });
  if (!found) throw ValidationError.field(['kpiDefinitionId'], 'kpiNotInAccount');
}

/** The stored form of `answers`: comma-separated in PLAN_INPUTS order, '' for none. */
export const storeAnswers = (answers: readonly PlanInput[]): string =>
  PLAN_INPUTS.filter((input) => answers.includes(input)).join(',');

export const readAnswers = (stored: string | null | undefined): PlanInput[] =>
  stored
    ? (stored.split(',').filter((a) => (PLAN_INPUTS as readonly string[]).includes(a)) as PlanInput[])
    : [];

/** A target date must fall inside the plan's months (ValidationError on targetDate otherwise). */
function assertTargetDateInPlan(plan: AccountPlan, targetDate: string | null | undefined): void {
  if (targetDate && !isDateInPlanMonths(targetDate, plan.startMonth, plan.horizonMonths)) {
    throw ValidationError.field(['targetDate'], 'outsidePlanHorizon');
  }
}

/**
 * The opportunities `ids` of the account, in order; ValidationError on `opportunityIds.N` for each
 * that is missing or of another account (the two look alike: no probing of other accounts).
 */
async function opportunitiesOfAccount(
  em: EntityManager,
  ids: readonly string[],
  accountId: string,
): Promise<Opportunity[]> {
  if (ids.length === 0) return [];
  const wanted = ids.map((id) => id.toLowerCase());
  const found = await em.find(Opportunity, { id: { $in: wanted }, account: accountId });
  const byId = new Map(found.map((o) => [o.id, o]));
  const issues = wanted.flatMap((id, index) =>
    byId.has(id) ? [] : [{ path: ['opportunityIds', index], message: 'opportunityNotInAccount' as const }],
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return wanted.map((id) => byId.get(id) as Opportunity);
}

/** Makes the objective's links exactly `opportunities`, keeping the links that stay. */
async function replaceOpportunityLinks(
  em: EntityManager,
  objective: Objective,
  opportunities: readonly Opportunity[],
): Promise<void> {
  const stored = await em.find(ObjectiveOpportunity, { objective: objective.id });
  const wanted = new Set(opportunities.map((o) => o.id));
  const kept = new Set<string>();
  for (const link of stored) {
    if (wanted.has(link.opportunity.id)) kept.add(link.opportunity.id);
    else em.remove(link);
  }
  for (const opportunity of opportunities) {
    if (!kept.has(opportunity.id)) em.create(ObjectiveOpportunity, { id: newId(), objective, opportunity });
  }
}

async function linkedOpportunityIds(em: EntityManager, objectiveId: string): Promise<string[]> {
  const links = await em.find(ObjectiveOpportunity, { objective: objectiveId });
  return links.map((l) => l.opportunity.id).sort();
}

function objectiveSnapshot(o: Objective, opportunityIds: readonly string[]): Record<string, unknown> {
  return {
    planId: o.plan.id,
    title: o.title,
    description: o.description,
    kpiDefinitionId: o.kpiDefinitionId,
    targetValue: o.targetValue,
    targetDate: o.targetDate,
    status: o.status,
    answers: readAnswers(o.answers),
    opportunityIds: [...opportunityIds].sort(),
  };
}

export async function createObjective(scope: Scope, input: unknown): Promise<Objective> {
  const { actor } = requireViewer(scope);
  const data = validate(createObjectiveInput, input);
  return scope.em.transactional(async (em) => {
    const { plan } = await getWritablePlan({ ...scope, em }, data.planId);
    if (data.kpiDefinitionId) await assertKpiOfAccount(em, data.kpiDefinitionId, plan.account.id);
    assertTargetDateInPlan(plan, data.targetDate);
    const opportunities = await opportunitiesOfAccount(em, data.opportunityIds, plan.account.id);
    const objective = em.create(Objective, {
      id: newId(),
      plan,
      title: data.title,
      description: data.description,
      kpiDefinitionId: data.kpiDefinitionId ?? null,
      targetValue: data.targetValue ?? null,
      targetDate: data.targetDate ?? null,
      status: 'OPEN',
      answers: storeAnswers(data.answers),
      carriedFromId: null,
    });
    for (const opportunity of opportunities) {
      em.create(ObjectiveOpportunity, { id: newId(), objective, opportunity });
    }
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Objective',
      entityId: objective.id,
      action: 'CREATE',
      after: objectiveSnapshot(
        objective,
        opportunities.map((o) => o.id),
      ),
    });
    return objective;
  });
}

/**
 * Changes an objective of a DRAFT or ACTIVE plan. `expectedVersion` is optional here (objectives
 * are rarely edited by two people at once); when sent, a stale one is a ConflictError.
 */
export async function updateObjective(scope: Scope, id: string, input: unknown): Promise<Objective> {
  const { actor } = requireViewer(scope);
  const data = validate(updateObjectiveInput, input);
  return writeTransaction(scope, { name: 'Objective', class: Objective, id }, async (em) => {
    const objective = await em.findOne(Objective, { id }, { populate: ['plan'] });
    if (!objective) throw new NotFoundError('Objective');
    await getWritableAccount({ ...scope, em }, objective.plan.account.id, 'Objective');
    if (objective.plan.status === 'CLOSED') throw ValidationError.field([], 'planClosed');
    if (data.expectedVersion !== undefined) assertVersion('Objective', objective, data.expectedVersion);
    const linkedBefore = await linkedOpportunityIds(em, objective.id);
    const before = objectiveSnapshot(objective, linkedBefore);
    if (data.title !== undefined) objective.title = data.title;
    if (data.description !== undefined) objective.description = data.description;
    if (data.kpiDefinitionId) await assertKpiOfAccount(em, data.kpiDefinitionId, objective.plan.account.id);
    if (data.kpiDefinitionId !== undefined) objective.kpiDefinitionId = data.kpiDefinitionId;
    if (data.targetValue !== undefined) objective.targetValue = data.targetValue;
    if (data.targetDate !== undefined) {
      assertTargetDateInPlan(objective.plan, data.targetDate);
      objective.targetDate = data.targetDate;
    }
    if (data.status !== undefined) objective.status = data.status;
    if (data.answers !== undefined) objective.answers = storeAnswers(data.answers);
    let linkedAfter = linkedBefore;
    if (data.opportunityIds !== undefined) {
      const opportunities = await opportunitiesOfAccount(em, data.opportunityIds, objective.plan.account.id);
      await replaceOpportunityLinks(em, objective, opportunities);
      linkedAfter = opportunities.map((o) => o.id);
    }
    objective.updatedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Objective',
      entityId: objective.id,
      action: 'UPDATE',
      before,
      after: objectiveSnapshot(objective, linkedAfter),
    });
    return objective;
  });
}

/** Objectives among `ids` the viewer may read (null for the others), in order. */
export async function loadObjectives(scope: Scope, ids: readonly string[]): Promise<(Objective | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(Objective, { id: { $in: [...ids] } }, { populate: ['plan'] });
  const byId = new Map(found.map((o) => [o.id, o]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (o) => o.plan.account.id,
  );
}

/** Objectives of many (already authorized) plans, oldest first. */
export async function objectivesByPlan(
  em: EntityManager,
  planIds: readonly string[],
): Promise<Objective[][]> {
  const rows = await em.find(
    Objective,
    { plan: { $in: [...planIds] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return planIds.map((id) => rows.filter((r) => r.plan.id === id));
}

/** The opportunities each of many (already authorized) objectives answers, by title: one query. */
export async function opportunitiesByObjective(
  em: EntityManager,
  objectiveIds: readonly string[],
): Promise<Opportunity[][]> {
  const links = await em.find(
    ObjectiveOpportunity,
    { objective: { $in: [...objectiveIds] } },
    { populate: ['opportunity'], strategy: 'joined' },
  );
  return objectiveIds.map((id) =>
    links
      .filter((l) => l.objective.id === id)
      .map((l) => l.opportunity as Opportunity)
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
  );
}
