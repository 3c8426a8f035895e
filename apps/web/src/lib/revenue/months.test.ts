import { describe, expect, it } from 'vitest';
import {
  addMonths,
  changedMonths,
  currentMonth,
  monthOfIssue,
  monthsOfYear,
  recordableYears,
} from './months';

describe('months', () => {
  it('counts months across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', -24)).toBe('2024-05');
    expect(currentMonth(new Date(2026, 11, 8))).toBe('2026-12');
    expect(monthsOfYear(2025)).toHaveLength(12);
    expect(monthsOfYear(2025)[0]).toBe('2025-01');
  });

  it('offers the years up to the current one, newest first', () => {
    expect(recordableYears(new Date(2026, 5, 1), undefined, 2)).toEqual([2026, 2025, 2024]);
    expect(recordableYears(new Date(2026, 5, 1), 2021, 2)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });

  it('sends only the months that changed, to the cent', () => {
    const saved = { '2026-01': 100, '2026-02': 200.5, '2026-03': null };
    const edited = { '2026-01': 100, '2026-02': 200.25, '2026-03': 1500.5, '2026-04': null };
    expect(changedMonths(edited, saved)).toEqual({
      months: [
        { month: '2026-02', amount: 200.25 },
        { month: '2026-03', amount: 1500.5 },
      ],
      cleared: [],
    });
    expect(changedMonths({ '2026-01': null }, saved)).toEqual({ months: [], cleared: ['2026-01'] });
  });

  it('finds the month a field issue is about', () => {
    const sent = [{ month: '2026-02' }, { month: '2026-03' }];
    expect(monthOfIssue(['input', 'months', '1', 'amount'], sent)).toBe('2026-03');
    expect(monthOfIssue(['months', '0', 'month'], sent)).toBe('2026-02');
    expect(monthOfIssue(['input', 'accountId'], sent)).toBeNull();
  });
});
