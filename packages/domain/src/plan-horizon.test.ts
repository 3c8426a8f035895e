import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isDateInPlanMonths,
  isIsoDate,
  isMonthWithinHorizon,
  isNearingEnd,
  isPlanActionOverdue,
  isPlanStartMonthAllowed,
  isYearMonth,
  monthsBetween,
  monthsRemaining,
  planHorizon,
  planPeriods,
  toEpochDay,
} from './plan-horizon.js';

describe('calendar helpers', () => {
  it('counts days across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('clamps Jan 31 + 1 month to the end of February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('moves Feb 29 to Feb 28 a year later or earlier', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('crosses year boundaries both ways', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('counts calendar months ignoring days', () => {
    expect(monthsBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(monthsBetween('2026-03-01', '2025-03-31')).toBe(-12);
  });

  it('rejects impossible dates', () => {
    expect(() => toEpochDay('2023-02-29')).toThrow(RangeError);
    expect(() => toEpochDay('2026-13-01')).toThrow(RangeError);
    expect(() => toEpochDay('2026-1-01')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });

  it('counts days exactly as the calendar does, for every day of four centuries and back again', () => {
    const MS_PER_DAY = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: -135_000, max: 11_000_000 / 4 }), (day) => {
        const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
        expect(fromEpochDay(day)).toBe(date);
        expect(toEpochDay(date)).toBe(day);
      }),
      { numRuns: 20_000 },
    );
    expect(fromEpochDay(-719_528)).toBe('0000-01-01');
    expect(toEpochDay('0000-01-01')).toBe(-719_528);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(() => toEpochDay('2026-02-3x')).toThrow(RangeError);
    expect(() => toEpochDay('2026-00-10')).toThrow(RangeError);
    expect(() => toEpochDay('2026-01-00')).toThrow(RangeError);
    expect(() => toEpochDay(' 2026-01-01')).toThrow(RangeError);
  });

  it('recognises year-months', () => {
    expect(isYearMonth('2026-12')).toBe(true);
    expect(isYearMonth('2026-00')).toBe(false);
    expect(isYearMonth('2026-13')).toBe(false);
    expect(isYearMonth('2026-1')).toBe(false);
  });
});

describe('planHorizon', () => {
  it('spans 18 whole months by default', () => {
    expect(planHorizon('2026-01')).toEqual({ start: '2026-01-01', end: '2027-06-30', months: 18 });
  });

  it('reduces a full date to its month', () => {
    expect(planHorizon('2026-01-31', 1)).toEqual({ start: '2026-01-01', end: '2026-01-31', months: 1 });
  });

  it('ends on Feb 29 in a leap year', () => {
    // Sep 2023 + 6 months covers Sep..Feb; Feb 2024 has 29 days.
    expect(planHorizon('2023-09', 6).end).toBe('2024-02-29');
    expect(planHorizon('2024-09', 6).end).toBe('2025-02-28');
  });

  it('accepts 1 and 60 months', () => {
    expect(planHorizon('2026-05', 60).end).toBe('2031-04-30');
    expect(planHorizon('2026-05', 1).end).toBe('2026-05-31');
  });

  it.each([0, 61, 1.5, -3, Number.NaN])('rejects %s months', (months) => {
    expect(() => planHorizon('2026-01', months)).toThrow(RangeError);
  });

  it('rejects a start that is not a month', () => {
    expect(() => planHorizon('2026-13')).toThrow(RangeError);
    expect(() => planHorizon('Jan 2026')).toThrow(RangeError);
  });

  it('knows which months it contains', () => {
    const h = planHorizon('2026-01');
    expect(isMonthWithinHorizon(h, '2026-01')).toBe(true);
    expect(isMonthWithinHorizon(h, '2027-06')).toBe(true);
    expect(isMonthWithinHorizon(h, '2027-07')).toBe(false);
    expect(isMonthWithinHorizon(h, '2025-12')).toBe(false);
  });
});

describe('planPeriods', () => {
  it('lists the months', () => {
    const periods = planPeriods(planHorizon('2026-11', 3), 'MONTH');
    expect(periods).toEqual([
      { label: '2026-11', start: '2026-11-01', end: '2026-11-30', partial: false },
      { label: '2026-12', start: '2026-12-01', end: '2026-12-31', partial: false },
      { label: '2027-01', start: '2027-01-01', end: '2027-01-31', partial: false },
    ]);
  });

  it('lists 6 whole quarters for an 18-month plan starting in January', () => {
    const labels = planPeriods(planHorizon('2026-01'), 'QUARTER').map((p) => p.label);
    expect(labels).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2']);
  });

  it('clips calendar quarters the horizon only partly covers', () => {
    // Feb 2026 + 18 months = Feb 2026 .. Jul 2027.
    const periods = planPeriods(planHorizon('2026-02'), 'QUARTER');
    expect(periods).toHaveLength(7);
    expect(periods[0]).toEqual({ label: '2026-Q1', start: '2026-02-01', end: '2026-03-31', partial: true });
    expect(periods[1]).toEqual({ label: '2026-Q2', start: '2026-04-01', end: '2026-06-30', partial: false });
    expect(periods[6]).toEqual({ label: '2027-Q3', start: '2027-07-01', end: '2027-07-31', partial: true });
  });
});

describe('isPlanActionOverdue', () => {
  const today = '2026-03-10';

  it('is overdue the day after the due date', () => {
    expect(isPlanActionOverdue({ dueDate: '2026-03-09', status: 'IN_PROGRESS' }, today)).toBe(true);
  });

  it('is not overdue on the due date itself', () => {
    expect(isPlanActionOverdue({ dueDate: '2026-03-10', status: 'PLANNED' }, today)).toBe(false);
  });

  it('counts BLOCKED actions as overdue too', () => {
    expect(isPlanActionOverdue({ dueDate: '2026-01-01', status: 'BLOCKED' }, today)).toBe(true);
  });

  it.each(['DONE', 'CANCELLED'] as const)('never calls a %s action overdue', (status) => {
    expect(isPlanActionOverdue({ dueDate: '2025-01-01', status }, today)).toBe(false);
  });
});

describe('monthsRemaining', () => {
  const h = planHorizon('2026-01'); // 2026-01-01 .. 2027-06-30

  it('counts the current month as remaining', () => {
    // Mar 2026 .. Jun 2027 = 10 + 6 months.
    expect(monthsRemaining(h, '2026-03-15')).toBe(16);
  });

  it('is 1 during the last month and 0 after the end', () => {
    expect(monthsRemaining(h, '2027-06-30')).toBe(1);
    expect(monthsRemaining(h, '2027-07-01')).toBe(0);
  });

  it('is the whole length before the start', () => {
    expect(monthsRemaining(h, '2025-12-31')).toBe(18);
  });
});

describe('isNearingEnd', () => {
  const h = planHorizon('2026-01');

  it('is true within the given days before the end, inclusive', () => {
    expect(isNearingEnd(h, '2027-05-31', 30)).toBe(true);
    expect(isNearingEnd(h, '2027-06-30', 0)).toBe(true);
  });

  it('is false further away', () => {
    expect(isNearingEnd(h, '2027-05-30', 30)).toBe(false);
  });

  it('is false once the horizon has ended', () => {
    expect(isNearingEnd(h, '2027-07-01', 30)).toBe(false);
  });

  it('rejects a negative window', () => {
    expect(() => isNearingEnd(h, '2027-06-01', -1)).toThrow(RangeError);
  });
});

describe('isPlanStartMonthAllowed', () => {
  it('allows a start up to 5 years (60 months) before or after the current month, inclusive', () => {
    expect(isPlanStartMonthAllowed('2031-12', '2026-12-08')).toBe(true);
    expect(isPlanStartMonthAllowed('2021-12', '2026-12-31')).toBe(true);
    expect(isPlanStartMonthAllowed('2032-01', '2026-12-08')).toBe(false);
    expect(isPlanStartMonthAllowed('2021-11', '2026-12-01')).toBe(false);
    expect(isPlanStartMonthAllowed('9999-12', '2026-12-08')).toBe(false);
  });

  it('refuses what is not a month', () => {
    expect(isPlanStartMonthAllowed('2026-13', '2026-12-08')).toBe(false);
    expect(isPlanStartMonthAllowed('2026-12-01', '2026-12-08')).toBe(false);
  });
});

describe('isDateInPlanMonths', () => {
  it('is true from the first day of the start month to the last day of the last month', () => {
    expect(isDateInPlanMonths('2026-01-01', '2026-01', 18)).toBe(true);
    expect(isDateInPlanMonths('2027-06-30', '2026-01', 18)).toBe(true);
    expect(isDateInPlanMonths('2025-12-31', '2026-01', 18)).toBe(false);
    expect(isDateInPlanMonths('2027-07-01', '2026-01', 18)).toBe(false);
    expect(isDateInPlanMonths('2026-02-30', '2026-01', 18)).toBe(false);
  });
});
