import {
  DEFAULT_CURRENCY,
  type ShareDenominator,
  setCompanyRevenueInput,
  shareDenominator,
  shareYearOf,
  sumMoney,
  updateCompanySettingsInput,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { rows } from '../../db/rows.js';
import { ForbiddenError, ValidationError, validate } from '../../errors.js';
import { requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { hasScope, type Scope } from '../auth/viewer.js';
import { COMPANY_SETTINGS_ID, CompanyRevenue, CompanySettings } from './company.entity.js';

export interface CompanySettingsView {
  readonly currency: string;
}

/** The company's settings, with the defaults while no admin has changed them. */
export async function companySettings(em: EntityManager): Promise<CompanySettingsView> {
  const [row] = await rows<{ currency: string }>(em, 'select currency from company_settings where id = ?', [
    COMPANY_SETTINGS_ID,
  ]);
  return { currency: row?.currency ?? DEFAULT_CURRENCY };
}

/** Years that have account revenue on record, newest first. */
export async function accountRevenueYears(em: EntityManager): Promise<number[]> {
  const years = await rows<{ year: number | string }>(
    em,
    'select distinct year from account_revenue order by year desc',
  );
  return years.map((r) => Number(r.year));
}

/** The share year (see the domain's shareYearOf) as of `now`. */
export async function shareYear(em: EntityManager, now = new Date()): Promise<number | null> {
  return shareYearOf(await accountRevenueYears(em), now.getUTCFullYear());
}

/** The company's total revenue of each year that has one set. */
export async function companyTotals(
  em: EntityManager,
  years?: readonly number[],
): Promise<Map<number, number>> {
  if (years && years.length === 0) return new Map();
  const found = await rows<{ year: number | string; total_revenue: number | string }>(
    em,
    years
      ? `select year, total_revenue from company_revenue where year in (${years.map(() => '?').join(', ')})`
      : 'select year, total_revenue from company_revenue',
    years ?? [],
  );
  return new Map(found.map((r) => [Number(r.year), Number(r.total_revenue)]));
}

/** What the shares of `year` are shares of, given the key accounts' sum of that year. */
export async function denominatorOf(
  em: EntityManager,
  year: number,
  keyAccountsRevenue: number,
): Promise<ShareDenominator> {
  const totals = await companyTotals(em, [year]);
  return shareDenominator(keyAccountsRevenue, totals.get(year) ?? null);
}

export interface CompanyRevenueYear {
  readonly year: number;
  readonly totalRevenue: number | null;
  readonly keyAccountRevenue: number;
}

/** The key accounts' revenue of each year on record (the whole company's, not one viewer's). */
async function keyAccountRevenueByYear(em: EntityManager, year?: number): Promise<Map<number, number>> {
  const found = await rows<{ year: number | string; amount: number | string }>(
    em,
    year === undefined
      ? 'select year, amount from account_revenue'
      : 'select year, amount from account_revenue where year = ?',
    year === undefined ? [] : [year],
  );
  const amounts = new Map<number, number[]>();
  for (const r of found) {
    const list = amounts.get(Number(r.year)) ?? [];
    list.push(Number(r.amount));
    amounts.set(Number(r.year), list);
  }
  return new Map([...amounts].map(([y, list]) => [y, sumMoney(list)]));
}

/**
 * Every year with key-account revenue or a company total, newest first: for managers and admins
 * (the company's figures are theirs to see); empty for KAMs and for tokens without read:accounts.
 */
export async function companyRevenueYears(scope: Scope): Promise<CompanyRevenueYear[]> {
  const viewer = scope.viewer;
  if (!viewer || viewer.actor.role === 'KAM' || !hasScope(viewer, 'read:accounts')) return [];
  const [keys, totals] = await Promise.all([keyAccountRevenueByYear(scope.em), companyTotals(scope.em)]);
  const years = [...new Set([...keys.keys(), ...totals.keys()])].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    totalRevenue: totals.get(year) ?? null,
    keyAccountRevenue: keys.get(year) ?? 0,
  }));
}

function requireAdmin(scope: Scope) {
  const viewer = requireViewer(scope);
  if (viewer.actor.role !== 'ADMIN') throw new ForbiddenError();
  return viewer;
}

/**
 * Sets (or with null clears) the company's total revenue of a year, customers outside Clave
 * included. It includes the key accounts, so it may not be below their revenue of that year.
 */
export async function setCompanyRevenue(
  scope: Scope,
  input: unknown,
  now = new Date(),
): Promise<CompanyRevenueYear> {
  const { actor } = requireAdmin(scope);
  const data = validate(setCompanyRevenueInput(now.getUTCFullYear()), input);
  return scope.em.transactional(async (em) => {
    const keyAccountRevenue = (await keyAccountRevenueByYear(em, data.year)).get(data.year) ?? 0;
    if (data.totalRevenue !== null && data.totalRevenue < keyAccountRevenue) {
      throw ValidationError.field(['totalRevenue'], 'companyRevenueBelowKeyAccounts');
    }
    const existing = await em.findOne(CompanyRevenue, { year: data.year });
    const before = existing ? { year: existing.year, totalRevenue: existing.totalRevenue } : null;
    if (data.totalRevenue === null) {
      if (existing) em.remove(existing);
    } else if (existing) {
      existing.totalRevenue = data.totalRevenue;
    } else {
      em.create(CompanyRevenue, { id: newId(), year: data.year, totalRevenue: data.totalRevenue });
    }
    const after = data.totalRevenue === null ? null : { year: data.year, totalRevenue: data.totalRevenue };
    if (before?.totalRevenue !== after?.totalRevenue) {
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'CompanyRevenue',
        entityId: String(data.year),
        action: !existing ? 'CREATE' : after ? 'UPDATE' : 'DELETE',
        before,
        after,
      });
    }
    return { year: data.year, totalRevenue: data.totalRevenue, keyAccountRevenue };
  });
}

/** Changes the company settings (admins). */
export async function updateCompanySettings(scope: Scope, input: unknown): Promise<CompanySettingsView> {
  const { actor } = requireAdmin(scope);
  const data = validate(updateCompanySettingsInput, input);
  return scope.em.transactional(async (em) => {
    const existing = await em.findOne(CompanySettings, { id: COMPANY_SETTINGS_ID });
    const before = { currency: existing?.currency ?? DEFAULT_CURRENCY };
    if (existing) existing.currency = data.currency;
    else em.create(CompanySettings, { id: COMPANY_SETTINGS_ID, currency: data.currency });
    if (before.currency !== data.currency) {
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'CompanySettings',
        entityId: COMPANY_SETTINGS_ID,
        action: 'UPDATE',
        before,
        after: { currency: data.currency },
      });
    }
    return { currency: data.currency };
  });
}
