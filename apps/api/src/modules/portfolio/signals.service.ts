import { isPlanActionOverdue } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { dateOf, dateOrNull, marks, rows } from '../../db/rows.js';
import type { Account } from '../accounts/account.entity.js';
import type { PlanAction } from '../plans/plan.entity.js';

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

/** An action of an account's ACTIVE plan, as health and plan execution read it. */
export interface ActiveActionRow {
  readonly dueDate: string;
  readonly status: PlanAction['status'];
  readonly completedAt: Date | null;
}

/**
 * The actions of each account's ACTIVE plan (already authorized accounts), as health and plan
 * execution read them: one query for the batch. (Each of the two batches runs its own: sharing one
 * across them depended on whether both were ready in the same tick, and so did the number of
 * statements a request ran.)
 */
export async function activeActionsOf(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<ActiveActionRow[][]> {
  if (accountIds.length === 0) return [];
  const ids = [...new Set(accountIds)];
  const found = await rows<{
    account_id: string;
    due_date: string;
    status: PlanAction['status'];
    completed_at: unknown;
  }>(
    em,
    // Through the active plan's unique `active_account_id`: filtering on its status made SQLite
    // walk every active plan of the company (3 ms for a list of 20 accounts).
    `select p.active_account_id as account_id, pa.due_date, pa.status, pa.completed_at
       from account_plan p join plan_action pa on pa.plan_id = p.id
      where p.active_account_id in (${marks(ids.length)})`,
    ids,
  );
  const byAccount = new Map<string, ActiveActionRow[]>();
  for (const r of found) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push({ dueDate: r.due_date, status: r.status, completedAt: dateOrNull(r.completed_at) });
    byAccount.set(r.account_id, list);
  }
  return accountIds.map((id) => byAccount.get(id) ?? []);
}

/** Execution of each account's ACTIVE plan: one query for the whole batch. */
export async function planExecutionOf(
  em: EntityManager,
  accountIds: readonly string[],
  now = new Date(),
): Promise<PlanExecution[]> {
  const today = now.toISOString().slice(0, 10);
  const actionsOf = await activeActionsOf(em, accountIds);
  return actionsOf.map((actions) => {
    const mine = actions.filter((a) => a.status !== 'CANCELLED');
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

/** Days since each account's last visit against its cadence: one query for the whole batch. */
export async function visitCoverageOf(
  em: EntityManager,
  accounts: readonly Pick<Account, 'id' | 'visitCadenceDays'>[],
  now = new Date(),
): Promise<VisitCoverage[]> {
  const ids = accounts.map((a) => a.id);
  const latest = await rows<{ account_id: string; last: unknown }>(
    em,
    `select account_id, max(occurred_at) as last from visit where account_id in (${marks(ids.length)}) group by account_id`,
    ids,
  );
  const last = new Map(latest.map((r) => [r.account_id, dateOf(r.last)]));
  return accounts.map(({ id, visitCadenceDays: cadenceDays }) => {
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
