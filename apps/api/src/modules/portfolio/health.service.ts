import {
  type HealthAction,
  type HealthVisit,
  type RelationshipHealth,
  relationshipHealth,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Account } from '../accounts/account.entity.js';
import { PlanAction } from '../plans/plan.entity.js';
import { Visit } from '../visits/visit.entity.js';

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
  accountIds: readonly string[],
  now = new Date(),
): Promise<AccountHealth[]> {
  const ids = [...accountIds];
  const since = new Date(now.getTime() - VISIT_LOOKBACK_DAYS * 86_400_000);
  // Plain rows (typed and named by the ORM), not entities: a list of 20 accounts reads about a
  // thousand visits, and hydrating them as entities cost more than the rest of the list
  // (bench/README.md). No entity is made, so none can stand in for a full one elsewhere.
  const sql = em as SqlEntityManager;
  const [accounts, visits, actions] = await Promise.all([
    sql
      .createQueryBuilder(Account, 'a')
      .select(['a.id', 'a.visitCadenceDays'])
      .where({ id: { $in: ids } })
      .execute<{ id: string; visitCadenceDays: number }[]>('all'),
    sql
      .createQueryBuilder(Visit, 'v')
      .select(['v.account', 'v.occurredAt', 'v.acceptance'])
      .where({ account: { $in: ids }, occurredAt: { $gte: since } })
      .orderBy({ occurredAt: 'desc' })
      .execute<{ account: string; occurredAt: Date; acceptance: number }[]>('all'),
    sql
      .createQueryBuilder(PlanAction, 'p')
      .select(['p.account', 'p.dueDate', 'p.status', 'p.completedAt'])
      .where({ account: { $in: ids }, plan: { status: 'ACTIVE' } })
      .execute<
        { account: string; dueDate: string; status: PlanAction['status']; completedAt: Date | null }[]
      >('all'),
  ]);
  const cadence = new Map(accounts.map((a) => [a.id, a.visitCadenceDays]));
  const visitsOf = group(
    visits,
    (v) => v.account,
    (v): HealthVisit => ({ date: isoDay(v.occurredAt), acceptance: v.acceptance }),
  );
  const actionsOf = group(
    actions,
    (a) => a.account,
    (a): HealthAction => ({
      dueDate: a.dueDate,
      status: a.status,
      completedAt: a.completedAt?.toISOString() ?? null,
    }),
  );
  const today = isoDay(now);
  const before = isoDay(new Date(now.getTime() - HEALTH_TREND_DAYS * 86_400_000));
  return ids.map((id) => {
    const input = {
      visits: visitsOf.get(id) ?? [],
      actions: actionsOf.get(id) ?? [],
      visitCadenceDays: cadence.get(id) ?? 30,
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
