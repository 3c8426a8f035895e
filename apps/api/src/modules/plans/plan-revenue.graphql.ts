import { addToMonth, monthOf, type PlanRevenueAttainment, planRevenueAttainment } from '@clave/domain';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { marks, rows } from '../../db/rows.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { monthlyRevenueOf } from '../accounts/monthly-revenue.service.js';
import type { AccountPlan } from './plan.entity.js';
import { PlanRef } from './plan.graphql.js';

/*
 * Target against actual for a plan: the plan's monthly revenue targets and the account's monthly
 * actual revenue over the horizon, joined by the domain's planRevenueAttainment.
 */

const PlanRevenueMonthRef = builder
  .objectRef<PlanRevenueAttainment['months'][number]>('PlanRevenueMonth')
  .implement({
    description: "One month of a plan's horizon: its revenue target and the account's actual revenue.",
    fields: (t) => ({
      month: t.exposeString('month', { description: 'The month, YYYY-MM.' }),
      target: t.float({
        nullable: true,
        description: 'The revenue target of the month; null without one.',
        resolve: (m) => m.target,
      }),
      actual: t.float({
        nullable: true,
        description: 'The actual revenue recorded for the month; null when none is recorded (yet).',
        resolve: (m) => m.actual,
      }),
      cumulativeTarget: t.exposeFloat('cumulativeTarget', {
        description: 'Sum of the targets from the first month of the horizon to this one.',
      }),
      cumulativeActual: t.exposeFloat('cumulativeActual', {
        description: 'Sum of the actuals from the first month of the horizon to this one.',
      }),
    }),
  });

const PlanRevenueAttainmentRef = builder.objectRef<PlanRevenueAttainment>('PlanRevenueAttainment').implement({
  description:
    "The plan's monthly revenue targets against the account's actual monthly revenue, in the company currency.",
  fields: (t) => ({
    months: t.field({
      type: [PlanRevenueMonthRef],
      description: 'Every month of the horizon, in order.',
      resolve: (a) => [...a.months],
    }),
    totalTarget: t.exposeFloat('totalTarget', { description: 'Sum of all the targets of the plan.' }),
    targetToDate: t.exposeFloat('targetToDate', {
      description:
        'Sum of the targets of the complete months of the horizon (those before the current month).',
    }),
    actualToDate: t.exposeFloat('actualToDate', { description: 'Sum of the actuals of those same months.' }),
    attainmentToDate: t.float({
      nullable: true,
      description: 'actualToDate / targetToDate (1 = on target); null when targetToDate is 0.',
      resolve: (a) => a.attainmentToDate,
    }),
    gapToTotal: t.exposeFloat('gapToTotal', {
      description:
        'totalTarget minus the actual of every month of the horizon recorded so far: what is still missing to the plan (negative when exceeded).',
    }),
    throughMonth: t.string({
      nullable: true,
      description:
        'The last complete month counted "to date"; null before the plan\'s first month has ended.',
      resolve: (a) => a.throughMonth,
    }),
  }),
});

/** Attainment of many plans: one query for their targets and one for their accounts' months. */
const attainmentLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<AccountPlan, PlanRevenueAttainment, string>(
      async (plans) => {
        const currentMonth = monthOf(new Date());
        const planIds = plans.map((p) => p.id);
        const targets = await rows<{ plan_id: string; period: string; amount: number | string }>(
          ctx.em,
          `select plan_id, period, amount from plan_revenue_target where plan_id in (${marks(planIds.length)})`,
          planIds,
        );
        // One range covering every plan's horizon ('YYYY-MM' sorts as text).
        const from = plans.map((p) => p.startMonth).sort()[0] as string;
        const to = plans
          .map((p) => addToMonth(p.startMonth, p.horizonMonths - 1))
          .sort()
          .at(-1) as string;
        const accountIds = plans.map((p) => p.account.id);
        const actuals = await monthlyRevenueOf(ctx.em, accountIds, { from, to });
        return plans.map((plan, i) =>
          planRevenueAttainment({
            startMonth: plan.startMonth,
            horizonMonths: plan.horizonMonths,
            targets: targets
              .filter((t) => t.plan_id === plan.id)
              .map((t) => ({ month: t.period, amount: Number(t.amount) })),
            actuals: actuals[i] ?? [],
            currentMonth,
          }),
        );
      },
      { cacheKeyFn: (plan) => plan.id },
    ),
);

builder.objectField(PlanRef, 'revenueAttainment', (t) =>
  t.field({
    type: PlanRevenueAttainmentRef,
    description:
      "Target against actual by month over the plan's horizon, cumulative attainment of the complete months, and the gap to the plan's total (batched for lists of plans).",
    resolve: (plan, _args, ctx) => attainmentLoader(ctx).load(plan),
  }),
);
