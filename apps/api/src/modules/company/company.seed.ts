import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { AccountRevenue } from '../accounts/account.entity.js';
import { COMPANY_SETTINGS_ID, CompanyRevenue, CompanySettings } from './company.entity.js';

/** What the key accounts carry of the demo company's revenue: the rest comes from small customers. */
const KEY_ACCOUNTS_PART = 0.96;

/**
 * The demo company works in euros, and its total revenue of each complete year is a little above
 * its key accounts' sum (rounded up to 100,000 €): the grocery chain still carries just over half
 * of the whole company, the dependency the demo is about. The running year has no total yet.
 */
export async function seedCompany(em: EntityManager, { today }: DemoContext) {
  em.create(CompanySettings, { id: COMPANY_SETTINGS_ID, currency: 'EUR' });
  await em.flush();
  const yearly = await em.find(AccountRevenue, {});
  const sums = new Map<number, number>();
  for (const r of yearly) sums.set(r.year, (sums.get(r.year) ?? 0) + r.amount);
  for (const [year, sum] of sums) {
    if (year >= today.getUTCFullYear()) continue;
    const totalRevenue = Math.ceil(sum / KEY_ACCOUNTS_PART / 100_000) * 100_000;
    em.create(CompanyRevenue, { id: newId(), year, totalRevenue });
  }
}
