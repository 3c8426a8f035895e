import { createObjectiveInput, updateObjectiveInput } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { assertVersion, NotFoundError, ValidationError, validate } from '../../errors.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { KpiDefinition } from '../kpis/kpi.entity.js';
import { Objective } from './plan.entity.js';
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

function objectiveSnapshot(o: Objective): Record<string, unknown> {
  return {
    planId: o.plan.id,
    title: o.title,
    description: o.description,
    kpiDefinitionId: o.kpiDefinitionId,
    targetValue: o.targetValue,
    targetDate: o.targetDate,
    status: o.status,
  };
}

export async function createObjective(scope: Scope, input: unknown): Promise<Objective> {
  const { actor } = requireViewer(scope);
  const data = validate(createObjectiveInput, input);
  return scope.em.transactional(async (em) => {
    const { plan } = await getWritablePlan({ ...scope, em }, data.planId);
    if (data.kpiDefinitionId) await assertKpiOfAccount(em, data.kpiDefinitionId, plan.account.id);
    const objective = em.create(Objective, {
      id: newId(),
      plan,
      title: data.title,
      description: data.description,
      kpiDefinitionId: data.kpiDefinitionId ?? null,
      targetValue: data.targetValue ?? null,
      targetDate: data.targetDate ?? null,
      status: 'OPEN',
      carriedFromId: null,
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Objective',
      entityId: objective.id,
      action: 'CREATE',
      after: objectiveSnapshot(objective),
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
    const before = objectiveSnapshot(objective);
    if (data.title !== undefined) objective.title = data.title;
    if (data.description !== undefined) objective.description = data.description;
    if (data.kpiDefinitionId) await assertKpiOfAccount(em, data.kpiDefinitionId, objective.plan.account.id);
    if (data.kpiDefinitionId !== undefined) objective.kpiDefinitionId = data.kpiDefinitionId;
    if (data.targetValue !== undefined) objective.targetValue = data.targetValue;
    if (data.targetDate !== undefined) objective.targetDate = data.targetDate;
    if (data.status !== undefined) objective.status = data.status;
    objective.updatedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Objective',
      entityId: objective.id,
      action: 'UPDATE',
      before,
      after: objectiveSnapshot(objective),
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
