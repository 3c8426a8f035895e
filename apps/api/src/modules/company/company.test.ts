import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { ACCOUNT_IDS } from '../kpis/kpi-test-helpers.js';

/*
 * The company's settings and total revenue per year, and the one share definition (issue 13):
 * shares are of the share year by default (the latest complete year with revenue) and of the
 * company's total revenue when it is set. Demo revenue in 2024: Supermercados Alba 24,900,000 of
 * the key accounts' 46,225,000.
 */

const ALBA_2024 = 24_900_000;
const KEY_ACCOUNTS_2024 = 46_225_000;

const SET = `mutation($input: SetCompanyRevenueInput!) {
  setCompanyRevenue(input: $input) {
    __typename
    ... on SetCompanyRevenueSuccess { data { year totalRevenue keyAccountRevenue } }
    ... on ValidationError { issues { path message } }
  }
}`;
const SETTINGS = `mutation($input: UpdateCompanySettingsInput!) {
  updateCompanySettings(input: $input) {
    __typename
    ... on UpdateCompanySettingsSuccess { data { currency } }
    ... on ValidationError { issues { path message } }
  }
}`;
const PORTFOLIO = `query($year: Int) {
  portfolio(year: $year) { year totalRevenue companyRevenue shareDenominator hhi accounts { share account { name } } }
}`;
const SHARES = `query($id: ID!) { node(id: $id) { ... on Account {
  byDefault: revenueShare  y2024: revenueShare(year: 2024)  y2025: revenueShare(year: 2025)
} } }`;

interface SetResult {
  setCompanyRevenue: {
    __typename: string;
    data?: { year: number; totalRevenue: number | null; keyAccountRevenue: number };
    issues?: { path: string[]; message: string }[];
  };
}
interface Portfolio {
  portfolio: {
    year: number;
    totalRevenue: number;
    companyRevenue: number;
    shareDenominator: string;
    hhi: number;
    accounts: { share: number; account: { name: string } }[];
  };
}

let t: TestApp;
let admin: Client;
let alba = '';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  const data = await admin.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNT_IDS,
  );
  alba = data.accounts.edges.find((e) => e.node.name === 'Supermercados Alba')?.node.id as string;
});
afterAll(() => t.close());

const auditCount = async (entityType: string) => {
  const [row] = await t.app.orm.em
    .fork()
    .getConnection()
    .execute(`select count(*) as n from audit_entry where entity_type = '${entityType}'`);
  return Number((row as { n: number | string }).n);
};

describe('the share year', () => {
  it('is the latest complete year with revenue: the current year has months, but 2025 is the share year', async () => {
    const data = await admin.data<{ company: { shareYear: number }; revenueYears: number[] }>(
      '{ company { shareYear } revenueYears }',
    );
    expect(data.revenueYears[0]).toBe(new Date().getUTCFullYear());
    expect(data.company.shareYear).toBe(2025);
  });

  it('is what revenueShare and the portfolio use without a year', async () => {
    const data = await admin.data<{ node: { byDefault: number; y2025: number } }>(SHARES, { id: alba });
    expect(data.node.byDefault).toBe(data.node.y2025);
    expect((await admin.data<Portfolio>(PORTFOLIO)).portfolio.year).toBe(2025);
  });
});

