import {
  type HealthAction,
  type HealthVisit,
  type RelationshipHealth,
  relationshipHealth,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { dateOf, marks, rows } from '../../db/rows.js';
import type { Account } from '../accounts/account.entity.js';
import { activeActionsOf } from './signals.service.js';

/** How far back visits are read; health only weighs the latest visits and the last visit's age. */
const VISIT_LOOKBACK_DAYS = 540;
/** The trend compares today's score with the score this many days ago. */

export const HEALTH_TREND_DAYS = 30;

export interface AccountHealth extends RelationshipHealth {
  /** Score change since HEALTH_TREND_DAYS ago; null when either score is missing. */
  readonly trend: number | null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Relationship health of many (already authorized) accounts, from their visits and the actions of
 * their active plans: three queries for the whole batch, whatever its size.
 */
export async function healthOfAccounts(
  em: EntityManager,
  accounts: readonly Pick<Account, 'id' | 'visitCadenceDays'>[],
  now = new Date(),
): Promise<AccountHealth[]> {
  const ids = accounts.map((a) => a.id);
  const since = new Date(now.getTime() - VISIT_LOOKBACK_DAYS * 86_400_000);
  // Plain rows, not entities: a list of 20 accounts reads about a thousand visits, and hydrating
  // them as entities cost more than the rest of the list (bench/README.md).
  const [visits, actionsOf] = await Promise.all([
    rows<{ account_id: string; occurred_at: unknown; acceptance: number }>(
      em,
      `select account_id, occurred_at, acceptance from visit
        where account_id in (${marks(ids.length)}) and occurred_at >= ? order by occurred_at desc`,
      [...ids, since],
    ),
    activeActionsOf(em, ids),
  ]);
  const visitsOf = group(
    visits,
    (v) => v.account_id,
    (v): HealthVisit => ({ date: isoDay(dateOf(v.occurred_at)), acceptance: Number(v.acceptance) }),
  );
  const today = isoDay(now);
  const before = isoDay(new Date(now.getTime() - HEALTH_TREND_DAYS * 86_400_000));
  return accounts.map(({ id, visitCadenceDays }, i) => {
    const input = {
      visits: visitsOf.get(id) ?? [],
      actions: (actionsOf[i] ?? []).map(
        (a): HealthAction => ({
          dueDate: a.dueDate,
          status: a.status,
          completedAt: a.completedAt?.toISOString() ?? null,
        }),
      ),
      visitCadenceDays,
    };
    const current = relationshipHealth({ ...input, today });
    const earlier = relationshipHealth({ ...input, today: before });
    const trend = current.score !== null && earlier.score !== null ? current.score - earlier.score : null;
    return { ...current, trend };
  });
}
function group<T, V>(rows: readonly T[], keyOf: (row: T) => string, map: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key) ?? [];
    list.push(map(row));
    groups.set(key, list);
  }
  return groups;
}
