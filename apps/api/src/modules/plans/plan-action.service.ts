import { createHash } from 'node:crypto';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type Actor,
  addDays,
  type CreatePlanActionInput,
  canManageAccount,
  canTransitionActionStatus,
  createPlanActionInput,
  isDateInPlanMonths,
  planActionItemsInput,
  updatePlanActionInput,
} from '@clave/domain';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import {
  assertVersion,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  validate,
} from '../../errors.js';
import { Account } from '../accounts/account.entity.js';
import {
  accessFacts,
  getReadableAccount,
  getWritableAccount,
  requireViewer,
  visibleAccounts,
  visibleByAccount,
} from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import type { User } from '../users/user.entity.js';
import { publishPlanActionUpdated } from '../webhooks/webhook-events.js';
import { AccountPlan, Objective, PlanAction, PlanActionUpdate } from './plan.entity.js';
import { findActionOwner, getWritablePlan, todayIso, writeTransaction } from './plan-access.js';

export function actionSnapshot(action: PlanAction): Record<string, unknown> {
  return {
    planId: action.plan.id,
    objectiveId: action.objective?.id ?? null,
    title: action.title,
    description: action.description,
    ownerId: action.owner.id,
    dueDate: action.dueDate,
    status: action.status,
    progress: action.progress,
    source: action.source,
  };
}

interface NewAction {
  readonly plan: AccountPlan;
  readonly account: Account;
  readonly owner: User;
  readonly objective?: Objective | null;
  readonly title: string;
  readonly description: string;
  readonly dueDate: string;
  readonly status: ActionStatus;
  readonly progress: number;
  readonly source: PlanAction['source'];
  readonly note: string;
  readonly carriedFromId?: string | null;
  /** The client-made id and the hash of its creation input (createPlanAction from the outbox). */
  readonly id?: string;
  readonly contentHash?: string | null;
}

/** A due date must fall inside the plan's months: ValidationError on `path` otherwise. */
export function assertDueDateInPlan(
  plan: Pick<AccountPlan, 'startMonth' | 'horizonMonths'>,
  dueDate: string,
  path: readonly (string | number)[],
): void {
  if (!isDateInPlanMonths(dueDate, plan.startMonth, plan.horizonMonths)) {
    throw ValidationError.field(path, 'outsidePlanHorizon');
  }
}

/**
 * Queues a new action on `em` with the first entry of its update log and its audit row. DONE means
 * finished: progress 100 and completedAt now.
 */
export function addAction(em: EntityManager, actorId: string, data: NewAction): PlanAction {
  const done = data.status === 'DONE';
  const action = em.create(PlanAction, {
    id: data.id ?? newId(),
    plan: data.plan,
    account: data.account,
    objective: data.objective ?? null,
    title: data.title,
    description: data.description,
    owner: data.owner,
    dueDate: data.dueDate,
    status: data.status,
    progress: done ? 100 : data.progress,
    completedAt: done ? new Date() : null,
    source: data.source,
    carriedFromId: data.carriedFromId ?? null,
    contentHash: data.contentHash ?? null,
  });
  if (!data.carriedFromId) {
    em.create(PlanActionUpdate, {
      id: newId(),
      action,
      author: actorId,
      at: new Date(),
      fromStatus: null,
      toStatus: action.status,
      fromProgress: null,
      toProgress: action.progress,
      note: data.note,
    });
  }
  recordAudit(em, {
    actorId,
    entityType: 'PlanAction',
    entityId: action.id,
    action: data.carriedFromId ? 'CARRY_OVER' : 'CREATE',
    after: actionSnapshot(action),
  });
  return action;
}

/**
 * Adds actions to the account's ACTIVE plan on behalf of another module (a visit's next steps, an
 * opportunity turned into actions), inside the CALLER's transaction: it neither authorizes the
 * account (the caller did) nor opens a transaction. The owner defaults to the actor and must be
 * someone who may write the account. Issues are reported on ['items', i, field]; no ACTIVE plan is
 * a ValidationError `noActivePlan` on ['accountId'].
 */
