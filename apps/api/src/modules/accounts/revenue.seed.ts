import { sumMoney } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { AccountMonthlyRevenue, AccountRevenue } from './account.entity.js';

/**
 * How a year's revenue spreads over its months in the demo's trade (food and grocery suppliers):
 * a quieter start of the year, a summer peak and the Christmas campaign.
 */
const SEASON = [0.076, 0.074, 0.081, 0.08, 0.084, 0.087, 0.089, 0.082, 0.08, 0.084, 0.087, 0.096];

const cents = (n: number) => Math.round(n * 100);

/**
 * Monthly revenue for two years: every month of the demo's last complete year, split so that the
 * months add up to exactly its yearly figure, and the months of the following year before the
 * current one, grown like the account grew the year before; that year's yearly figure is then the
 * sum of its months, as recordMonthlyRevenue keeps it.
 */
export async function seedMonthlyRevenue(em: EntityManager, { accounts, today, random }: DemoContext) {
  await em.flush();
  const yearly = await em.find(AccountRevenue, {}, { orderBy: { year: 'asc' } });
  const lastYear = Math.max(...yearly.map((r) => r.year));
  const currentMonth = today.toISOString().slice(0, 7);
  const weight = SEASON.reduce((a, b) => a + b, 0);
  for (const account of accounts.values()) {
    const figures = new Map(yearly.filter((r) => r.account.id === account.id).map((r) => [r.year, r.amount]));
    const last = figures.get(lastYear);
    if (last === undefined) continue;
    // The last complete year: months in proportion to the season, the rounding left on December.
    const split = SEASON.map((w) => cents((last * w) / weight));
    split[11] = cents(last) - split.slice(0, 11).reduce((a, b) => a + b, 0);
    split.forEach((c, i) => {
      const month = `${lastYear}-${String(i + 1).padStart(2, '0')}`;
      em.create(AccountMonthlyRevenue, { id: newId(), account, month, amount: c / 100 });
    });
    // The next year, up to the month before today's, grown as the account grew last year.
    const previous = figures.get(lastYear - 1) ?? last;
    const growth = Math.min(1.25, Math.max(0.9, last / previous));
    const next: number[] = [];
    split.forEach((c, i) => {
      const month = `${lastYear + 1}-${String(i + 1).padStart(2, '0')}`;
      if (month >= currentMonth) return;
      const amount = Math.round(c * growth * (0.97 + random() * 0.06)) / 100;
      next.push(amount);
      em.create(AccountMonthlyRevenue, { id: newId(), account, month, amount });
    });
    if (next.length > 0) {
      em.create(AccountRevenue, { id: newId(), account, year: lastYear + 1, amount: sumMoney(next) });
    }
  }
}
