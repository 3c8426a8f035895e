import { describe, expect, it } from 'vitest';
import { monthsWindow, yearRows } from './yearly';

describe('yearly revenue rows', () => {
  const now = new Date(2026, 11, 8);

  it('offers the current year back to the oldest on record, marking years made of months', () => {
    const rows = yearRows(
      [
        { year: 2019, amount: 1000 },
        { year: 2025, amount: 2500.5 },
      ],
      [{ month: '2025-03' }, { month: '2026-01' }],
      now,
    );
    expect(rows.map((r) => r.year)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    expect(rows[1]).toEqual({ year: 2025, amount: 2500.5, fromMonths: true });
    expect(rows[0]).toEqual({ year: 2026, amount: null, fromMonths: true });
    expect(rows.at(-1)).toEqual({ year: 2019, amount: 1000, fromMonths: false });
  });

  it('goes four years back with nothing on record', () => {
    expect(yearRows([], [], now).map((r) => r.year)).toEqual([2026, 2025, 2024, 2023, 2022]);
  });

  it('reads the last 120 months', () => {
    expect(monthsWindow('2026-12')).toEqual({ from: '2017-01', to: '2026-12' });
  });
});
