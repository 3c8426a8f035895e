import { describe, expect, it } from 'vitest';
import {
  emptyPlanDraft,
  monthAfter,
  monthsOf,
  nextMonth,
  placePlanIssues,
  spreadTotal,
  targetRows,
  targetsChanged,
  toRevenueTargets,
  totalOf,
  toUpdatePlanInput,
  validatePlan,
} from './plan-form';

const today = new Date(2026, 11, 8); // 8 December 2026

describe('months of a plan', () => {
  it('starts a new plan the month after this one, for 18 months', () => {
    expect(nextMonth(today)).toBe('2027-01');
    expect(emptyPlanDraft(today)).toMatchObject({ startMonth: '2027-01', horizonMonths: 18 });
  });

  it('lists every month of the horizon and the month after it', () => {
    const months = monthsOf('2026-11', 18);
    expect(months).toHaveLength(18);
    expect(months[0]).toBe('2026-11');
    expect(months[2]).toBe('2027-01');
    expect(months.at(-1)).toBe('2028-04');
    expect(monthAfter('2026-11', 18)).toBe('2028-05');
    expect(monthsOf('nope', 18)).toEqual([]);
  });
});

describe('validatePlan', () => {
  const valid = { ...emptyPlanDraft(today), title: 'Plan 2027' };

  it('accepts a plan the API accepts', () => {
    expect(validatePlan(valid, today)).toEqual({});
  });

  it('refuses what the API refuses, field by field', () => {
    expect(
      validatePlan(
        { ...valid, title: ' ', startMonth: '9999-12', horizonMonths: 61, clientNeeds: 'x'.repeat(20_001) },
        today,
      ),
    ).toEqual({ title: true, startMonth: true, horizonMonths: true, clientNeeds: true });
    expect(validatePlan({ ...valid, horizonMonths: null }, today)).toEqual({ horizonMonths: true });
    expect(validatePlan({ ...valid, startMonth: '2020-01' }, today)).toEqual({ startMonth: true });
  });
});

describe('toUpdatePlanInput', () => {
  const original = { ...emptyPlanDraft(today), title: 'Plan 2027' };

  it('sends only what changed, with the version', () => {
    expect(
      toUpdatePlanInput({ ...original, title: ' Plan 2027–2028 ', horizonMonths: 24 }, original, 4),
    ).toEqual({
      expectedVersion: 4,
      title: 'Plan 2027–2028',
      horizonMonths: 24,
    });
  });

  it('is null when nothing changed', () => {
    expect(toUpdatePlanInput({ ...original, title: 'Plan 2027 ' }, original, 4)).toBeNull();
  });
});

describe('monthly targets', () => {
  it('spreads a total to the cent, the months adding up to it exactly', () => {
    const parts = spreadTotal(100_000, 18);
    expect(parts).toHaveLength(18);
    expect(parts[0]).toBe(5555.56);
    expect(parts.at(-1)).toBe(5555.55);
    expect(totalOf(parts.map((amount) => ({ amount })))).toBe(100_000);
    expect(spreadTotal(12_500.5, 2)).toEqual([6250.25, 6250.25]);
  });

  it('has one row per month with the stored target, and sends every month with an amount', () => {
    const rows = targetRows('2027-01', 3, [{ period: '2027-02', amount: 12_500.5 }]);
    expect(rows).toEqual([
      { month: '2027-01', amount: null },
      { month: '2027-02', amount: 12_500.5 },
      { month: '2027-03', amount: null },
    ]);
    expect(targetsChanged(rows, [{ period: '2027-02', amount: 12_500.5 }])).toBe(false);
    const edited = rows.map((row) => (row.month === '2027-03' ? { ...row, amount: 0.1 } : row));
    expect(targetsChanged(edited, [{ period: '2027-02', amount: 12_500.5 }])).toBe(true);
    expect(toRevenueTargets(edited)).toEqual([
      { period: '2027-02', amount: 12_500.5 },
      { period: '2027-03', amount: 0.1 },
    ]);
    expect(totalOf(edited)).toBe(12_500.6);
  });
});

describe('placePlanIssues', () => {
  it('puts the server issues on the fields and the target rows', () => {
    expect(
      placePlanIssues([
        { path: ['input', 'startMonth'], message: 'Too far.' },
        { path: ['input', 'revenueTargets', '2', 'period'], message: 'Outside.' },
        { path: ['status'], message: 'Closed.' },
      ]),
    ).toEqual({ fields: { startMonth: 'Too far.' }, targets: { 2: 'Outside.' }, general: ['Closed.'] });
  });
});