export async function createPlanActions(
  em: EntityManager,
  actor: Actor,
  input: {
    accountId: string;
    items: readonly {
      title: string;
      dueDate: string;
      ownerId?: string | null;
      description?: string | null;
    }[];
    source: 'VISIT' | 'OPPORTUNITY' | 'PLAN';
  },
): Promise<PlanAction[]> {
  const { items } = validate(planActionItemsInput, { items: input.items });
  if (items.length === 0) return [];
  const account = await em.findOne(Account, { id: input.accountId }, { populate: ['owner', 'supporters'] });
  if (!account) throw new NotFoundError('Account');
  const plan = await em.findOne(AccountPlan, { account: account.id, status: 'ACTIVE' });
  if (!plan) throw ValidationError.field(['accountId'], 'noActivePlan');
  const outside = items.flatMap((item, i) =>
    isDateInPlanMonths(item.dueDate, plan.startMonth, plan.horizonMonths)
      ? []
      : [{ path: ['items', i, 'dueDate'], message: 'outsidePlanHorizon' as const }],
  );
  if (outside.length > 0) throw new ValidationError(outside);
  const owners = new Map<string, User>();
  for (const [i, item] of items.entries()) {
    const ownerId = item.ownerId ?? actor.id;
    if (!owners.has(ownerId))
      owners.set(ownerId, await findActionOwner(em, account, ownerId, ['items', i, 'ownerId']));
  }
  return items.map((item) =>
    addAction(em, actor.id, {
      plan,
      account,
      owner: owners.get(item.ownerId ?? actor.id) as User,
      title: item.title,
      description: item.description ?? '',
      dueDate: item.dueDate,
      status: 'PLANNED',
      progress: 0,
      source: input.source,
      note: '',
    }),
  );
}

async function findObjective(em: EntityManager, plan: AccountPlan, objectiveId: string): Promise<Objective> {
  const objective = await em.findOne(Objective, { id: objectiveId });
  if (!objective || objective.plan.id !== plan.id) {
    throw ValidationError.field(['objectiveId'], 'objectiveNotInPlan');
  }
  return objective;
}

/**
 * The creation input with one spelling per meaning (defaults applied, absent values as null, ids in
 * lower case) and its author: two sends with the same meaning give the same hash.
 */
