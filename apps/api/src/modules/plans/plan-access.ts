import { type Actor, canWriteAccount } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { conflictOnRace, NotFoundError, ValidationError } from '../../errors.js';
import type { Account } from '../accounts/account.entity.js';
import { accessFacts, getWritableAccount } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';
import { Team, type User } from '../users/user.entity.js';
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
 * Who may own actions of each account (SPEC.md: whoever may work the account): its owner, its
 * supporters and the manager of the owner's team, active users only and only those who may write
 * the account (a supporter who is a manager of another team may not). Owner first, then the others
 * by name. Three queries for any number of accounts.
 */
export async function assignableOwnersByAccount(
  em: EntityManager,
  accounts: readonly Account[],
): Promise<User[][]> {
  if (accounts.length === 0) return [];
  await em.populate(accounts as Account[], ['owner', 'supporters']);
  const teamIds = [...new Set(accounts.map((a) => a.owner.team?.id).filter((id): id is string => !!id))];
  const teams = teamIds.length
    ? await em.find(Team, { id: { $in: teamIds }, manager: { $ne: null } }, { populate: ['manager'] })
    : [];
  const managerOf = new Map(teams.map((t) => [t.id, t.manager as User]));
  const candidates = accounts.map((account) => {
    const manager = account.owner.team ? managerOf.get(account.owner.team.id) : undefined;
    const users = [account.owner, ...account.supporters.getItems(), ...(manager ? [manager] : [])];
    return [...new Map(users.filter((u) => u.active).map((u) => [u.id, u])).values()];
  });
  const actors = await actorsOf(em, [...new Map(candidates.flat().map((u) => [u.id, u])).values()]);
  return accounts.map((account, i) => {
    const facts = accessFacts(account);
    const allowed = (candidates[i] ?? []).filter((u) => canWriteAccount(actors.get(u.id) as Actor, facts));
    const owner = allowed.find((u) => u.id === account.owner.id);
    const others = allowed
      .filter((u) => u !== owner)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return owner ? [owner, ...others] : others;
  });
}

/**
 * The user who may own an action on `account`: one of its `assignableOwners`. ValidationError on
 * `path` otherwise.
 */
export async function findActionOwner(
  em: EntityManager,
  account: Account,
  ownerId: string,
  path: readonly (string | number)[],
): Promise<User> {
  const [owners = []] = await assignableOwnersByAccount(em, [account]);
  const user = owners.find((u) => u.id === ownerId.toLowerCase());
  if (user) return user;
  throw ValidationError.field(path, 'actionOwnerNotAllowed');
}
