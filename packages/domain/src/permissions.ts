import type { Role } from './enums.js';

/**
 * Who may do what (SPEC.md "Who may do what"), as pure functions. The API enforces the same rules
 * in SQL for lists; the authorization matrix tests prove both agree.
 *
 * A manager's team accounts are the accounts owned by a KAM of a team the manager leads.
 */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** Teams this user leads (managers). */
  readonly ledTeamIds: readonly string[];
}

/** The facts about an account that decide access to it and to everything inside it. */
export interface AccountAccessFacts {
  readonly ownerId: string;
  /** The team of the owner, if the owner belongs to one. */
  readonly ownerTeamId: string | null;
  readonly supporterIds: readonly string[];
}

const isKamOfAccount = (actor: Actor, account: AccountAccessFacts): boolean =>
  actor.role === 'KAM' && (account.ownerId === actor.id || account.supporterIds.includes(actor.id));

const isManagerOfAccount = (actor: Actor, account: AccountAccessFacts): boolean =>
  actor.role === 'MANAGER' &&
  (account.ownerId === actor.id ||
    (account.ownerTeamId !== null && actor.ledTeamIds.includes(account.ownerTeamId)));

/** Read the account and everything that hangs from it (plans, visits, KPIs...). */
export function canReadAccount(actor: Actor, account: AccountAccessFacts): boolean {
  return actor.role === 'ADMIN' || isKamOfAccount(actor, account) || isManagerOfAccount(actor, account);
}

/**
 * Write the account's working data: profile, stakeholders, plans, actions, visits, KPI values,
 * revenue records, and its descriptive fields. Admins read everything but do not do the KAM's work.
 */
export function canWriteAccount(actor: Actor, account: AccountAccessFacts): boolean {
  return isKamOfAccount(actor, account) || isManagerOfAccount(actor, account);
}

/**
 * Decisions about the account itself: create it, change its owner, tier or supporting team, archive
 * it. Managers for their team's accounts, admins for any.
 */
export function canManageAccount(actor: Actor, account: AccountAccessFacts): boolean {
  return actor.role === 'ADMIN' || isManagerOfAccount(actor, account);
}

/** Approve or reject a resource request made for an account. */
export function canDecideResourceRequest(actor: Actor, account: AccountAccessFacts): boolean {
  return isManagerOfAccount(actor, account);
}

/** Users, teams, API tokens of others, KPI templates. */
export function canAdminister(actor: Actor): boolean {
  return actor.role === 'ADMIN';
}

/** See another user's profile (name, role, team): oneself, one's team, or anyone for admins. */
export function canReadUser(
  actor: Actor,
  user: { readonly id: string; readonly teamId: string | null; readonly ledTeamIds: readonly string[] },
  actorTeamId: string | null,
): boolean {
  if (actor.role === 'ADMIN' || actor.id === user.id) return true;
  if (user.teamId !== null && actor.ledTeamIds.includes(user.teamId)) return true;
  if (actorTeamId === null) return false;
  return user.teamId === actorTeamId || user.ledTeamIds.includes(actorTeamId);
}

/**
 * Give an account to an owner: admins to any active KAM or manager; managers to themselves or a KAM
 * of a team they lead. KAMs never reassign accounts.
 */
export function canAssignOwner(
  actor: Actor,
  owner: { readonly id: string; readonly role: Role; readonly teamId: string | null },
): boolean {
  if (owner.role === 'ADMIN') return false;
  if (actor.role === 'ADMIN') return true;
  if (actor.role !== 'MANAGER') return false;
  return owner.id === actor.id || (owner.teamId !== null && actor.ledTeamIds.includes(owner.teamId));
}
