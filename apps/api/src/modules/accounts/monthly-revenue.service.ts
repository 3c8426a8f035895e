import {
  addToMonth,
  canRecordRevenue,
  isYearMonth,
  MAX_MONTHS_PER_READ,
  monthOf,
  type RecordMonthlyRevenueInput,
  recordMonthlyRevenueInput,
  sumMoney,
} from '@clave/domain';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { dateOf, marks, rows } from '../../db/rows.js';
import { ForbiddenError, NotFoundError, ValidationError, validate } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { type Account, AccountMonthlyRevenue, AccountRevenue } from './account.entity.js';
import { accessFacts, loadAccounts, requireViewer } from './account.service.js';

/** One month of an account's actual revenue, as the API shows it. */
export interface MonthlyRevenue {
  readonly accountId: string;
  readonly month: string;
  readonly amount: number;
  readonly updatedAt: Date;
}

export interface RecordedMonthlyRevenue {
  readonly data: MonthlyRevenue[];
  readonly account: Account;
}

const view = (r: AccountMonthlyRevenue): MonthlyRevenue => ({
  accountId: r.account.id,
  month: r.month,
  amount: r.amount,
  updatedAt: r.updatedAt,
});

/**
 * Records (or corrects) an account's actual revenue for some months: all of them or none, each
 * month an upsert (re-sending the same months changes nothing), every change audited, and each
 * touched year's AccountRevenue kept as the sum of its months in the same transaction.
 */
export async function recordMonthlyRevenue(
  scope: Scope,
  input: unknown,
  now = new Date(),
): Promise<RecordedMonthlyRevenue> {
  const { actor } = requireViewer(scope);
  const data = validate(recordMonthlyRevenueInput(monthOf(now)), input);
  try {
    return await recordIn(scope, actor.id, data);
  } catch (error) {
    // Two first recordings of the same month (or year) at once: the loser's insert collides with
    // the winner's row. Run again on a fresh unit of work, which now finds and updates that row.
    // (Inside a caller's transaction, such as the CSV import, the caller decides.)
    if (!(error instanceof UniqueConstraintViolationException) || scope.em.isInTransaction()) throw error;
    return recordIn({ ...scope, em: scope.em.fork() }, actor.id, data);
  }
}

async function recordIn(
  scope: Scope,
  actorId: string,
  data: RecordMonthlyRevenueInput,
): Promise<RecordedMonthlyRevenue> {
  return scope.em.transactional(async (em) => {
    const [account] = await loadAccounts({ ...scope, em }, [data.accountId]);
    if (!account) throw new NotFoundError('Account');
    if (!canRecordRevenue(requireViewer(scope).actor, accessFacts(account))) throw new ForbiddenError();
    if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
    const wanted = data.months.map((m) => m.month);
    const existing = new Map(
      (await em.find(AccountMonthlyRevenue, { account: account.id, month: { $in: wanted } })).map((r) => [
        r.month,
        r,
      ]),
    );
    const records = data.months.map(({ month, amount }) => {
      const found = existing.get(month);
      if (found && found.amount === amount) return found;
      const before = found ? { month, amount: found.amount } : null;
      const record = found ?? em.create(AccountMonthlyRevenue, { id: newId(), account, month, amount });
      record.amount = amount;
      recordAudit(em, {
        actorId,
        entityType: 'AccountMonthlyRevenue',
        entityId: `${account.id}:${month}`,
        action: found ? 'UPDATE' : 'CREATE',
        before,
        after: { month, amount },
      });
      return record;
    });
    await em.flush();
    const years = [...new Set(wanted.map((m) => Number(m.slice(0, 4))))];
    await keepYearsAsSums(em, actorId, account, years);
    return { data: records.map(view).sort((a, b) => a.month.localeCompare(b.month)), account };
  });
}

/** Sets each year's AccountRevenue to the sum of its months (the months are already flushed). */
async function keepYearsAsSums(
  em: EntityManager,
  actorId: string,
  account: Account,
  years: readonly number[],
): Promise<void> {
  for (const year of years) {
    const months = await rows<{ amount: number | string }>(
      em,
      'select amount from account_monthly_revenue where account_id = ? and month >= ? and month <= ?',
      [account.id, `${year}-01`, `${year}-12`],
    );
    const sum = sumMoney(months.map((m) => Number(m.amount)));
    const yearly = await em.findOne(AccountRevenue, { account: account.id, year });
    if (yearly && yearly.amount === sum) continue;
    const before = yearly ? { year, amount: yearly.amount } : null;
    if (yearly) yearly.amount = sum;
    else em.create(AccountRevenue, { id: newId(), account, year, amount: sum });
    recordAudit(em, {
      actorId,
      entityType: 'AccountRevenue',
      entityId: `${account.id}:${year}`,
      action: yearly ? 'UPDATE' : 'CREATE',
      before,
      after: { year, amount: sum, fromMonths: true },
    });
  }
}

export interface MonthRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The months a monthlyRevenue read covers: `from`–`to` inclusive, by default the last 24 months up
 * to the current one; at most 120 months, `from` not after `to`.
 */
export function monthRangeOf(
  from: string | null | undefined,
  to: string | null | undefined,
  now = new Date(),
): MonthRange {
  if (from != null && !isYearMonth(from)) throw ValidationError.field(['from'], 'yearMonth');
  if (to != null && !isYearMonth(to)) throw ValidationError.field(['to'], 'yearMonth');
  const last = to ?? (from != null ? maxMonth(monthOf(now), from) : monthOf(now));
  const first = from ?? addToMonth(last, -23);
  if (first > last || addToMonth(first, MAX_MONTHS_PER_READ - 1) < last) {
    throw ValidationError.field(['from'], 'monthRange');
  }
  return { from: first, to: last };
}

const maxMonth = (a: string, b: string) => (a > b ? a : b);

/**
 * Monthly revenue of many (already authorized) accounts for one range, in month order: one query
 * for the batch, through the (account, month) unique index.
 */
export async function monthlyRevenueOf(
  em: EntityManager,
  accountIds: readonly string[],
  range: MonthRange,
): Promise<MonthlyRevenue[][]> {
  if (accountIds.length === 0) return [];
  const ids = [...new Set(accountIds)];
  const found = await rows<{
    account_id: string;
    month: string;
    amount: number | string;
    updated_at: unknown;
  }>(
    em,
    `select account_id, month, amount, updated_at from account_monthly_revenue
      where account_id in (${marks(ids.length)}) and month >= ? and month <= ? order by month`,
    [...ids, range.from, range.to],
  );
  const byAccount = new Map<string, MonthlyRevenue[]>();
  for (const r of found) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push({
      accountId: r.account_id,
      month: r.month,
      amount: Number(r.amount),
      updatedAt: dateOf(r.updated_at),
    });
    byAccount.set(r.account_id, list);
  }
  return accountIds.map((id) => byAccount.get(id) ?? []);
}
