import {
  type AccountShare,
  type AccountTier,
  type Actor,
  planHorizon,
  type RevenueConcentration,
  revenueConcentration,
} from '@clave/domain';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { reader } from '../../db/reader.js';
import { dateOf } from '../../db/rows.js';
import { ValidationError } from '../../errors.js';
import { Account, AccountRevenue } from '../accounts/account.entity.js';
import { requireViewer, visibleAccounts } from '../accounts/account.service.js';
import type { Scope } from '../auth/viewer.js';
import { companyTotals } from '../company/company.service.js';
import { AccountPlan, PlanAction } from '../plans/plan.entity.js';
import type { Team, User } from '../users/user.entity.js';
import { Visit } from '../visits/visit.entity.js';
import { planExecutionOf } from './signals.service.js';

/**
 * The manager's desk: the viewer's accounts (already narrowed by what they may see), filtered by
 * team, KAM and tier, and the aggregates the desk screens show, each computed for the whole set of
 * accounts at once (a fixed number of statements, whatever the number of accounts).
 */
export interface DeskFilter {
  /** Database ids (already decoded from global ids). */
  readonly teamId?: string | null;
  readonly ownerId?: string | null;
  readonly tier?: AccountTier | null;
}

export interface Desk {
  readonly scope: Scope;
  readonly actor: Actor;
  /** Every active account the viewer may see, before the filter (for the filter's choices). */
  readonly visible: readonly Account[];
  /** The accounts the desk shows: visible and matching the filter, by name. */
  readonly accounts: readonly Account[];
  readonly now: Date;
}

export const DESK_MAX_MONTHS = 36;
export const DESK_MAX_ENDING_DAYS = 366;

export async function openDesk(scope: Scope, filter: DeskFilter, now = new Date()): Promise<Desk> {
  const { actor } = requireViewer(scope);
  const visible = await scope.em.find(
    Account,
    { $and: [visibleAccounts(actor), { status: 'ACTIVE' }] },
    { populate: ['owner', 'owner.team'], orderBy: { name: 'asc', id: 'asc' } },
  );
  const accounts = visible.filter(
    (a) =>
      (!filter.teamId || a.owner.team?.id === filter.teamId) &&
      (!filter.ownerId || a.owner.id === filter.ownerId) &&
      (!filter.tier || a.tier === filter.tier),
  );
  return { scope, actor, visible, accounts, now };
}

/** The teams owning the viewer's accounts, by name: the choices of the team filter. */
export function deskTeams(desk: Desk): Team[] {
  const teams = new Map<string, Team>();
  for (const a of desk.visible) if (a.owner.team) teams.set(a.owner.team.id, a.owner.team as Team);
  return [...teams.values()].sort((x, y) => x.name.localeCompare(y.name));
}

/** The owners of the viewer's accounts, by name: the choices of the KAM filter. */
export function deskOwners(desk: Desk): User[] {
  const owners = new Map<string, User>();
  for (const a of desk.visible) owners.set(a.owner.id, a.owner);
  return [...owners.values()].sort((x, y) => x.name.localeCompare(y.name));
}

const ids = (desk: Desk) => desk.accounts.map((a) => a.id);

export interface KamExecution {
  readonly kam: User;
  readonly accounts: number;
  readonly total: number;
  readonly done: number;
  readonly open: number;
  readonly overdue: number;
  readonly blocked: number;
  /** Open actions not past their due date. */
  readonly onTrack: number;
  readonly doneOnTime: number;
  /** Share of the open actions that are overdue, 0 to 1; null with none open. */
  readonly overdueShare: number | null;
  readonly onTimeShare: number | null;
}

/** Active-plan execution per KAM (owner of the account), the most overdue share first. */
export async function executionByKam(desk: Desk): Promise<KamExecution[]> {
  const accountIds = ids(desk);
  if (accountIds.length === 0) return [];
  const executions = await planExecutionOf(desk.scope.em, accountIds, desk.now);
  const byKam = new Map<string, { kam: User; rows: typeof executions }>();
  desk.accounts.forEach((account, i) => {
    const entry = byKam.get(account.owner.id) ?? { kam: account.owner, rows: [] };
    const row = executions[i];
    if (row) entry.rows.push(row);
    byKam.set(account.owner.id, entry);
  });
  const sum = (rows: typeof executions, pick: (r: (typeof executions)[number]) => number) =>
    rows.reduce((total, r) => total + pick(r), 0);
  return [...byKam.values()]
    .map(({ kam, rows }): KamExecution => {
      const done = sum(rows, (r) => r.done);
      const open = sum(rows, (r) => r.open);
      const overdue = sum(rows, (r) => r.overdue);
      const doneOnTime = sum(rows, (r) => Math.round((r.onTimeShare ?? 0) * r.done));
      return {
        kam,
        accounts: rows.length,
        total: sum(rows, (r) => r.total),
        done,
        open,
        overdue,
        blocked: sum(rows, (r) => r.blocked),
        onTrack: open - overdue,
        doneOnTime,
        overdueShare: open ? overdue / open : null,
        onTimeShare: done ? doneOnTime / done : null,
      };
    })
    .sort((x, y) => (y.overdueShare ?? -1) - (x.overdueShare ?? -1) || x.kam.name.localeCompare(y.kam.name));
}

