import { beforeEach, describe, expect, it, vi } from 'vitest';

// The company read goes through the session's client and the device cache; both are stood in for.
const answers: unknown[] = [];
let client = { id: 1 };
vi.mock('$lib/graphql/client', () => ({
  getClient: () => ({
    ...client,
    query: () => ({ toPromise: async () => answers.shift() }),
  }),
}));
vi.mock('$lib/offline/cache', () => ({
  cachedQuery: async (_key: string, run: () => Promise<unknown>) => ({
    data: await run(),
    savedAt: new Date(),
    fromCache: false,
  }),
}));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the company as the web app knows it', () => {
  beforeEach(() => {
    vi.resetModules();
    answers.length = 0;
    client = { id: 1 };
    vi.stubGlobal('window', {});
  });

  it('is in euros until the company is read, then in its own currency', async () => {
    answers.push({
      data: {
        company: { currency: 'USD', shareYear: 2025, revenueYears: [{ year: 2025, totalRevenue: 9e6 }] },
      },
    });
    const { company } = await import('./company.svelte');
    expect(company.currency).toBe('EUR');
    await company.ensure();
    await settle();
    expect(company.currency).toBe('USD');
    expect(company.shareYear).toBe(2025);
  });

  it('says what shares are of, and nothing when the person cannot see the company revenue', async () => {
    answers.push({
      data: {
        company: {
          currency: 'EUR',
          shareYear: 2025,
          revenueYears: [
            { year: 2025, totalRevenue: 9e6 },
            { year: 2024, totalRevenue: null },
          ],
        },
      },
    });
    const { company } = await import('./company.svelte');
    await company.ensure();
    expect(company.denominatorOf()).toBe('COMPANY_TOTAL');
    expect(company.denominatorOf(2024)).toBe('KEY_ACCOUNTS');

    // A KAM's session: no revenue years, so no claim about the denominator.
    client = { id: 2 };
    answers.push({ data: { company: { currency: 'EUR', shareYear: 2025, revenueYears: [] } } });
    await company.ensure();
    expect(company.denominatorOf()).toBeNull();
  });

  it('keeps the default currency when the read fails', async () => {
    answers.push({ error: { graphQLErrors: [], networkError: new Error('down') } });
    const { company } = await import('./company.svelte');
    await company.ensure();
    expect(company.currency).toBe('EUR');
  });
});
