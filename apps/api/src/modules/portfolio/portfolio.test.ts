import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';

const PORTFOLIO = `query($year: Int) {
  portfolio(year: $year) {
    year totalRevenue companyRevenue shareDenominator hhi concentration
    accounts { rank share cumulativeShare dependencyThreshold account { name } }
    alerts { share dependencyThreshold account { name } }
  }
}`;
interface Portfolio {
  portfolio: {
    year: number;
    totalRevenue: number;
    companyRevenue: number;
    shareDenominator: string;
    hhi: number;
    concentration: string;
    accounts: {
      rank: number;
      share: number;
      cumulativeShare: number;
      dependencyThreshold: number | null;
      account: { name: string };
    }[];
    alerts: { share: number; dependencyThreshold: number; account: { name: string } }[];
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Demo revenue in 2025: Supermercados Alba 26,300,000 of the key accounts' 49,460,000, and of the
// company's total revenue (customers outside Clave included) of 51,600,000: shares are of the latter
// since the company total exists (issue 13).
const KEY_ACCOUNTS_2025 = 49_460_000;
const COMPANY_2025 = 51_600_000;
const ALBA_2025 = 26_300_000 / COMPANY_2025;

describe('revenue concentration', () => {
  it("shows an admin the whole company's concentration for the share year, with the dependency alert", async () => {
    const { portfolio } = await (await t.as('admin')).data<Portfolio>(PORTFOLIO);
    // The latest complete year (2026 has months up to the last one, but is not over).
    expect(portfolio.year).toBe(2025);
    expect(portfolio.totalRevenue).toBe(KEY_ACCOUNTS_2025);
    expect(portfolio.companyRevenue).toBe(COMPANY_2025);
    expect(portfolio.shareDenominator).toBe('COMPANY_TOTAL');
    expect(portfolio.accounts).toHaveLength(12);
    expect(portfolio.accounts[0]).toMatchObject({
      rank: 1,
      account: { name: 'Supermercados Alba' },
      dependencyThreshold: 0.5,
    });
    expect(portfolio.accounts[0]?.share).toBeCloseTo(ALBA_2025, 10);
    // The key accounts' part of the company; the rest is customers outside Clave.
    expect(portfolio.accounts.at(-1)?.cumulativeShare).toBeCloseTo(KEY_ACCOUNTS_2025 / COMPANY_2025, 10);
    expect(portfolio.alerts.map((a) => a.account.name)).toEqual(['Supermercados Alba']);
    expect(portfolio.concentration).toBe('HIGH');
    expect(portfolio.hhi).toBeGreaterThan(2500);
  });

  it("shows a manager only their team's accounts, ranked within the whole company", async () => {
    const { portfolio } = await (await t.as('jorge')).data<Portfolio>(PORTFOLIO, { year: 2025 });
    expect(portfolio.accounts.map((a) => a.account.name)).toEqual([
      'FreshMarket Europa',
      'Cesta Online',
      'Grupo Hostelero Brisa',
      'EcoBio Tiendas',
    ]);
    expect(portfolio.accounts[0]?.rank).toBe(3);
    expect(portfolio.totalRevenue).toBe(KEY_ACCOUNTS_2025);
    expect(portfolio.alerts).toEqual([]);
  });

  it('is not for KAMs', async () => {
    const result = await (await t.as('ana')).gql(PORTFOLIO);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives each account its share of company revenue, derived from the records', async () => {
    const ana = await t.as('ana');
    const data = await ana.data<{
      accounts: { edges: { node: { name: string; revenueShare: number | null } }[] };
    }>('{ accounts(first: 10) { edges { node { name revenueShare(year: 2025) } } } }');
    const alba = data.accounts.edges.find((e) => e.node.name === 'Supermercados Alba');
    expect(alba?.node.revenueShare).toBeCloseTo(ALBA_2025, 10);
    const none = await ana.data<{ accounts: { edges: { node: { revenueShare: number | null } }[] } }>(
      '{ accounts(first: 1) { edges { node { revenueShare(year: 1999) } } } }',
    );
    expect(none.accounts.edges[0]?.node.revenueShare).toBeNull();
  });
});
