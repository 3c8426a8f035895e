import { describe, expect, it } from 'vitest';
import { revenueConcentration } from './concentration.js';
import {
  addToMonth,
  canRecordRevenue,
  monthRange,
  planRevenueAttainment,
  shareDenominator,
  shareYearOf,
  sumMoney,
} from './revenue.js';
import { isCurrencyCode, recordMonthlyRevenueInput, updateCompanySettingsInput } from './schemas/revenue.js';

describe('shareYearOf: the latest complete year with revenue', () => {
  it('is the latest year before the current one that has revenue', () => {
    expect(shareYearOf([2022, 2023, 2024, 2025, 2026], 2026)).toBe(2025);
    // On 2027-01-01 a demo with revenue up to 2026 reads 2026, not an empty 2027.
    expect(shareYearOf([2022, 2023, 2024, 2025, 2026], 2027)).toBe(2026);
    // A gap: the latest complete year with revenue, not "current year − 1".
    expect(shareYearOf([2020, 2021, 2026], 2026)).toBe(2021);
  });

  it('falls back to the latest year on record when only the current (or a later) year has revenue', () => {
    expect(shareYearOf([2026], 2026)).toBe(2026);
    expect(shareYearOf([2027, 2026], 2026)).toBe(2027);
  });

  it('is null without revenue, whatever the order of the years', () => {
    expect(shareYearOf([], 2026)).toBeNull();
    expect(shareYearOf([2023, 2025, 2024], 2026)).toBe(2025);
  });
});

describe('shareDenominator', () => {
  it('is the company total when set, otherwise the key accounts', () => {
    expect(shareDenominator(49_460_000, 51_600_000)).toEqual({ value: 51_600_000, kind: 'COMPANY_TOTAL' });
    expect(shareDenominator(49_460_000, null)).toEqual({ value: 49_460_000, kind: 'KEY_ACCOUNTS' });
  });

  it("ignores a company total below the key accounts' sum (it must include them)", () => {
    expect(shareDenominator(100, 90)).toEqual({ value: 100, kind: 'KEY_ACCOUNTS' });
    expect(shareDenominator(100, 100)).toEqual({ value: 100, kind: 'COMPANY_TOTAL' });
  });
});

describe('revenueConcentration with a company total', () => {
  it('takes shares, HHI and alerts of the company: the customers outside Clave add ~0 to the HHI', () => {
    const revenues = [
      { accountId: 'a', revenue: 60 },
      { accountId: 'b', revenue: 20 },
    ];
    const keyOnly = revenueConcentration(revenues, [0.5]);
    expect(keyOnly.accounts.map((a) => a.share)).toEqual([0.75, 0.25]);
    expect(keyOnly.hhi).toBeCloseTo(6250, 9);
    expect(keyOnly.denominatorKind).toBe('KEY_ACCOUNTS');

    const company = revenueConcentration(revenues, [0.5], 200);
    // a = 60 / 200 = 30 %, b = 10 %: HHI = 30² + 10² = 1000; no account reaches 50 %.
    expect(company.accounts.map((a) => a.share)).toEqual([0.3, 0.1]);
    expect(company.accounts.map((a) => a.cumulativeShare)).toEqual([0.3, 0.4]);
    expect(company.hhi).toBeCloseTo(1000, 9);
    expect(company.classification).toBe('UNCONCENTRATED');
    expect(company.alerts).toEqual([]);
    expect(company).toMatchObject({ total: 80, denominator: 200, denominatorKind: 'COMPANY_TOTAL' });
  });
});

describe('months', () => {
  it('adds and lists months across year ends', () => {
    expect(addToMonth('2025-12', 1)).toBe('2026-01');
    expect(addToMonth('2026-01', -13)).toBe('2024-12');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(() => addToMonth('2026-13', 1)).toThrow(RangeError);
  });

  it('sums money in cents', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(sumMoney([150_000, 0.1, 180_000.5])).toBe(330_000.6);
  });
});

