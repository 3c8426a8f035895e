import {
  convertOpportunityToActionsInput,
  createOpportunityInput,
  expectedVersion,
  type UpdateOpportunityInput,
  updateOpportunityInput,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import { assertVersion, conflictOnRace, NotFoundError, ValidationError, validate } from '../../errors.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { PlanAction } from '../plans/plan.entity.js';
import { createPlanActions } from '../plans/plan-action.service.js';
import { User } from '../users/user.entity.js';
import { Opportunity, OpportunityAction } from './opportunity.entity.js';

/** The opportunities among `ids` the viewer may read (through their account), null for the others. */
export async function loadOpportunities(
  scope: Scope,
  ids: readonly string[],
): Promise<(Opportunity | null)[]> {
  if (!scope.viewer || ids.length === 0) return ids.map(() => null);
  const found = await scope.em.find(Opportunity, { id: { $in: [...ids] } });
  const byId = new Map(found.map((o) => [o.id, o]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (o) => o.account.id,
  );
}

/** The opportunity if the viewer may read it; NotFoundError otherwise (also for a missing id). */
export async function getReadableOpportunity(scope: Scope, id: string): Promise<Opportunity> {
  const [opportunity] = await loadOpportunities(scope, [id]);
  if (!opportunity) throw new NotFoundError('Opportunity');
  return opportunity;
}

/** Opportunities of many (already authorized) accounts, newest first. */
export async function opportunitiesByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<Opportunity[][]> {
  const rows = await em.find(
    Opportunity,
    { account: { $in: [...accountIds] } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
  return accountIds.map((id) => rows.filter((o) => o.account.id === id));
}

/**
 * The plan actions created from each of many (already authorized) opportunities, in the order they
 * were created; they belong to the same account, so they are visible too. Two queries in all.
 */
export async function planActionsByOpportunity(
  em: EntityManager,
  opportunityIds: readonly string[],
): Promise<PlanAction[][]> {
  const links = await em.find(
    OpportunityAction,
    { opportunity: { $in: [...opportunityIds] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const actions = links.length
    ? await em.find(PlanAction, { id: { $in: links.map((l) => l.planActionId) } })
    : [];
  const byId = new Map(actions.map((a) => [a.id, a]));
  return opportunityIds.map((id) =>
    links
      .filter((l) => l.opportunity.id === id)
      .map((l) => byId.get(l.planActionId))
      .filter((a): a is PlanAction => a !== undefined),
  );
}

export function opportunitySnapshot(opportunity: Opportunity): Record<string, unknown> {
  return {
    accountId: opportunity.account.id,
    title: opportunity.title,
    description: opportunity.description,
    valueForUs: opportunity.valueForUs,
    valueForClient: opportunity.valueForClient,
    estimatedRevenue: opportunity.estimatedRevenue ?? null,
    probability: opportunity.probability,
    stage: opportunity.stage,
    ownerId: opportunity.owner.id,
  };
}

export async function createOpportunity(scope: Scope, input: unknown): Promise<Opportunity> {
  const { actor, user } = requireViewer(scope);
  const data = validate(createOpportunityInput, input);
  return scope.em.transactional(async (em) => {
    const account = await getWritableAccount({ ...scope, em }, data.accountId);
    const opportunity = em.create(Opportunity, {
      id: newId(),
      account,
      title: data.title,
      description: data.description,
      valueForUs: data.valueForUs,
      valueForClient: data.valueForClient,
      estimatedRevenue: data.estimatedRevenue ?? null,
      probability: data.probability,
      stage: data.stage,
      owner: em.getReference(User, user.id),
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Opportunity',
      entityId: opportunity.id,
      action: 'CREATE',
      after: opportunitySnapshot(opportunity),
    });
    return opportunity;
  });
}

const versioned = z.looseObject({ expectedVersion });

/**
 * Changes the fields given. `expectedVersion` is required: an edit made on stale data (e.g. an
 * offline phone) gets a ConflictError with the current opportunity instead of overwriting it.
 */
export async function updateOpportunity(scope: Scope, id: string, input: unknown): Promise<Opportunity> {
  const { actor } = requireViewer(scope);
  const { expectedVersion: expected } = validate(versioned, input);
  const data: UpdateOpportunityInput = validate(updateOpportunityInput, input);
  return conflictOnRace(
    'Opportunity',
    () => scope.em.fork().findOne(Opportunity, { id }),
    () =>
      scope.em.transactional(async (em) => {
        const txScope = { ...scope, em };
        const opportunity = await getReadableOpportunity(txScope, id);
        await getWritableAccount(txScope, opportunity.account.id);
        assertVersion('Opportunity', opportunity, expected);
        const before = opportunitySnapshot(opportunity);
        if (data.title !== undefined) opportunity.title = data.title;
        if (data.description !== undefined) opportunity.description = data.description;
        if (data.valueForUs !== undefined) opportunity.valueForUs = data.valueForUs;
        if (data.valueForClient !== undefined) opportunity.valueForClient = data.valueForClient;
        if (data.estimatedRevenue !== undefined) opportunity.estimatedRevenue = data.estimatedRevenue;
        if (data.probability !== undefined) opportunity.probability = data.probability;
        if (data.stage !== undefined) opportunity.stage = data.stage;
        recordAudit(em, {
          actorId: actor.id,
          entityType: 'Opportunity',
          entityId: opportunity.id,
          action: 'UPDATE',
          before,
          after: opportunitySnapshot(opportunity),
        });
        return opportunity;
      }),
  );
}

/** The plans module reports on ['items', i, …] and ['accountId']; our input names them differently. */
function remapPlanIssues(error: ValidationError): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => {
      const [head, ...rest] = issue.path;
      if (head === 'items') return { ...issue, path: ['actions', ...rest] };
      if (head === 'accountId') return { ...issue, path: ['opportunityId', ...rest] };
      return issue;
    }),
  );
}

/**
 * Turns an opportunity into actions of its account's ACTIVE plan (source OPPORTUNITY), all or
 * none, in one transaction with the link rows and the audit trail. No ACTIVE plan is a
 * ValidationError `noActivePlan` on ['opportunityId'].
 */
export async function convertOpportunityToActions(
  scope: Scope,
  id: string,
  input: unknown,
): Promise<{ opportunity: Opportunity; actions: PlanAction[] }> {
  const { actor } = requireViewer(scope);
  const data = validate(convertOpportunityToActionsInput, input);
  return scope.em.transactional(async (em) => {
    const txScope = { ...scope, em };
    const opportunity = await getReadableOpportunity(txScope, id);
    await getWritableAccount(txScope, opportunity.account.id);
    let actions: PlanAction[];
    try {
      actions = await createPlanActions(em, actor, {
        accountId: opportunity.account.id,
        items: data.actions,
        source: 'OPPORTUNITY',
      });
    } catch (error) {
      if (error instanceof ValidationError) throw remapPlanIssues(error);
      throw error;
    }
    const planActionIds = actions.map((a) => a.id);
    for (const planActionId of planActionIds) {
      em.create(OpportunityAction, { id: newId(), opportunity, planActionId });
    }
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Opportunity',
      entityId: opportunity.id,
      action: 'CONVERT_TO_ACTIONS',
      after: { planActionIds },
    });
    return { opportunity, actions };
  });
}
