import { addToMonth, monthOf } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { ACCOUNT_IDS } from '../kpis/kpi-test-helpers.js';
import { RECORD } from './revenue.fixtures.js';

/*
 * AccountPlan.revenueAttainment through the API (issue 13): the plan's monthly targets against the
 * account's actual monthly revenue. A 6-month plan on Selecta Gourmet (ana's) starting 3 months
 * before the current one: three months are complete.
 */

const CREATE = `mutation($input: CreateAccountPlanInput!) {
  createPlan(input: $input) { __typename ... on CreatePlanSuccess { data { id } } ... on Error { message } }
}`;
const ATTAINMENT = `query($id: ID!) { node(id: $id) { ... on AccountPlan { revenueAttainment {
  months { month target actual cumulativeTarget cumulativeActual }
  totalTarget targetToDate actualToDate attainmentToDate gapToTotal throughMonth
} } } }`;

const now = monthOf(new Date());
const m = (i: number) => addToMonth(now, i - 3);

let t: TestApp;
let ana: Client;
let selecta = '';
let plan = '';

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
  const data = await ana.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(ACCOUNT_IDS);
  selecta = data.accounts.edges.find((e) => e.node.name === 'Selecta Gourmet')?.node.id as string;
  const created = await ana.data<{ createPlan: { data: { id: string } } }>(CREATE, {
    input: {
      accountId: selecta,
      title: 'Plan de prueba',
      startMonth: m(0),
      horizonMonths: 6,
      revenueTargets: [100, 200, 300, 400, 500, 600].map((amount, i) => ({ period: m(i), amount })),
    },
  });
  plan = created.createPlan.data.id;
  const recorded = await ana.data<{ recordMonthlyRevenue: { __typename: string } }>(RECORD, {
    input: {
      accountId: selecta,
      months: [
        { month: m(-1), amount: 999 },
        { month: m(0), amount: 90 },
        { month: m(1), amount: 210 },
        { month: m(3), amount: 50 },
      ],
    },
  });
  expect(recorded.recordMonthlyRevenue.__typename).toBe('RecordMonthlyRevenueSuccess');
});
afterAll(() => t.close());

describe('AccountPlan.revenueAttainment', () => {
  it('shows target against actual by month, attainment of the complete months and the gap to the total', async () => {
    const data = await ana.data<{ node: { revenueAttainment: Record<string, unknown> } }>(ATTAINMENT, {
      id: plan,
    });
    // The demo's own monthly revenue of the account may cover these months too: the months this
    // test recorded replace it, the one it did not (m(2)) is read as it is.
    const attainment = data.node.revenueAttainment as {
      months: { month: string; actual: number | null }[];
    } & Record<string, unknown>;
    const third = attainment.months[2]?.actual ?? 0;
    expect(attainment.months.map((x) => x.month)).toEqual([0, 1, 2, 3, 4, 5].map(m));
    expect(attainment.months[0]).toEqual({
      month: m(0),
      target: 100,
      actual: 90,
      cumulativeTarget: 100,
      cumulativeActual: 90,
    });
    expect(attainment.months[3]).toEqual({
      month: m(3),
      target: 400,
      actual: 50,
      cumulativeTarget: 1000,
      cumulativeActual: 350 + third,
    });
    expect(attainment).toMatchObject({
      totalTarget: 2100,
      targetToDate: 600,
      actualToDate: 300 + third,
      gapToTotal: 2100 - (350 + third),
      throughMonth: m(2),
    });
    expect(attainment.attainmentToDate).toBeCloseTo((300 + third) / 600, 12);
  });

  it('costs one query for the targets and one for the actuals, for a whole list of plans', async () => {
    const marta = await t.as('marta');
    t.resetQueries();
    const data = await marta.data<{ accounts: { edges: { node: { plans: unknown[] } }[] } }>(
      '{ accounts(first: 20) { edges { node { plans { revenueAttainment { totalTarget gapToTotal } } } } } }',
    );
    expect(data.accounts.edges.flatMap((e) => e.node.plans).length).toBeGreaterThan(2);
    expect(t.queries.filter((q) => /from [`"]?plan_revenue_target/.test(q))).toHaveLength(1);
    expect(t.queries.filter((q) => q.includes('account_monthly_revenue'))).toHaveLength(1);
  });
});