describe('planRevenueAttainment', () => {
  // A 6-month plan from 2026-07, on 2026-10-15: July, August and September are complete.
  const base = {
    startMonth: '2026-07',
    horizonMonths: 6,
    targets: [
      { month: '2026-07', amount: 100 },
      { month: '2026-08', amount: 200 },
      { month: '2026-09', amount: 300 },
      { month: '2026-10', amount: 400 },
      { month: '2026-11', amount: 500 },
      { month: '2026-12', amount: 600 },
    ],
    actuals: [
      { month: '2026-06', amount: 999 }, // before the plan: ignored
      { month: '2026-07', amount: 90 },
      { month: '2026-08', amount: 210 },
      // September not recorded yet
      { month: '2026-10', amount: 50 }, // the current month, already partly recorded
    ],
    currentMonth: '2026-10',
  };

  it('joins targets and actuals month by month with running totals', () => {
    const result = planRevenueAttainment(base);
    expect(result.months).toEqual([
      { month: '2026-07', target: 100, actual: 90, cumulativeTarget: 100, cumulativeActual: 90 },
      { month: '2026-08', target: 200, actual: 210, cumulativeTarget: 300, cumulativeActual: 300 },
      { month: '2026-09', target: 300, actual: null, cumulativeTarget: 600, cumulativeActual: 300 },
      { month: '2026-10', target: 400, actual: 50, cumulativeTarget: 1000, cumulativeActual: 350 },
      { month: '2026-11', target: 500, actual: null, cumulativeTarget: 1500, cumulativeActual: 350 },
      { month: '2026-12', target: 600, actual: null, cumulativeTarget: 2100, cumulativeActual: 350 },
    ]);
  });

  it('counts the complete months "to date", and the gap with everything recorded so far', () => {
    const result = planRevenueAttainment(base);
    expect(result).toMatchObject({
      totalTarget: 2100,
      // July + August + September: 600 targeted, 300 made (September is still missing).
      targetToDate: 600,
      actualToDate: 300,
      attainmentToDate: 0.5,
      // 2100 − (90 + 210 + 50): October's first figures already count against the total.
      gapToTotal: 1750,
      throughMonth: '2026-09',
    });
  });

  it('before the plan starts nothing is "to date"; after it ended everything is', () => {
    const before = planRevenueAttainment({ ...base, actuals: [], currentMonth: '2026-07' });
    expect(before).toMatchObject({
      targetToDate: 0,
      actualToDate: 0,
      attainmentToDate: null,
      throughMonth: null,
    });
    expect(before.gapToTotal).toBe(2100);
    const after = planRevenueAttainment({ ...base, currentMonth: '2027-03' });
    expect(after).toMatchObject({ targetToDate: 2100, actualToDate: 350, throughMonth: '2026-12' });
    expect(after.attainmentToDate).toBeCloseTo(350 / 2100, 12);
  });

  it('works without targets and with cents, and a target outside the horizon is ignored', () => {
    const result = planRevenueAttainment({
      startMonth: '2026-01',
      horizonMonths: 2,
      targets: [{ month: '2027-01', amount: 5 }],
      actuals: [
        { month: '2026-01', amount: 0.1 },
        { month: '2026-02', amount: 0.2 },
      ],
      currentMonth: '2026-03',
    });
    expect(result).toMatchObject({
      totalTarget: 0,
      targetToDate: 0,
      actualToDate: 0.3,
      attainmentToDate: null,
      gapToTotal: -0.3,
    });
    expect(result.months.map((m) => m.target)).toEqual([null, null]);
  });
});

describe('recordMonthlyRevenueInput', () => {
  const schema = recordMonthlyRevenueInput('2026-12');
  const accountId = '0195c1a0-0000-7000-8000-000000000001';
  const paths = (months: unknown[]) => {
    const result = schema.safeParse({ accountId, months });
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts 2000-01 to the current month, 0 to 10^12 with two decimals', () => {
    expect(
      paths([
        { month: '2000-01', amount: 0 },
        { month: '2026-12', amount: 1e12 },
        { month: '2026-11', amount: 1500.5 },
      ]),
    ).toEqual([]);
  });

  it('names the field of every bad month', () => {
    const ok = { month: '2026-01', amount: 1 };
    expect(paths([ok, { month: '1999-12', amount: 1 }])).toEqual(['months.1.month']);
    // A repeated month is reported on the repeat.
    expect(paths([ok, { month: '2026-02', amount: 1 }, ok])).toEqual(['months.2.month']);
    expect(paths([ok, { month: '2027-01', amount: 1 }])).toEqual(['months.1.month']);
    expect(paths([ok, { month: '2099-01', amount: 1 }])).toEqual(['months.1.month']);
    expect(paths([ok, { month: '2026-1', amount: 1 }])).toEqual(['months.1.month']);
    expect(paths([ok, { month: '2026-02', amount: -1 }])).toEqual(['months.1.amount']);
    expect(paths([ok, { month: '2026-02', amount: 1.005 }])).toEqual(['months.1.amount']);
    expect(paths([ok, { month: '2026-02', amount: 1e13 }])).toEqual(['months.1.amount']);
    expect(paths([])).toEqual(['months']);
    expect(
      paths(Array.from({ length: 37 }, (_, i) => ({ month: addToMonth('2020-01', i), amount: 1 }))),
    ).toEqual(['months']);
  });
});

describe('currency codes', () => {
  it('are ISO 4217 codes the runtime knows, written in any case', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('MXN')).toBe(true);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(updateCompanySettingsInput.parse({ currency: ' usd ' })).toEqual({ currency: 'USD' });
    expect(updateCompanySettingsInput.safeParse({ currency: 'EURO' }).success).toBe(false);
  });
});

describe('canRecordRevenue', () => {
  const facts = { ownerId: 'ana', ownerTeamId: 'retail', supporterIds: ['luis'] };
  it('is for the account team, its manager and admins', () => {
    expect(canRecordRevenue({ id: 'ana', role: 'KAM', ledTeamIds: [] } as never, facts)).toBe(true);
    expect(canRecordRevenue({ id: 'luis', role: 'KAM', ledTeamIds: [] } as never, facts)).toBe(true);
    expect(canRecordRevenue({ id: 'sofia', role: 'KAM', ledTeamIds: [] } as never, facts)).toBe(false);
    expect(canRecordRevenue({ id: 'marta', role: 'MANAGER', ledTeamIds: ['retail'] } as never, facts)).toBe(
      true,
    );
    expect(canRecordRevenue({ id: 'jorge', role: 'MANAGER', ledTeamIds: ['food'] } as never, facts)).toBe(
      false,
    );
    expect(canRecordRevenue({ id: 'root', role: 'ADMIN', ledTeamIds: [] } as never, facts)).toBe(true);
  });
});
