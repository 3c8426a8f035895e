import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, pluralPattern, test, text } from './support';

/** WCAG 2.1 A and AA rules; only serious and critical findings fail (as in accessibility.spec.ts). */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

async function signInAs(page: Page, messages: typeof en, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(messages, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(messages, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(messages, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(messages, 'logout'), exact: true })).toBeVisible();
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last complete month, 'YYYY-MM' (in the browser's zone, Europe/Madrid, as the app counts). */
function lastCompleteMonth(now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}
const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

interface PlanWithMonth {
  account: { id: string; name: string };
  plan: { id: string };
}

/** One of the user's accounts whose active plan counts `month` in its horizon. */
async function accountWithPlanMonth(api: Api, month: string): Promise<PlanWithMonth> {
  const { accounts } = await api.gql<{
    accounts: {
      edges: {
        node: {
          id: string;
          name: string;
          activePlan: { id: string; revenueAttainment: { months: { month: string }[] } } | null;
        };
      }[];
    };
  }>(
    '{ accounts(first: 100) { edges { node { id name activePlan { id revenueAttainment { months { month } } } } } } }',
  );
  const found = accounts.edges
    .map((edge) => edge.node)
    .find((node) => node.activePlan?.revenueAttainment.months.some((m) => m.month === month));
  if (!found?.activePlan) throw new Error(`No account with an active plan covering ${month}`);
  return { account: { id: found.id, name: found.name }, plan: { id: found.activePlan.id } };
}

async function monthAmount(api: Api, accountId: string, month: string): Promise<number | null> {
  const { node } = await api.gql<{ node: { monthlyRevenue: { month: string; amount: number }[] } }>(
    'query ($id: ID!, $m: String!) { node(id: $id) { ... on Account { monthlyRevenue(from: $m, to: $m) { month amount } } } }',
    { id: accountId, m: month },
  );
  return node.monthlyRevenue[0]?.amount ?? null;
}

async function recordMonth(api: Api, accountId: string, month: string, amount: number) {
  const { recordMonthlyRevenue } = await api.gql<{ recordMonthlyRevenue: { __typename: string } }>(
    'mutation ($input: RecordMonthlyRevenueInput!) { recordMonthlyRevenue(input: $input) { __typename } }',
    { input: { accountId, months: [{ month, amount }] } },
  );
  expect(recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
}

test.describe('in Spanish on a phone', () => {
  test.use({ locale: 'es-ES' });

  test('monthly revenue typed "1.500,50" is stored as 1500.5 and the plan shows it against its target', async ({
    page,
  }, testInfo) => {
    const api = await apiAs('ana@clave.dev');
    const month = lastCompleteMonth();
    const { account, plan } = await accountWithPlanMonth(api, month);
    const before = await monthAmount(api, account.id, month);
    const monthName = new Intl.DateTimeFormat('es', { month: 'long', timeZone: 'UTC' }).format(
      monthDate(month),
    );
    const monthShort = new Intl.DateTimeFormat('es', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(monthDate(month));
    try {
      await signInAs(page, es, 'ana@clave.dev');
      await page.goto(`/accounts/${account.id}`);
      await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
      // The account page shows the active plan's target vs actual, and the way to record revenue.
      const section = page.getByTestId('plan-revenue');
      await expect(section.getByRole('heading', { name: text(es, 'revenue_section_title') })).toBeVisible();
      await expect(section.getByRole('table', { name: text(es, 'revenue_table_caption') })).toBeVisible();
      await section.getByRole('link', { name: text(es, 'revenue_record_link'), exact: true }).click();

      await expect(
        page.getByRole('heading', { level: 1, name: text(es, 'revenue_page_title') }),
      ).toBeVisible();
      await page
        .getByLabel(text(es, 'revenue_year'), { exact: true })
        .selectOption(String(monthDate(month).getUTCFullYear()));
      const field = page.getByLabel(monthName, { exact: true });
      // The grid's one button ("Guardar facturación", or "Guardar 1 mes" once a month changed).
      const save = page
        .getByRole('form', { name: text(es, 'revenue_grid_title', { year: month.slice(0, 4) }) })
        .getByRole('button');
      await expect(field).toBeEnabled();

      // Unreadable: refused on that month's field, in Spanish, and nothing is sent.
      await field.fill('1,2,3');
      await save.click();
      const unreadable = text(es, 'number_unreadable', { example: '1.500,50' });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(
        new RegExp(unreadable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );
      await expect(page.getByRole('alert').filter({ hasText: text(es, 'revenue_fix_fields') })).toBeVisible();
      expect(await monthAmount(api, account.id, month)).toBe(before);

      // The Spanish way of writing one thousand five hundred and a half.
      await field.fill('1.500,50');
      await page.getByRole('button', { name: pluralPattern('es', 'revenue_save_count', 1) }).click();
      await expect(
        page.getByRole('status').filter({ hasText: pluralPattern('es', 'revenue_saved', 1) }),
      ).toBeVisible();
      await expect.poll(() => monthAmount(api, account.id, month)).toBe(1500.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: testInfo.outputPath('revenue-grid-es-360.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      // The plan page: that month's actual, in Spanish and in the company currency.
      await page.goto(`/plans/${plan.id}`);
      const planSection = page.getByTestId('plan-revenue');
      const row = planSection
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: monthShort }) });
      await expect(row).toContainText(/1\.500,50\s€/);
      await expect(planSection.getByText(text(es, 'revenue_attainment_to_date'))).toBeVisible();
      await planSection.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath('plan-revenue-es-360.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      if (before !== null) await recordMonth(api, account.id, month, before);
      await api.dispose();
    }
  });
});

test.describe('at a desk', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, locale: 'en-US' });

  test('an admin sets the company total revenue for a year and the portfolio says shares are of it', async ({
    page,
  }, testInfo) => {
    const api = await apiAs('admin@clave.dev');
    const { company } = await api.gql<{
      company: {
        shareYear: number | null;
        revenueYears: { year: number; totalRevenue: number | null; keyAccountRevenue: number }[];
      };
    }>('{ company { shareYear revenueYears { year totalRevenue keyAccountRevenue } } }');
    const year = company.shareYear;
    const row = company.revenueYears.find((y) => y.year === year);
    if (year === null || !row) throw new Error('The demo has no share year');
    const setTotal = async (totalRevenue: number | null) => {
      const { setCompanyRevenue } = await api.gql<{ setCompanyRevenue: { __typename: string } }>(
        'mutation ($input: SetCompanyRevenueInput!) { setCompanyRevenue(input: $input) { __typename } }',
        { input: { year, totalRevenue } },
      );
      expect(setCompanyRevenue.__typename).toBe('SetCompanyRevenueSuccess');
    };
    const totalOf = async () => {
      const { company: now } = await api.gql<{
        company: { revenueYears: { year: number; totalRevenue: number | null }[] };
      }>('{ company { revenueYears { year totalRevenue } } }');
      return now.revenueYears.find((y) => y.year === year)?.totalRevenue ?? null;
    };
    // Start from a year without a company total: shares are then of the key accounts' revenue.
    await setTotal(null);
    const total = Math.ceil(row.keyAccountRevenue * 1.25) + 0.5;
    try {
      await signInAs(page, en, 'admin@clave.dev');
      await page.goto('/desk/portfolio');
      const note = page.getByTestId('share-denominator');
      await expect(note).toHaveAttribute('data-denominator', 'KEY_ACCOUNTS');
      await note.getByRole('link', { name: text(en, 'share_denominator_set_link'), exact: true }).click();

      await expect(page.getByRole('heading', { level: 1, name: text(en, 'company_title') })).toBeVisible();
      const card = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: String(year), exact: true }) });
      const field = card.getByLabel(text(en, 'company_total_label', { year: String(year) }), { exact: true });
      // Below the key accounts' own revenue: the server refuses it on the field.
      await field.fill('1,000.50');
      await card.getByRole('button', { name: text(en, 'company_total_save'), exact: true }).click();
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(await totalOf()).toBeNull();

      await field.fill(new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(total));
      await card.getByRole('button', { name: text(en, 'company_total_save'), exact: true }).click();
      await expect(
        card
          .getByRole('status')
          .filter({ hasText: text(en, 'company_revenue_saved', { year: String(year) }) }),
      ).toBeVisible();
      await expect.poll(totalOf).toBe(total);
      await page.screenshot({ path: testInfo.outputPath('company-settings-1440.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/desk/portfolio');
      await expect(note).toHaveAttribute('data-denominator', 'COMPANY_TOTAL');
      await expect(note).toContainText(
        text(en, 'share_denominator_company', { year: String(year), total: '' }).split(' (')[0] ?? '',
      );
      await page.screenshot({ path: testInfo.outputPath('portfolio-1440.png'), fullPage: true });
    } finally {
      await setTotal(row.totalRevenue);
      await api.dispose();
    }
  });
});
