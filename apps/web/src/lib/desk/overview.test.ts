import { describe, expect, it } from 'vitest';
import { riskiestAccount, slippingKam, unvisitedAccounts } from './overview';

describe('the desk overview', () => {
  it('names the account past the highest dependency threshold in the latest year', () => {
    const years = [
      {
        year: 2025,
        accounts: [
          { name: 'B', share: 0.2, dependencyThreshold: null },
          { name: 'A', share: 0.55, dependencyThreshold: 0.5 },
        ],
      },
      { year: 2024, accounts: [{ name: 'C', share: 0.9, dependencyThreshold: 0.5 }] },
    ];
    expect(riskiestAccount(years)).toEqual({
      year: 2025,
      row: { name: 'A', share: 0.55, dependencyThreshold: 0.5 },
    });
  });

  it('looks at the share year when given, else the latest year', () => {
    type Row = { name: string; share: number; dependencyThreshold: number | null };
    const years: { year: number; accounts: Row[] }[] = [
      { year: 2026, accounts: [{ name: 'D', share: 0.9, dependencyThreshold: 0.5 }] },
      { year: 2025, accounts: [{ name: 'A', share: 0.3, dependencyThreshold: null }] },
    ];
    expect(riskiestAccount(years, 2025)).toEqual({
      year: 2025,
      row: { name: 'A', share: 0.3, dependencyThreshold: null },
    });
    expect(riskiestAccount(years, 2019)?.year).toBe(2026);
    expect(riskiestAccount(years, null)?.year).toBe(2026);
  });

  it('falls back to the largest share, and to nothing without revenue', () => {
    const years = [
      {
        year: 2025,
        accounts: [
          { name: 'B', share: 0.1, dependencyThreshold: null },
          { name: 'A', share: 0.2, dependencyThreshold: null },
        ],
      },
    ];
    expect(riskiestAccount(years)?.row.name).toBe('A');
    expect(riskiestAccount([])).toBeNull();
    expect(riskiestAccount(null)).toBeNull();
  });

  it('names the KAM with the highest share of open actions overdue, and nobody when none is', () => {
    const rows = [
      { kam: { name: 'Ana' }, overdue: 7, open: 38, overdueShare: 7 / 38 },
      { kam: { name: 'Luis' }, overdue: 5, open: 17, overdueShare: 5 / 17 },
      { kam: { name: 'Eva' }, overdue: 0, open: 3, overdueShare: 0 },
    ];
    expect(slippingKam(rows)?.kam.name).toBe('Luis');
    expect(slippingKam([{ kam: { name: 'Eva' }, overdue: 0, open: 3, overdueShare: 0 }])).toBeNull();
  });

  it('lists the accounts past their cadence, never visited first, then the most days late', () => {
    const accounts = [
      { name: 'On time', visitCoverage: { overdue: false, daysSinceLastVisit: 3, cadenceDays: 30 } },
      { name: 'Late 10', visitCoverage: { overdue: true, daysSinceLastVisit: 40, cadenceDays: 30 } },
      { name: 'Late 34', visitCoverage: { overdue: true, daysSinceLastVisit: 94, cadenceDays: 60 } },
      { name: 'Never', visitCoverage: { overdue: true, daysSinceLastVisit: null, cadenceDays: 30 } },
    ];
    expect(unvisitedAccounts(accounts).map((a) => a.name)).toEqual(['Never', 'Late 34', 'Late 10']);
  });
});