/** BLOCKED actions of the active plans, soonest due first. */
export async function blockedActions(desk: Desk): Promise<PlanAction[]> {
  const accountIds = ids(desk);
  if (accountIds.length === 0) return [];
  return desk.scope.em.find(
    PlanAction,
    { account: { $in: accountIds }, status: 'BLOCKED', plan: { status: 'ACTIVE' } },
    { orderBy: { dueDate: 'asc', id: 'asc' } },
  );
}

export interface EndingPlan {
  readonly plan: AccountPlan;
  readonly endDate: string;
  readonly daysLeft: number;
}

/**
 * ACTIVE plans whose horizon ends within `withinDays` (or has ended) and that have no successor
 * yet: no DRAFT plan on the account, none rolled from it. Soonest end first.
 */
export async function plansEndingWithoutSuccessor(desk: Desk, withinDays: number): Promise<EndingPlan[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > DESK_MAX_ENDING_DAYS) {
    throw ValidationError.field(['withinDays'], 'invalidInput');
  }
  const accountIds = ids(desk);
  if (accountIds.length === 0) return [];
  const plans = await desk.scope.em.find(
    AccountPlan,
    { account: { $in: accountIds }, status: { $in: ['ACTIVE', 'DRAFT'] } },
    { orderBy: { id: 'asc' } },
  );
  const today = desk.now.toISOString().slice(0, 10);
  const limit = new Date(desk.now.getTime() + withinDays * DAY).toISOString().slice(0, 10);
  const hasDraft = new Set(plans.filter((p) => p.status === 'DRAFT').map((p) => p.account.id));
  const rolledFrom = new Set(plans.map((p) => p.previousPlanId).filter((id): id is string => !!id));
  return plans
    .filter((p) => p.status === 'ACTIVE' && !hasDraft.has(p.account.id) && !rolledFrom.has(p.id))
    .map((plan) => {
      const endDate = planHorizon(plan.startMonth, plan.horizonMonths).end;
      return { plan, endDate, daysLeft: Math.round((Date.parse(endDate) - Date.parse(today)) / DAY) };
    })
    .filter((p) => p.endDate <= limit)
    .sort((x, y) => x.endDate.localeCompare(y.endDate));
}

/** Most visits `recentVisits` returns (a CSV export of a quarter for a whole company stays well below). */
export const DESK_MAX_VISITS = 2000;

/** The desk's visits of the last `months` months, newest first, at most DESK_MAX_VISITS. */
export async function recentVisits(desk: Desk, months: number): Promise<Visit[]> {
  checkMonths(months);
  const accountIds = ids(desk);
  if (accountIds.length === 0) return [];
  const first = monthsBack(desk.now, months)[0] ?? '';
  return desk.scope.em.find(
    Visit,
    { account: { $in: accountIds }, occurredAt: { $gte: new Date(`${first}-01T00:00:00Z`) } },
    { orderBy: { occurredAt: 'desc', id: 'asc' }, limit: DESK_MAX_VISITS },
  );
}

export interface VisitMonth {
  /** Who logged the visits; null for the company-wide rows of `acceptanceByMonth`. */
  readonly kamId: string | null;
  /** 'YYYY-MM' (UTC). */
  readonly month: string;
  readonly visits: number;
  readonly averageAcceptance: number;
}

function checkMonths(months: number): void {
  if (!Number.isInteger(months) || months < 1 || months > DESK_MAX_MONTHS) {
    throw ValidationError.field(['months'], 'invalidInput');
  }
}

/** The calendar months of the window, oldest first, ending with the current one (UTC). */
export function monthsBack(now: Date, months: number): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

interface VisitRow {
  readonly kam: string;
  readonly occurredAt: Date;
  readonly acceptance: number;
}

const visitsPerRequest = new WeakMap<Desk, Map<number, Promise<VisitRow[]>>>();

/**
 * The desk's visits in the window as plain rows (one query per desk and window, shared by the
 * fields): a year of a company's visits is thousands of rows, and no entity is needed to count them.
 */
