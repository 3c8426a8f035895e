import { type Actor, canWriteAccount } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { conflictOnRace, NotFoundError, ValidationError } from '../../errors.js';
import type { Account } from '../accounts/account.entity.js';
import { accessFacts, getWritableAccount } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import { actorsOf } from '../users/user.service.js';
import { AccountPlan, type Objective, type PlanAction } from './plan.entity.js';

/** Today's calendar date in UTC, 'YYYY-MM-DD' (what `overdue` and the Today screen compare with). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * Runs `work` in one transaction; an optimistic-lock failure at flush (someone committed between
 * our version check and our write) becomes a ConflictError carrying the object as it is now (a
 * stale expectedVersion's ConflictError is reloaded by the entity manager, see db/retry.ts).
 */
export async function writeTransaction<T>(
  scope: Scope,
  entity: {
    name: string;
    class: typeof AccountPlan | typeof Objective | typeof PlanAction;
    id: string | null;
  },
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const { id } = entity;
  if (!id) return scope.em.transactional(work);
  return conflictOnRace(
    entity.name,
    () => scope.em.fork().findOne(entity.class as typeof AccountPlan, { id }),
    () => scope.em.transactional(work),
  );
}

/**
 * The plan, if the viewer may work on its account (NotFound, Forbidden, or ValidationError for an
 * archived account, as getWritableAccount) and it is not CLOSED (closed plans are history).
 */
export async function getWritablePlan(
  scope: Scope,
  planId: string,
  options: { allowClosed?: boolean } = {},
): Promise<{ plan: AccountPlan; account: Account }> {
  const plan = await scope.em.findOne(AccountPlan, { id: planId });
  if (!plan) throw new NotFoundError('AccountPlan');
  const account = await getWritableAccount(scope, plan.account.id, 'AccountPlan');
  if (plan.status === 'CLOSED' && !options.allowClosed) throw ValidationError.field([], 'planClosed');
  return { plan, account };
}

/**
 * The user who may own an action on `account`: an active user who may write it (its owner, a
 * supporter, or the team's manager). ValidationError on `path` otherwise.
 */
export async function findActionOwner(
  em: EntityManager,
  account: Account,
  ownerId: string,
  path: readonly (string | number)[],
): Promise<User> {
  const user = await em.findOne(User, { id: ownerId, active: true });
  if (user) {
    const candidate = (await actorsOf(em, [user])).get(user.id) as Actor;
    if (canWriteAccount(candidate, accessFacts(account))) return user;
  }
  throw ValidationError.field(path, 'actionOwnerNotAllowed');
}
