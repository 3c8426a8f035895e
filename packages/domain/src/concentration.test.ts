import { describe, expect, it } from 'vitest';
import { classifyHhi, revenueConcentration } from './concentration.js';

describe('revenueConcentration', () => {
  it('computes shares, the Pareto curve, HHI and alerts for a worked example', () => {
    const result = revenueConcentration([
      { accountId: 'c', revenue: 200 },
      { accountId: 'a', revenue: 500 },
      { accountId: 'b', revenue: 300 },
    ]);
    expect(result.total).toBe(1000);
    expect(result.accounts).toEqual([
      { accountId: 'a', revenue: 500, share: 0.5, cumulativeShare: 0.5, rank: 1 },
      { accountId: 'b', revenue: 300, share: 0.3, cumulativeShare: 0.8, rank: 2 },
      { accountId: 'c', revenue: 200, share: 0.2, cumulativeShare: 1, rank: 3 },
    ]);
    // 50² + 30² + 20² = 2500 + 900 + 400.
    expect(result.hhi).toBeCloseTo(3800, 9);
    expect(result.hhiNormalized).toBeCloseTo(0.38, 12);
    expect(result.classification).toBe('HIGH');
    expect(result.alerts).toEqual([
      { accountId: 'a', share: 0.5, threshold: 0.5 },
      { accountId: 'b', share: 0.3, threshold: 0.3 },
    ]);
  });

  it('gives equal revenues the same rank and orders them by id', () => {
    const result = revenueConcentration([
      { accountId: 'd', revenue: 50 },
      { accountId: 'b', revenue: 100 },
      { accountId: 'a', revenue: 100 },
      { accountId: 'c', revenue: 50 },
    ]);
    expect(result.accounts.map((a) => [a.accountId, a.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
      ['d', 3],
    ]);
    // Shares 1/3, 1/3, 1/6, 1/6: 10 000 × (2/9 + 2/36) = 2777.78.
    expect(result.hhi).toBeCloseTo(100_000 / 36, 9);
  });

  it('calls ten equal accounts unconcentrated (HHI 1000)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ accountId: `a${i}`, revenue: 7 }));
    const result = revenueConcentration(ten);
    expect(result.hhi).toBeCloseTo(1000, 9);
    expect(result.classification).toBe('UNCONCENTRATED');
    expect(result.alerts).toEqual([]);
  });

  it('calls four equal accounts moderate (HHI exactly 2500)', () => {
    const four = ['a', 'b', 'c', 'd'].map((accountId) => ({ accountId, revenue: 1 }));
    expect(revenueConcentration(four).classification).toBe('MODERATE');
  });

  it('calls a single account fully concentrated', () => {
    const result = revenueConcentration([{ accountId: 'only', revenue: 42 }]);
    expect(result.hhi).toBe(10_000);
    expect(result.hhiNormalized).toBe(1);
    expect(result.alerts).toEqual([{ accountId: 'only', share: 1, threshold: 0.5 }]);
  });

  it('reports zero shares and no HHI when the total is zero', () => {
    const result = revenueConcentration([
      { accountId: 'a', revenue: 0 },
      { accountId: 'b', revenue: 0 },
    ]);
    expect(result.accounts).toEqual([
      { accountId: 'a', revenue: 0, share: 0, cumulativeShare: 0, rank: 1 },
      { accountId: 'b', revenue: 0, share: 0, cumulativeShare: 0, rank: 1 },
    ]);
    expect(result).toMatchObject({
      total: 0,
      hhi: null,
      hhiNormalized: null,
      classification: null,
      alerts: [],
    });
  });

  it('handles an empty portfolio', () => {
    expect(revenueConcentration([])).toEqual({
      total: 0,
      denominator: 0,
      denominatorKind: 'KEY_ACCOUNTS',
      accounts: [],
      hhi: null,
      hhiNormalized: null,
      classification: null,
      alerts: [],
    });
  });

  it('takes custom thresholds, a share equal to one counts as reaching it', () => {
    const result = revenueConcentration(
      [
        { accountId: 'a', revenue: 60 },
        { accountId: 'b', revenue: 25 },
        { accountId: 'c', revenue: 15 },
      ],
      [0.25],
    );
    expect(result.alerts).toEqual([
      { accountId: 'a', share: 0.6, threshold: 0.25 },
      { accountId: 'b', share: 0.25, threshold: 0.25 },
    ]);
  });

  it('rejects negative revenue', () => {
    expect(() => revenueConcentration([{ accountId: 'a', revenue: -1 }])).toThrow(RangeError);
  });

  it('rejects non-finite revenue', () => {
    expect(() => revenueConcentration([{ accountId: 'a', revenue: Number.POSITIVE_INFINITY }])).toThrow(
      RangeError,
    );
  });

  it('rejects an account listed twice', () => {
    expect(() =>
      revenueConcentration([
        { accountId: 'a', revenue: 1 },
        { accountId: 'a', revenue: 2 },
      ]),
    ).toThrow(RangeError);
  });

  it.each([0, -0.1, 1.5])('rejects the threshold %s', (t) => {
    expect(() => revenueConcentration([], [t])).toThrow(RangeError);
  });
});

describe('classifyHhi', () => {
  it.each([
    [0, 'UNCONCENTRATED'],
    [1499.99, 'UNCONCENTRATED'],
    [1500, 'MODERATE'],
    [2500, 'MODERATE'],
    [2500.0000000001, 'MODERATE'],
    [2500.01, 'HIGH'],
    [10_000, 'HIGH'],
  ])('%s is %s', (hhi, expected) => {
    expect(classifyHhi(hhi)).toBe(expected);
  });
});