function visitsOf(desk: Desk, months: number): Promise<VisitRow[]> {
  const cache = visitsPerRequest.get(desk) ?? new Map<number, Promise<VisitRow[]>>();
  visitsPerRequest.set(desk, cache);
  let result = cache.get(months);
  if (result === undefined) {
    const first = monthsBack(desk.now, months)[0] ?? '';
    const accountIds = ids(desk);
    result = accountIds.length
      ? (desk.scope.em as SqlEntityManager)
          .createQueryBuilder(Visit, 'v')
          .select(['v.kam', 'v.occurredAt', 'v.acceptance'])
          .where({ account: { $in: accountIds }, occurredAt: { $gte: new Date(`${first}-01T00:00:00Z`) } })
          .execute<{ kam: string; occurredAt: Date | string | number; acceptance: number }[]>('all')
          .then((rows) =>
            rows.map((r) => ({ kam: r.kam, occurredAt: dateOf(r.occurredAt), acceptance: r.acceptance })),
          )
      : Promise.resolve([] as VisitRow[]);
    cache.set(months, result);
  }
  return result;
}

/**
 * Visits per KAM (the user who logged them) and month over the last `months` months, with the
 * average acceptance; months without visits are left out. By KAM name, then month.
 */
export async function visitsByKamMonth(desk: Desk, months: number): Promise<VisitMonth[]> {
  checkMonths(months);
  const visits = await visitsOf(desk, months);
  const groups = new Map<string, VisitMonth & { sum: number }>();
  for (const v of visits) {
    const month = v.occurredAt.toISOString().slice(0, 7);
    const key = `${v.kam}|${month}`;
    const g = groups.get(key) ?? { kamId: v.kam, month, visits: 0, sum: 0, averageAcceptance: 0 };
    groups.set(key, { ...g, visits: g.visits + 1, sum: g.sum + v.acceptance });
  }
  const names = new Map(desk.visible.map((a) => [a.owner.id, a.owner.name]));
  return [...groups.values()]
    .map(({ sum, ...g }) => ({ ...g, averageAcceptance: sum / g.visits }))
    .sort(
      (x, y) =>
        (names.get(x.kamId ?? '') ?? '\uffff').localeCompare(names.get(y.kamId ?? '') ?? '\uffff') ||
        (x.kamId ?? '').localeCompare(y.kamId ?? '') ||
        x.month.localeCompare(y.month),
    );
}

/** Visits and average acceptance per month over all the desk's accounts; months without visits left out. */
export async function acceptanceByMonth(desk: Desk, months: number): Promise<VisitMonth[]> {
  checkMonths(months);
  const visits = await visitsOf(desk, months);
  const groups = new Map<string, { count: number; sum: number }>();
  for (const v of visits) {
    const month = v.occurredAt.toISOString().slice(0, 7);
    const g = groups.get(month) ?? { count: 0, sum: 0 };
    g.count++;
    g.sum += v.acceptance;
    groups.set(month, g);
  }
  return [...groups.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([month, g]) => ({ kamId: null, month, visits: g.count, averageAcceptance: g.sum / g.count }));
}

export interface ConcentrationYear {
  readonly year: number;
  readonly concentration: RevenueConcentration;
  /** The desk's accounts, ranked within the whole company, largest first. */
  readonly accounts: readonly (AccountShare & { account: Account; threshold: number | null })[];
}

/**
 * Revenue concentration of every year on record, oldest first: HHI and shares over the whole
 * company (a share of company revenue means nothing otherwise), each year's rows narrowed to the
 * desk's accounts; shares of the company total of each year where set. Two queries for all years. Null for KAMs, who do not see the company's figures.
 */
export async function concentrationHistory(
  desk: Desk,
  thresholds: readonly number[],
): Promise<ConcentrationYear[] | null> {
  if (desk.actor.role === 'KAM') return null;
  const [rows, totals] = await Promise.all([
    reader(desk.scope.em).find(
      AccountRevenue,
      {},
      { fields: ['account', 'year', 'amount'], orderBy: { year: 'asc', id: 'asc' } },
    ),
    companyTotals(desk.scope.em),
  ]);
  const byYear = new Map<number, { accountId: string; revenue: number }[]>();
  for (const r of rows) {
    const list = byYear.get(r.year) ?? [];
    list.push({ accountId: r.account.id, revenue: r.amount });
    byYear.set(r.year, list);
  }
  const mine = new Map(desk.accounts.map((a) => [a.id, a]));
  return [...byYear.entries()]
    .sort(([x], [y]) => x - y)
    .map(([year, revenues]) => {
      const concentration = revenueConcentration(revenues, thresholds, totals.get(year) ?? null);
      const alerts = new Map(concentration.alerts.map((a) => [a.accountId, a.threshold]));
      const accounts = concentration.accounts.flatMap((share) => {
        const account = mine.get(share.accountId);
        return account ? [{ ...share, account, threshold: alerts.get(share.accountId) ?? null }] : [];
      });
      return { year, concentration, accounts };
    });
}

const DAY = 86_400_000;
