import { isPlanActionOverdue } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { reader } from '../../db/reader.js';
import { Account } from '../accounts/account.entity.js';
import { PlanAction } from '../plans/plan.entity.js';

export interface PlanExecution {
  readonly total: number;
  readonly done: number;
  readonly open: number;
  readonly overdue: number;
  readonly blocked: number;
  /** Done actions completed on or before their due date, over all done actions; null with none done. */
  readonly onTimeShare: number | null;
}

export interface VisitCoverage {
  readonly cadenceDays: number;
  readonly lastVisitAt: Date | null;
  readonly daysSinceLastVisit: number | null;
  /** True when the last visit is older than the cadence, or there is none. */
  readonly overdue: boolean;
}

const DAY = 86_400_000;

/** Execution of each account's ACTIVE plan: one query for the whole batch. */
export async function planExecutionOf(
  em: EntityManager,
  accountIds: readonly string[],
  now = new Date(),
): Promise<PlanExecution[]> {
  const today = now.toISOString().slice(0, 10);
  const actions = await reader(em).find(
    PlanAction,
    { account: { $in: [...accountIds] }, plan: { status: 'ACTIVE' } },
    { fields: ['account', 'dueDate', 'status', 'completedAt'] },
  );
  return accountIds.map((id) => {
    const mine = actions.filter((a) => a.account.id === id && a.status !== 'CANCELLED');
    const done = mine.filter((a) => a.status === 'DONE');
    const onTime = done.filter(
      (a) => !a.completedAt || a.completedAt.toISOString().slice(0, 10) <= a.dueDate,
    );
    return {
      total: mine.length,
      done: done.length,
      open: mine.length - done.length,
      overdue: mine.filter((a) => isPlanActionOverdue(a, today)).length,
      blocked: mine.filter((a) => a.status === 'BLOCKED').length,
      onTimeShare: done.length ? onTime.length / done.length : null,
    };
  });
}

/** Days since each account's last visit against its cadence: two queries for the whole batch. */
export async function visitCoverageOf(
  em: EntityManager,
  accountIds: readonly string[],
  now = new Date(),
): Promise<VisitCoverage[]> {
  const ids = [...accountIds];
  const [accounts, latest] = await Promise.all([
    reader(em).find(Account, { id: { $in: ids } }, { fields: ['visitCadenceDays'] }),
    em
      .getConnection()
      .execute<{ account_id: string; last: string | number | Date }[]>(
        `select account_id, max(occurred_at) as last from visit where account_id in (${ids.map(() => '?').join(', ')}) group by account_id`,
        ids,
      ),
  ]);
  const cadence = new Map(accounts.map((a) => [a.id, a.visitCadenceDays]));
  const last = new Map(
    (latest as { account_id: string; last: string | number | Date }[]).map((r) => [
      r.account_id,
      toDate(r.last),
    ]),
  );
  return ids.map((id) => {
    const cadenceDays = cadence.get(id) ?? 30;
    const lastVisitAt = last.get(id) ?? null;
    const daysSinceLastVisit = lastVisitAt ? Math.floor((now.getTime() - lastVisitAt.getTime()) / DAY) : null;
    return {
      cadenceDays,
      lastVisitAt,
      daysSinceLastVisit,
      overdue: daysSinceLastVisit === null || daysSinceLastVisit > cadenceDays,
    };
  });
}

/** SQLite returns datetimes as epoch milliseconds or text, PostgreSQL as Date. */
function toDate(value: string | number | Date): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
}
