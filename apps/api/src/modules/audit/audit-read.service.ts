import { Cursor, type FilterQuery, raw } from '@mikro-orm/core';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { loadAccounts, requireViewer } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';
import { AuditEntry } from './audit.entity.js';

export interface AuditPageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** One changed field of an entry, values as JSON text (null when the field was absent). */
export interface AuditChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** What each history shows: the object's own entries, by entity type. */
export type HistorySubject =
  | { readonly kind: 'Account'; readonly id: string }
  | { readonly kind: 'AccountPlan' | 'PlanAction' | 'Stakeholder' | 'KpiDefinition'; readonly id: string };

/** Revenue changes belong to the account's history: they are the account's figures. */
const ACCOUNT_TYPES = ['Account', 'AccountRevenue', 'AccountMonthlyRevenue'];

function historyCondition(subject: HistorySubject): FilterQuery<AuditEntry> {
  switch (subject.kind) {
    case 'Account':
      return { accountId: subject.id, entityType: { $in: ACCOUNT_TYPES } };
    case 'KpiDefinition':
      // The definition, and its measurements: batches (entity id = the definition) and single
      // corrections or removals (`<definition>:<period>`).
      return {
        $or: [
          { entityType: { $in: ['KpiDefinition', 'KpiMeasurement'] }, entityId: subject.id },
          { entityType: 'KpiMeasurement', entityId: { $like: `${subject.id}:%` } },
        ],
      };
    default:
      return { entityType: subject.kind, entityId: subject.id };
  }
}

function page(scope: Scope, where: FilterQuery<AuditEntry>, request: AuditPageRequest) {
  if (request.after) assertCursor(request.after);
  return scope.em.findByCursor(AuditEntry, where, {
    first: request.first ?? 50,
    after: request.after ?? undefined,
    orderBy: { at: 'desc', id: 'desc' },
    includeCount: true,
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

/** The history of an object the caller has already been allowed to read, newest first. */
export function historyOf(scope: Scope, subject: HistorySubject, request: AuditPageRequest) {
  return page(scope, historyCondition(subject), request);
}

export interface AuditLogFilter extends AuditPageRequest {
  readonly accountId?: string | null;
  readonly actorId?: string | null;
  readonly entityType?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

/**
 * The audit log: all entries for an admin; for a manager, the entries of their team's accounts
 * (entries outside any account — users, tokens, webhooks, settings — are the admins'). KAMs and
 * API tokens are refused: the log is a management screen, and tokens have no scope for it.
 */
export function auditLog(scope: Scope, filter: AuditLogFilter) {
  const { actor, credential } = requireViewer(scope);
  if (credential.kind !== 'session' || actor.role === 'KAM') throw new ForbiddenError();
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw ValidationError.field(['to'], 'periodReversed');
  }
  if (filter.entityType != null && (filter.entityType.length === 0 || filter.entityType.length > 60)) {
    throw ValidationError.field(['entityType'], 'invalidInput');
  }
  const conditions: FilterQuery<AuditEntry>[] = [];
  if (actor.role === 'MANAGER') {
    const teams = [...actor.ledTeamIds];
    // The SQL twin of visibleAccounts for a manager: accounts owned by themselves or their teams
    // (the account id cast to the column's text type, which PostgreSQL will not compare to a uuid).
    const owners = `select u.id from app_user u where u.id = ?${teams.length ? ` or u.team_id in (${teams.map(() => '?').join(', ')})` : ''}`;
    conditions.push({
      [raw(
        (alias: string) =>
          `${alias}.account_id in (select cast(a.id as varchar(64)) from account a where a.owner_id in (${owners}))`,
        [actor.id, ...teams],
      )]: [],
    } as FilterQuery<AuditEntry>);
  }
  if (filter.accountId) conditions.push({ accountId: filter.accountId });
  if (filter.actorId) conditions.push({ actor: filter.actorId });
  if (filter.entityType) conditions.push({ entityType: filter.entityType });
  if (filter.from) conditions.push({ at: { $gte: filter.from } });
  if (filter.to) conditions.push({ at: { $lte: filter.to } });
  return page(scope, conditions.length ? { $and: conditions } : {}, filter);
}

/** Entries by id for `node(id:)`: each only if the caller could read it in the log or a history. */
export async function loadAuditEntries(scope: Scope, ids: readonly string[]): Promise<(AuditEntry | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(AuditEntry, { id: { $in: [...ids] } });
  const admin = scope.viewer.actor.role === 'ADMIN';
  const accountIds = [...new Set(found.flatMap((e) => (e.accountId ? [e.accountId] : [])))];
  const readable = new Set((await loadAccounts(scope, accountIds)).flatMap((a) => (a ? [a.id] : [])));
  const byId = new Map(
    found.filter((e) => admin || (e.accountId && readable.has(e.accountId))).map((e) => [e.id, e]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** Each changed field: the union of the keys before and after, unchanged ones left out. */
export function changesOf(entry: Pick<AuditEntry, 'before' | 'after'>): AuditChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return fields
    .map((field) => ({ field, before: json(before[field]), after: json(after[field]) }))
    .filter((c) => c.before !== c.after);
}