function actionContentHash(data: CreatePlanActionInput, authorId: string): string {
  const canonical = JSON.stringify({
    id: data.id ?? null,
    planId: data.planId.toLowerCase(),
    authorId,
    title: data.title,
    description: data.description,
    ownerId: data.ownerId.toLowerCase(),
    objectiveId: data.objectiveId?.toLowerCase() ?? null,
    dueDate: data.dueDate,
    status: data.status,
    progress: data.progress,
    note: data.note ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** A re-send of a client-made id: the stored action if it is the same content, else a conflict. */
async function answerResend(scope: Scope, stored: PlanAction, contentHash: string): Promise<PlanAction> {
  const [visible] = await visibleByAccount(scope, [stored], (a) => a.account.id);
  // An id someone else used on an account the caller cannot see: say no more than that it is taken.
  if (!visible) throw ValidationError.field(['id'], 'planActionIdTaken');
  if (stored.contentHash === null || stored.contentHash !== contentHash) {
    throw new ConflictError('PlanAction', stored, stored.version);
  }
  return stored;
}

/**
 * A new action written in the plan itself (source PLAN). With a client-made `id` (the phone's
 * outbox) it is idempotent like createStakeholder: the same id and content answers the stored
 * action, the same id with other content is a ConflictError carrying the stored one, also when
 * two sends race each other.
 */
export async function createPlanAction(scope: Scope, input: unknown): Promise<PlanAction> {
  const { actor } = requireViewer(scope);
  const data = validate(createPlanActionInput, input);
  const contentHash = data.id ? actionContentHash(data, actor.id) : null;
  if (data.id) {
    const stored = await scope.em.findOne(PlanAction, { id: data.id });
    if (stored) return answerResend(scope, stored, contentHash as string);
  }
  try {
    return await insertPlanAction(scope, actor, data, contentHash);
  } catch (error) {
    if (!data.id || !(error instanceof UniqueConstraintViolationException)) throw error;
    const em = scope.em.fork();
    const winner = await em.findOne(PlanAction, { id: data.id });
    if (!winner) throw error;
    return answerResend({ ...scope, em }, winner, contentHash as string);
  }
}

function insertPlanAction(
  scope: Scope,
  actor: Actor,
  data: CreatePlanActionInput,
  contentHash: string | null,
): Promise<PlanAction> {
  return scope.em.transactional(async (em) => {
    const { plan, account } = await getWritablePlan({ ...scope, em }, data.planId);
    assertDueDateInPlan(plan, data.dueDate, ['dueDate']);
    const owner = await findActionOwner(em, account, data.ownerId, ['ownerId']);
    const objective = data.objectiveId ? await findObjective(em, plan, data.objectiveId) : null;
    return addAction(em, actor.id, {
      ...(data.id ? { id: data.id, contentHash } : {}),
      plan,
      account,
      owner,
      objective,
      title: data.title,
      description: data.description,
      dueDate: data.dueDate,
      status: data.status,
      progress: data.progress,
      source: 'PLAN',
      note: data.note ?? '',
    });
  });
}

/** Only the owner (and the version, and a note saying why): what an admin may change. */
const isReassignmentOnly = (data: Record<string, unknown>): boolean =>
  data.ownerId !== undefined &&
  Object.keys(data).every((key) => ['expectedVersion', 'ownerId', 'note'].includes(key));

/**
 * The action's account if the viewer may make this change: whoever may work the account (its
 * owner and supporters, the team's manager) changes any field, the owner included; an admin may
 * only reassign (SPEC.md: admins do not do the KAM's work, but may move it to someone else).
 * NotFound for a hidden account, Forbidden for a reader who may not, ValidationError if archived.
 */
async function accountForActionChange(
  scope: Scope,
  accountId: string,
  data: Record<string, unknown>,
): Promise<Account> {
  const { actor } = requireViewer(scope);
  if (actor.role !== 'ADMIN' || !isReassignmentOnly(data)) {
    return getWritableAccount(scope, accountId, 'PlanAction');
  }
  let account: Account;
  try {
    account = await getReadableAccount(scope, accountId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('PlanAction');
    throw error;
  }
  if (!canManageAccount(actor, accessFacts(account))) throw new ForbiddenError();
  if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
  return account;
}

/**
 * Changes an action. Status changes follow ACTION_STATUS_TRANSITIONS; DONE sets progress 100 and
 * completedAt, leaving DONE clears completedAt. Every status or progress change, or a note, adds an
 * entry to the update log in the same transaction as the change and its audit row. A new owner must
 * be one of the account's assignableOwners; a new due date must fall inside the plan's months.
 */
export async function updatePlanAction(scope: Scope, id: string, input: unknown): Promise<PlanAction> {
  const { actor } = requireViewer(scope);
  const data = validate(updatePlanActionInput, input);
  return writeTransaction(scope, { name: 'PlanAction', class: PlanAction, id }, async (em) => {
    const action = await em.findOne(PlanAction, { id }, { populate: ['plan'] });
    if (!action) throw new NotFoundError('PlanAction');
    const account = await accountForActionChange({ ...scope, em }, action.account.id, data);
    if (action.plan.status === 'CLOSED') throw ValidationError.field([], 'planClosed');
    assertVersion('PlanAction', action, data.expectedVersion);
    const from = { status: action.status, progress: action.progress };
    if (data.status !== undefined && !canTransitionActionStatus(action.status, data.status)) {
      // The only refused moves leave DONE (except reopening) or CANCELLED: say which rule applies.
      throw ValidationError.field(
        ['status'],
        action.status === 'CANCELLED' ? 'actionCancelledIsFinal' : 'actionDoneOnlyReopens',
      );
    }
    const before = actionSnapshot(action);
    if (data.ownerId !== undefined)
      action.owner = await findActionOwner(em, account, data.ownerId, ['ownerId']);
    if (data.objectiveId !== undefined) {
      action.objective = data.objectiveId ? await findObjective(em, action.plan, data.objectiveId) : null;
    }
    if (data.dueDate !== undefined && data.dueDate !== action.dueDate) {
      assertDueDateInPlan(action.plan, data.dueDate, ['dueDate']);
    }
    if (data.title !== undefined) action.title = data.title;
    if (data.description !== undefined) action.description = data.description;
    if (data.dueDate !== undefined) action.dueDate = data.dueDate;
    if (data.progress !== undefined) action.progress = data.progress;
    if (data.status !== undefined && data.status !== action.status) {
      if (data.status === 'DONE') action.completedAt = new Date();
      else action.completedAt = null;
      action.status = data.status;
    }
    if (action.status === 'DONE') action.progress = 100;
    action.updatedAt = new Date();
    const changed = action.status !== from.status || action.progress !== from.progress;
    if (changed || (data.note !== undefined && data.note.trim() !== '')) {
      em.create(PlanActionUpdate, {
        id: newId(),
        action,
        author: actor.id,
        at: new Date(),
        fromStatus: from.status,
        toStatus: action.status,
        fromProgress: from.progress,
        toProgress: action.progress,
        note: data.note ?? '',
      });
    }
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'PlanAction',
      entityId: action.id,
      action: 'UPDATE',
      before,
      after: actionSnapshot(action),
    });
    await publishPlanActionUpdated(
      em,
      action,
      { before, after: actionSnapshot(action), note: data.note },
      actor.id,
    );
    return action;
  });
}

const OPEN_STATUSES: readonly ActionStatus[] = ['PLANNED', 'IN_PROGRESS', 'BLOCKED'];

export const myActionsFilter = z.object({
  overdue: z.boolean().nullish(),
  dueWithinDays: z.number().int().min(0).max(366).nullish(),
  status: z.array(z.enum(ACTION_STATUSES)).max(ACTION_STATUSES.length).nullish(),
});

/**
 * The Today screen: actions of ACTIVE plans on active accounts that the viewer owns, plus, for a
 * manager, every action on their team's accounts. Open actions only unless `status` says otherwise;
 * `overdue` keeps only (or excludes) overdue ones; `dueWithinDays` keeps those due by today + N.
 * Soonest due first, at most 200.
 */
export async function listMyActions(scope: Scope, filterInput: unknown): Promise<PlanAction[]> {
  const { actor } = requireViewer(scope);
  const filter = validate(myActionsFilter, filterInput ?? {});
  const today = todayIso();
  const whose: FilterQuery<PlanAction> =
    actor.role === 'MANAGER'
      ? { $or: [{ owner: actor.id }, { account: visibleAccounts(actor) as never }] }
      : { owner: actor.id };
  const conditions: FilterQuery<PlanAction>[] = [
    whose,
    { account: { $and: [visibleAccounts(actor) as never, { status: 'ACTIVE' }] } },
    { plan: { status: 'ACTIVE' } },
    { status: { $in: [...(filter.status ?? OPEN_STATUSES)] } },
  ];
  if (filter.overdue === true)
    conditions.push({ dueDate: { $lt: today }, status: { $in: [...OPEN_STATUSES] } });
  if (filter.overdue === false) {
    conditions.push({ $or: [{ dueDate: { $gte: today } }, { status: { $in: ['DONE', 'CANCELLED'] } }] });
  }
  if (filter.dueWithinDays != null)
    conditions.push({ dueDate: { $lte: addDays(today, filter.dueWithinDays) } });
  return scope.em.find(
    PlanAction,
    { $and: conditions },
    { orderBy: { dueDate: 'asc', id: 'asc' }, limit: 200 },
  );
}

/** Actions among `ids` that the viewer may read (null for the others), in order. */
export async function loadActions(scope: Scope, ids: readonly string[]): Promise<(PlanAction | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(PlanAction, { id: { $in: [...ids] } });
  const byId = new Map(found.map((a) => [a.id, a]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (a) => a.account.id,
  );
}

/** Actions of many (already authorized) plans, soonest due first. */
export async function actionsByPlan(em: EntityManager, planIds: readonly string[]): Promise<PlanAction[][]> {
  const rows = await em.find(
    PlanAction,
    { plan: { $in: [...planIds] } },
    { orderBy: { dueDate: 'asc', id: 'asc' } },
  );
  return planIds.map((id) => rows.filter((r) => r.plan.id === id));
}

/** Update logs of many (already authorized) actions, oldest entry first. */
export async function updatesByAction(
  em: EntityManager,
  actionIds: readonly string[],
): Promise<PlanActionUpdate[][]> {
  const rows = await em.find(
    PlanActionUpdate,
    { action: { $in: [...actionIds] } },
    { orderBy: { at: 'asc', id: 'asc' } },
  );
  return actionIds.map((id) => rows.filter((r) => r.action.id === id));
}
