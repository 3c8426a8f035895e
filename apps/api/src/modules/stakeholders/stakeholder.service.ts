import { createHash } from 'node:crypto';
import {
  type CreateStakeholderInput,
  createStakeholderInput,
  STAKEHOLDER_ROLES,
  type StakeholderRole,
  updateStakeholderInput,
} from '@clave/domain';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { marks, rows } from '../../db/rows.js';
import {
  assertVersion,
  ConflictError,
  conflictOnRace,
  NotFoundError,
  ValidationError,
  validate,
} from '../../errors.js';
import type { Account } from '../accounts/account.entity.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { Stakeholder } from './stakeholder.entity.js';

/** Stakeholders by id, null where missing or where the viewer may not read the account. */
export async function loadStakeholders(
  scope: Scope,
  ids: readonly string[],
): Promise<(Stakeholder | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(Stakeholder, { id: { $in: [...ids] } });
  const byId = new Map(found.map((s) => [s.id, s]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (s) => s.account.id,
  );
}

/** Stakeholders of already authorized accounts, by name. */
export async function stakeholdersByAccount(
  em: EntityManager,
  accountIds: readonly string[],
  includeArchived: boolean,
): Promise<Stakeholder[][]> {
  const rows = await em.find(
    Stakeholder,
    { account: { $in: [...accountIds] }, ...(includeArchived ? {} : { archivedAt: null }) },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
  return accountIds.map((id) => rows.filter((s) => s.account.id === id));
}

/** The active people who report to each of `ids` (already authorized through their manager). */
export async function directReportsOf(em: EntityManager, ids: readonly string[]): Promise<Stakeholder[][]> {
  const rows = await em.find(
    Stakeholder,
    { reportsTo: { $in: [...ids] }, archivedAt: null },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
  return ids.map((id) => rows.filter((s) => s.reportsTo?.id === id));
}

/** How far back a meeting keeps a decision role covered, in calendar days. */
export const BUYING_CENTRE_DAYS = 90;

/**
 * For each account (already authorized), the decision roles that no active stakeholder holding
 * them has been met in (a visit linking them) since the start of the UTC day BUYING_CENTRE_DAYS
 * ago, in STAKEHOLDER_ROLES order. One query for all the accounts.
 */
export async function buyingCentreGaps(
  em: EntityManager,
  accountIds: readonly string[],
  now: Date = new Date(),
): Promise<StakeholderRole[][]> {
  if (accountIds.length === 0) return [];
  const since = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - BUYING_CENTRE_DAYS),
  );
  const found = await rows<{ account_id: string; decision_role: string }>(
    em,
    `select distinct s.account_id, s.decision_role
       from stakeholder s
       join visit_stakeholder vs on vs.stakeholder_id = s.id
       join visit v on v.id = vs.visit_id
      where s.account_id in (${marks(accountIds.length)}) and s.archived_at is null and v.occurred_at >= ?`,
    [...accountIds, since],
  );
  const met = new Set(found.map((r) => `${r.account_id}|${r.decision_role}`));
  return accountIds.map((id) => STAKEHOLDER_ROLES.filter((role) => !met.has(`${id}|${role}`)));
}

async function getWritableStakeholder(scope: Scope, id: string): Promise<Stakeholder> {
  const [stakeholder] = await loadStakeholders(scope, [id]);
  if (!stakeholder) throw new NotFoundError('Stakeholder');
  await getWritableAccount(scope, stakeholder.account.id);
  return stakeholder;
}

/**
 * The manager `reportsToId` names for `subject` (null for a new stakeholder): an active
 * stakeholder of the same account, and not someone who already reports, directly or not, to the
 * subject — the map must stay a tree an API user can walk up without looping.
 */
async function findManager(
  em: EntityManager,
  account: Account,
  reportsToId: string,
  subjectId: string | null,
): Promise<Stakeholder> {
  const colleagues = await em.find(Stakeholder, { account: account.id });
  const byId = new Map(colleagues.map((s) => [s.id, s]));
  const manager = byId.get(reportsToId);
  if (!manager) throw ValidationError.field(['reportsToId'], 'stakeholderNotInAccount');
  if (manager.archivedAt) throw ValidationError.field(['reportsToId'], 'stakeholderArchived');
  const seen = new Set<string>();
  for (
    let at: Stakeholder | undefined = manager;
    at;
    at = at.reportsTo ? byId.get(at.reportsTo.id) : undefined
  ) {
    if (at.id === subjectId || seen.has(at.id))
      throw ValidationError.field(['reportsToId'], 'reportingCycle');
    seen.add(at.id);
  }
  return manager;
}

function snapshot(s: Stakeholder): Record<string, unknown> {
  return {
    name: s.name,
    title: s.title ?? null,
    decisionRole: s.decisionRole,
    attitude: s.attitude,
    influence: s.influence ?? null,
    reportsToId: s.reportsTo?.id ?? null,
    email: s.email ?? null,
    phone: s.phone ?? null,
    archived: s.archivedAt != null,
  };
}

/**
 * The creation input with one spelling per meaning (defaults applied, absent values as null) and
 * its author: two sends with the same meaning give the same hash.
 */
function contentHashOf(data: CreateStakeholderInput, authorId: string): string {
  const canonical = JSON.stringify({
    id: data.id ?? null,
    accountId: data.accountId,
    authorId,
    name: data.name,
    title: data.title ?? null,
    decisionRole: data.decisionRole,
    attitude: data.attitude,
    influence: data.influence ?? null,
    reportsToId: data.reportsToId ?? null,
    email: data.email ?? null,
    phone: data.phone ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Adds a stakeholder. With a client-made `id` (the phone's outbox) it is idempotent like logVisit:
 * the same id with the same content returns the stored stakeholder and stores nothing; the same id
 * with other content is a ConflictError carrying the stored one; an id taken on an account the
 * caller cannot see is only reported as taken. Two identical sends racing each other are settled
 * by the primary key: the loser answers as a re-send.
 */
export async function createStakeholder(scope: Scope, input: unknown): Promise<Stakeholder> {
  const { actor } = requireViewer(scope);
  const data = validate(createStakeholderInput, input);
  const contentHash = contentHashOf(data, actor.id);
  if (data.id) {
    const stored = await scope.em.findOne(Stakeholder, { id: data.id });
    if (stored) return answerResend(scope, stored, contentHash);
  }
  try {
    return await scope.em.transactional(async (em) => {
      const account = await getWritableAccount({ ...scope, em }, data.accountId);
      const reportsTo = data.reportsToId ? await findManager(em, account, data.reportsToId, null) : null;
      const stakeholder = em.create(Stakeholder, {
        id: data.id ?? newId(),
        account,
        name: data.name,
        title: data.title ?? null,
        decisionRole: data.decisionRole,
        attitude: data.attitude,
        influence: data.influence ?? null,
        reportsTo,
        email: data.email ?? null,
        phone: data.phone ?? null,
        archivedAt: null,
        contentHash,
      });
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'Stakeholder',
        entityId: stakeholder.id,
        action: 'CREATE',
        after: snapshot(stakeholder),
      });
      return stakeholder;
    });
  } catch (error) {
    if (!data.id || !(error instanceof UniqueConstraintViolationException)) throw error;
    const em = scope.em.fork();
    const winner = await em.findOne(Stakeholder, { id: data.id });
    if (!winner) throw error;
    return answerResend({ ...scope, em }, winner, contentHash);
  }
}

async function answerResend(scope: Scope, stored: Stakeholder, contentHash: string): Promise<Stakeholder> {
  const [visible] = await visibleByAccount(scope, [stored], (s) => s.account.id);
  // An id someone else used on an account the caller cannot see: say no more than that it is taken.
  if (!visible) throw ValidationError.field(['id'], 'stakeholderIdTaken');
  if (stored.contentHash !== contentHash) throw new ConflictError('Stakeholder', stored, stored.version);
  return stored;
}

/** Changes the fields sent; with `expectedVersion`, refuses to overwrite a newer edit. */
export async function updateStakeholder(scope: Scope, id: string, input: unknown): Promise<Stakeholder> {
  const { actor } = requireViewer(scope);
  const data = validate(updateStakeholderInput, input);
  return withConflicts(scope, id, () =>
    scope.em.transactional(async (em) => {
      const stakeholder = await getWritableStakeholder({ ...scope, em }, id);
      if (data.expectedVersion !== undefined) assertVersion('Stakeholder', stakeholder, data.expectedVersion);
      if (stakeholder.archivedAt) throw ValidationError.field([], 'stakeholderArchived');
      const before = snapshot(stakeholder);
      if (data.reportsToId !== undefined) {
        stakeholder.reportsTo = data.reportsToId
          ? ((await findManager(em, stakeholder.account as never, data.reportsToId, stakeholder.id)) as never)
          : null;
      }
      if (data.name !== undefined) stakeholder.name = data.name;
      if (data.title !== undefined) stakeholder.title = data.title;
      if (data.decisionRole !== undefined) stakeholder.decisionRole = data.decisionRole;
      if (data.attitude !== undefined) stakeholder.attitude = data.attitude;
      if (data.influence !== undefined) stakeholder.influence = data.influence;
      if (data.email !== undefined) stakeholder.email = data.email;
      if (data.phone !== undefined) stakeholder.phone = data.phone;
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'Stakeholder',
        entityId: stakeholder.id,
        action: 'UPDATE',
        before,
        after: snapshot(stakeholder),
      });
      return stakeholder;
    }),
  );
}

/**
 * Archived stakeholders leave the account's map but keep their visits; people who reported to
 * them keep the link (it is history, and a new manager can be set any time). Twice is harmless.
 */
export async function archiveStakeholder(scope: Scope, id: string): Promise<Stakeholder> {
  const { actor } = requireViewer(scope);
  return scope.em.transactional(async (em) => {
    const stakeholder = await getWritableStakeholder({ ...scope, em }, id);
    if (stakeholder.archivedAt) return stakeholder;
    const before = snapshot(stakeholder);
    stakeholder.archivedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'Stakeholder',
      entityId: stakeholder.id,
      action: 'ARCHIVE',
      before,
      after: snapshot(stakeholder),
    });
    return stakeholder;
  });
}

/** A concurrent writer detected at flush time is a conflict like a stale `expectedVersion`. */
async function withConflicts<T>(scope: Scope, id: string, work: () => Promise<T>): Promise<T> {
  return conflictOnRace('Stakeholder', () => scope.em.fork().findOne(Stakeholder, { id }), work);
}
