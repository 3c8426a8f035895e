import {
  ACCEPTANCE_VISITS,
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

const DAY = 86_400_000;
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
  const since = new Date(now.getTime() - VISIT_LOOKBACK_DAYS * DAY);
  // Health weighs only the latest ACCEPTANCE_VISITS visits up to its day, now and HEALTH_TREND_DAYS
  // ago: every visit since the start of the day after that earlier day, and the latest few before
  // it. Plain rows, not entities; a list of 20 accounts would otherwise read ~1,600 visits.
  const before = new Date(now.getTime() - HEALTH_TREND_DAYS * DAY);
  const cut = new Date(Math.floor(before.getTime() / DAY) * DAY + DAY);
  const [visits, actionsOf] = await Promise.all([
    rows<{ account_id: string; occurred_at: unknown; acceptance: number }>(
      em,
      `select account_id, occurred_at, acceptance from (
         select account_id, occurred_at, acceptance,
                row_number() over (partition by account_id order by occurred_at desc) as n
           from visit where account_id in (${marks(ids.length)}) and occurred_at >= ? and occurred_at < ?
       ) earlier where n <= ?
       union all
       select account_id, occurred_at, acceptance from visit where account_id in (${marks(ids.length)}) and occurred_at >= ?`,
      [...ids, since, cut, ACCEPTANCE_VISITS, ...ids, cut],
    ),
    activeActionsOf(em, ids),
  ]);
  const visitsOf = group(
    visits,
    (v) => v.account_id,
    (v): HealthVisit => ({ date: isoDay(dateOf(v.occurred_at)), acceptance: Number(v.acceptance) }),
  );
  const today = isoDay(now);
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
    const earlier = relationshipHealth({ ...input, today: isoDay(before) });
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
