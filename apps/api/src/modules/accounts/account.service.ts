import {
  type AccountAccessFacts,
  type Actor,
  accountFilterInput,
  canAssignOwner,
  canManageAccount,
  canReadAccount,
  canWriteAccount,
  createAccountInput,
  setAccountRevenueInput,
  updateAccountInput,
} from '@clave/domain';
import { Cursor, type EntityManager, type FilterQuery, raw, ref } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { newId } from '../../db/ids.js';
import { SQLITE_LOWER } from '../../db/orm.js';
import { ForbiddenError, NotFoundError, ValidationError, validate } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope, Viewer } from '../auth/viewer.js';
import { User } from '../users/user.entity.js';
import { Account, AccountMonthlyRevenue, AccountRevenue } from './account.entity.js';

export function requireViewer(scope: Scope): Viewer {
  if (!scope.viewer) throw new ForbiddenError();
  return scope.viewer;
}

/**
 * The accounts `actor` may read, as a query condition: the SQL twin of the domain's
 * canReadAccount, used for every list so that pages and counts never include a hidden row.
 */
export function visibleAccounts(actor: Actor): FilterQuery<Account> {
  switch (actor.role) {
    case 'ADMIN':
      return {};
    case 'MANAGER': {
      const teams = [...actor.ledTeamIds];
      if (teams.length === 0) return { owner: actor.id };
      // The owners as a subquery rather than an OR across a join to app_user, which no index can
      // serve: the account table is then read through its owner index (test/query-plans.test.ts).
      const owners = `select u.id from app_user u where u.id = ? or u.team_id in (${teams.map(() => '?').join(', ')})`;
      return { [raw((alias: string) => `${alias}.owner_id in (${owners})`, [actor.id, ...teams])]: [] };
    }
    case 'KAM':
      // `$some` makes the supporter test a subquery (`id in (select … from account_supporter …)`)
      // instead of a join: both sides of the OR are then index lookups on the account table, and
      // lists need no GROUP BY wrapper (test/query-plans.test.ts; bench/README.md).
      return { $or: [{ owner: actor.id }, { supporters: { $some: { id: actor.id } } }] };
  }
}

/** The facts permission rules need; `account` must have its owner and supporters loaded. */
export function accessFacts(account: Account): AccountAccessFacts {
  return {
    ownerId: account.owner.id,
    ownerTeamId: account.owner.team?.id ?? null,
    supporterIds: account.supporters.getItems().map((u) => u.id),
  };
}

export const ACCOUNT_ORDER_FIELDS = ['NAME', 'UPDATED_AT'] as const;
export type AccountOrderField = (typeof ACCOUNT_ORDER_FIELDS)[number];
export interface AccountOrder {
  readonly field: AccountOrderField;
  readonly direction: 'ASC' | 'DESC';
}

export interface AccountPageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly filter?: unknown;
  readonly orderBy?: AccountOrder | null;
}

export async function listAccounts(scope: Scope, request: AccountPageRequest): Promise<Cursor<Account>> {
  const { actor } = requireViewer(scope);
  const filter = validate(accountFilterInput, request.filter ?? {});
  const conditions: FilterQuery<Account>[] = [visibleAccounts(actor)];
  if (!filter.includeArchived) conditions.push({ status: 'ACTIVE' });
  if (filter.tier) conditions.push({ tier: filter.tier });
  if (filter.ownerId) conditions.push({ owner: filter.ownerId });
  if (filter.search) conditions.push(nameContains(scope.em, filter.search));
  const direction = request.orderBy?.direction === 'DESC' ? 'desc' : 'asc';
  const orderBy =
    request.orderBy?.field === 'UPDATED_AT'
      ? { updatedAt: direction, id: direction }
      : { name: direction, id: direction };
  if (request.after) assertCursor(request.after);
  return scope.em.findByCursor(Account, { $and: conditions }, {
    first: request.first ?? 20,
    after: request.after ?? undefined,
    orderBy,
    includeCount: true,
    populate: ['owner'],
  } as never);
}

function assertCursor(cursor: string): void {
  try {
    if (Array.isArray(Cursor.decode(cursor))) return;
  } catch {
    // a malformed cursor is the caller's mistake, reported below
  }
  throw ValidationError.field(['after'], 'invalidInput');
}

/**
 * Case-insensitive substring match without LIKE, whose wildcards and escaping differ between
 * SQLite and PostgreSQL; the text reaches SQL only as hex digits, never as itself.
 */