describe('the company total as the denominator', () => {
  it("makes every share, the HHI and the portfolio's figures shares of the company", async () => {
    const set = await admin.data<SetResult>(SET, { input: { year: 2024, totalRevenue: 92_450_000 } });
    expect(set.setCompanyRevenue.data).toEqual({
      year: 2024,
      totalRevenue: 92_450_000,
      keyAccountRevenue: KEY_ACCOUNTS_2024,
    });
    const shares = await admin.data<{ node: { y2024: number } }>(SHARES, { id: alba });
    expect(shares.node.y2024).toBeCloseTo(ALBA_2024 / 92_450_000, 12);
    const { portfolio } = await admin.data<Portfolio>(PORTFOLIO, { year: 2024 });
    expect(portfolio).toMatchObject({
      totalRevenue: KEY_ACCOUNTS_2024,
      companyRevenue: 92_450_000,
      shareDenominator: 'COMPANY_TOTAL',
    });
    expect(portfolio.accounts[0]?.share).toBeCloseTo(ALBA_2024 / 92_450_000, 12);
    // Customers outside Clave are many small ones: the HHI is over the key accounts' shares of the company.
    const hhi = portfolio.accounts.reduce((sum, a) => sum + (a.share * 100) ** 2, 0);
    expect(portfolio.hhi).toBeCloseTo(hhi, 6);
    // The desk's concentration history agrees.
    const desk = await admin.data<{
      desk: { concentrationHistory: { year: number; companyRevenue: number; shareDenominator: string }[] };
    }>('{ desk { concentrationHistory { year companyRevenue shareDenominator } } }');
    expect(desk.desk.concentrationHistory.find((y) => y.year === 2024)).toEqual({
      year: 2024,
      companyRevenue: 92_450_000,
      shareDenominator: 'COMPANY_TOTAL',
    });
  });

  it("without a company total, shares are of the key accounts' sum, and the portfolio says so", async () => {
    const before = await auditCount('CompanyRevenue');
    const cleared = await admin.data<SetResult>(SET, { input: { year: 2024, totalRevenue: null } });
    expect(cleared.setCompanyRevenue.data?.totalRevenue).toBeNull();
    expect(await auditCount('CompanyRevenue')).toBe(before + 1);
    const shares = await admin.data<{ node: { y2024: number } }>(SHARES, { id: alba });
    expect(shares.node.y2024).toBeCloseTo(ALBA_2024 / KEY_ACCOUNTS_2024, 12);
    const { portfolio } = await admin.data<Portfolio>(PORTFOLIO, { year: 2024 });
    expect(portfolio).toMatchObject({ companyRevenue: KEY_ACCOUNTS_2024, shareDenominator: 'KEY_ACCOUNTS' });
    const years = await admin.data<{
      company: { revenueYears: { year: number; totalRevenue: number | null }[] };
    }>('{ company { revenueYears { year totalRevenue } } }');
    expect(years.company.revenueYears.find((y) => y.year === 2024)?.totalRevenue).toBeNull();
  });

  it.each([
    ["below the key accounts' revenue of the year", { year: 2024, totalRevenue: 46_000_000 }, 'totalRevenue'],
    ['negative', { year: 2024, totalRevenue: -1 }, 'totalRevenue'],
    ['with three decimals', { year: 2024, totalRevenue: 50_000_000.001 }, 'totalRevenue'],
    ['for a future year', { year: 2099, totalRevenue: 50_000_000 }, 'year'],
    ['for a year before 2000', { year: 1999, totalRevenue: 50_000_000 }, 'year'],
  ])('is refused %s, naming the field, and nothing changes', async (_what, input, field) => {
    const before = await admin.data<{ company: { revenueYears: unknown } }>(
      '{ company { revenueYears { year totalRevenue } } }',
    );
    const result = await admin.data<SetResult>(SET, { input });
    expect(result.setCompanyRevenue.__typename).toBe('ValidationError');
    expect(result.setCompanyRevenue.issues?.map((i) => i.path)).toEqual([[field]]);
    expect(await admin.data('{ company { revenueYears { year totalRevenue } } }')).toEqual(before);
  });
});

describe('company settings', () => {
  it('refuses a currency that is not ISO 4217, in the caller language, and keeps EUR', async () => {
    const es = await t.as('admin', 'es');
    for (const currency of ['XYZ', 'EURO', '€', '']) {
      const result = await es.data<{ updateCompanySettings: { __typename: string; issues: unknown[] } }>(
        SETTINGS,
        { input: { currency } },
      );
      expect(result.updateCompanySettings).toEqual({
        __typename: 'ValidationError',
        issues: [{ path: ['currency'], message: 'Debe ser un código de moneda ISO 4217, p. ej. EUR' }],
      });
    }
    expect(
      (await admin.data<{ company: { currency: string } }>('{ company { currency } }')).company.currency,
    ).toBe('EUR');
  });

  it('stores a valid code (written in any case) and audits the change', async () => {
    const before = await auditCount('CompanySettings');
    const result = await admin.data<{ updateCompanySettings: { data: { currency: string } } }>(SETTINGS, {
      input: { currency: ' usd ' },
    });
    expect(result.updateCompanySettings.data.currency).toBe('USD');
    const ana = await t.as('ana');
    expect(
      (await ana.data<{ company: { currency: string } }>('{ company { currency } }')).company.currency,
    ).toBe('USD');
    expect(await auditCount('CompanySettings')).toBe(before + 1);
  });
});