function nameContains(em: EntityManager, text: string): FilterQuery<Account> {
  const postgres = em.getPlatform().getConfig().get('driver') === PostgreSqlDriver;
  // The text travels as hex digits, decoded by the database: MikroORM writes a raw fragment's
  // parameters into its SQL and then reads the whole statement for placeholders again, so a `?`
  // in the text (a search for "¿sí?") was taken for one and the query failed.
  const hex = Buffer.from(text.toLowerCase(), 'utf8').toString('hex');
  const needle = postgres ? `convert_from(decode('${hex}', 'hex'), 'UTF8')` : `cast(x'${hex}' as text)`;
  return {
    [raw((alias: string) =>
      postgres
        ? `strpos(lower(${alias}.name), ${needle})`
        : `instr(${SQLITE_LOWER}(${alias}.name), ${needle})`,
    )]: { $gt: 0 },
  };
}

/** The accounts among `ids` that the viewer may read, in the order asked; null for the others. */
export async function loadAccounts(scope: Scope, ids: readonly string[]): Promise<(Account | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const { actor } = scope.viewer;
  const found = await scope.em.find(
    Account,
    { id: { $in: [...ids] } },
    { populate: ['owner', 'supporters'] },
  );
  const visible = new Map(found.filter((a) => canReadAccount(actor, accessFacts(a))).map((a) => [a.id, a]));
  return ids.map((id) => visible.get(id) ?? null);
}

async function getReadable(scope: Scope, id: string): Promise<Account> {
  const [account] = await loadAccounts(scope, [id]);
  if (!account) throw new NotFoundError('Account');
  return account;
}

/** The account if the viewer may read it; NotFoundError otherwise (also for a missing id). */
export const getReadableAccount = getReadable;

/**
 * The account if the viewer may work on it (its KAMs and their manager): NotFoundError when they
 * may not see it, ForbiddenError when they may only read it, ValidationError when it is archived.
 * Pass the transaction's scope so the check and the change see the same data; `notFoundAs` names
 * the entity the caller asked for, when it asked through a child of the account.
 */
export async function getWritableAccount(scope: Scope, id: string, notFoundAs = 'Account'): Promise<Account> {
  const { actor } = requireViewer(scope);
  // A child of a hidden account answers as a missing child, not as a missing account: the two
  // must be indistinguishable from an id that does not exist.
  const [account] = await loadAccounts(scope, [id]);
  if (!account) throw new NotFoundError(notFoundAs);
  if (!canWriteAccount(actor, accessFacts(account))) throw new ForbiddenError();
  if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
  return account;
}

/**
 * Of `items` that belong to accounts, those whose account the viewer may read, in order, with
 * null for the others: the batch authorization every child entity's loader uses, so `node(id:)`
 * and nested fields follow the account's rules. One query for the whole batch.
 */
export async function visibleByAccount<T>(
  scope: Scope,
  items: readonly (T | null | undefined)[],
  accountIdOf: (item: T) => string,
): Promise<(T | null)[]> {
  const present = items.filter((i): i is T => i != null);
  const accountIds = [...new Set(present.map(accountIdOf))];
  const accounts = await loadAccounts(scope, accountIds);
  const readable = new Set(accounts.filter((a): a is Account => a !== null).map((a) => a.id));
  return items.map((item) => (item != null && readable.has(accountIdOf(item)) ? item : null));
}

function snapshot(account: Account): Record<string, unknown> {
  return {
    name: account.name,
    segment: account.segment,
    tier: account.tier,
    status: account.status,
    ownerId: account.owner.id,
    supporterIds: account.supporters
      .getItems()
      .map((u) => u.id)
      .sort(),
    visitCadenceDays: account.visitCadenceDays,
    address: account.address ?? null,
  };
}

async function findAssignableOwner(em: EntityManager, actor: Actor, ownerId: string): Promise<User> {
  const owner = await em.findOne(User, { id: ownerId, active: true });
  if (!owner || !canAssignOwner(actor, { id: owner.id, role: owner.role, teamId: owner.team?.id ?? null })) {
    throw ValidationError.field(['ownerId'], 'ownerNotAllowed');
  }
  return owner;
}

/**
 * Supporters gain access to the account, so the same rule as for owners applies: a manager may
 * only bring in members of a team they lead; an admin anyone but an admin.
 */
async function findSupporters(em: EntityManager, actor: Actor, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const candidates = await em.find(User, { id: { $in: [...ids] }, active: true });
  const users = candidates.filter((u) =>
    canAssignOwner(actor, { id: u.id, role: u.role, teamId: u.team?.id ?? null }),
  );
  const found = new Set(users.map((u) => u.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw ValidationError.field(['supporterIds', missing], 'supporterNotAllowed');
  return users;
}

export async function createAccount(scope: Scope, input: unknown): Promise<Account> {
  const { actor } = requireViewer(scope);
  if (actor.role === 'KAM') throw new ForbiddenError();
  const data = validate(createAccountInput, input);
  return scope.em.transactional(async (em) => {
    const owner = await findAssignableOwner(em, actor, data.ownerId);
    const supporters = await findSupporters(em, actor, data.supporterIds);
    const account = em.create(Account, {
      id: newId(),
      name: data.name,
      segment: data.segment,
      tier: data.tier,
      status: 'ACTIVE',
      owner,
      supporters,
      visitCadenceDays: data.visitCadenceDays,
      address: data.address,
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Account',
      entityId: account.id,
      action: 'CREATE',
      after: snapshot(account),
    });
    return account;
  });
}

/**
 * Descriptive fields (name, segment, cadence) are the account team's to edit; owner, tier and
 * supporting team are management decisions.
 */
export async function updateAccount(scope: Scope, id: string, input: unknown): Promise<Account> {
  const { actor } = requireViewer(scope);
  const data = validate(updateAccountInput, input);
  return scope.em.transactional(async (em) => {
    const account = await getReadable({ ...scope, em }, id);
    const facts = accessFacts(account);
    const managing = data.ownerId !== undefined || data.tier !== undefined || data.supporterIds !== undefined;
    const allowed = canManageAccount(actor, facts) || (!managing && canWriteAccount(actor, facts));
    if (!allowed) throw new ForbiddenError();
    if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
    // Every check that can fail runs before the first change.
    const owner = data.ownerId === undefined ? undefined : await findAssignableOwner(em, actor, data.ownerId);
    const supporters =
      data.supporterIds === undefined ? undefined : await findSupporters(em, actor, data.supporterIds);
    const before = snapshot(account);
    if (data.name !== undefined) account.name = data.name;
    if (data.segment !== undefined) account.segment = data.segment;
    if (data.visitCadenceDays !== undefined) account.visitCadenceDays = data.visitCadenceDays;
    if (data.address !== undefined) account.address = data.address;
    if (data.tier !== undefined) account.tier = data.tier;
    if (owner) account.owner = ref(owner) as never;
    if (supporters) account.supporters.set(supporters);
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Account',
      entityId: account.id,
      action: 'UPDATE',
      before,
      after: snapshot(account),
    });
    return account;
  });
}

/** Accounts are never deleted from the product: archiving hides them from default lists. */
export async function archiveAccount(scope: Scope, id: string): Promise<Account> {
  const { actor } = requireViewer(scope);
  return scope.em.transactional(async (em) => {
    const account = await getReadable({ ...scope, em }, id);
    if (!canManageAccount(actor, accessFacts(account))) throw new ForbiddenError();
    if (account.status === 'ARCHIVED') return account;
    const before = snapshot(account);
    account.status = 'ARCHIVED';
    account.archivedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Account',
      entityId: account.id,
      action: 'ARCHIVE',
      before,
      after: snapshot(account),
    });
    return account;
  });
}

/**
 * Records (or corrects) the account's revenue with us for one year; refused for a year that has
 * monthly revenue, whose figure is the sum of its months.
 */
export async function setAccountRevenue(
  scope: Scope,
  accountId: string,
  input: unknown,
): Promise<AccountRevenue> {
  const { actor } = requireViewer(scope);
  const data = validate(setAccountRevenueInput, input);
  return scope.em.transactional(async (em) => {
    const account = await getReadable({ ...scope, em }, accountId);
    if (!canWriteAccount(actor, accessFacts(account))) throw new ForbiddenError();
    if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
    // A year with months is their sum (recordMonthlyRevenue keeps it): typing over it would
    // make the year and its months disagree.
    const months = await em.count(AccountMonthlyRevenue, {
      account: account.id,
      month: { $gte: `${data.year}-01`, $lte: `${data.year}-12` },
    });
    if (months > 0) throw ValidationError.field(['year'], 'yearHasMonths');
    const existing = await em.findOne(AccountRevenue, { account: account.id, year: data.year });
    const before = existing ? { year: existing.year, amount: existing.amount } : null;
    const record =
      existing ?? em.create(AccountRevenue, { id: newId(), account, year: data.year, amount: data.amount });
    record.amount = data.amount;
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'AccountRevenue',
      entityId: `${account.id}:${data.year}`,
      action: existing ? 'UPDATE' : 'CREATE',
      before,
      after: { year: data.year, amount: data.amount },
    });
    return record;
  });
}

/** Revenue records of many (already authorized) accounts, newest year first. */
export async function revenueByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<AccountRevenue[][]> {
  const rows = await em.find(
    AccountRevenue,
    { account: { $in: [...accountIds] } },
    { orderBy: { year: 'desc' } },
  );
  return accountIds.map((id) => rows.filter((r) => r.account.id === id));
}
