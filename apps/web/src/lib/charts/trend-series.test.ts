import { describe, expect, it } from 'vitest';
import { lastYearRange, toSeconds, trendColumns } from './trend-series';

describe('trendColumns', () => {
  const points = [
    { periodStart: '2026-09-01', value: 10 },
    { periodStart: '2026-10-01', value: null },
    { periodStart: '2026-11-01', value: 14 },
  ];

  it('lines up last year, the target and the forecast with the window', () => {
    const columns = trendColumns({
      points,
      lastYear: [
        { periodStart: '2025-09-01', value: 8 },
        { periodStart: '2025-11-01', value: 9 },
      ],
      target: 12,
      forecast: { periodStart: '2026-12-01', value: 16 },
      frequency: 'MONTHLY',
    });
    expect(columns.x).toEqual(['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'].map(toSeconds));
    expect(columns.actual).toEqual([10, null, 14, null]);
    expect(columns.lastYear).toEqual([8, null, 9, null]);
    expect(columns.target).toEqual([12, 12, 12, 12]);
    expect(columns.forecast).toEqual([null, null, 14, 16]);
  });

  it("draws the forecast period by period up to the plan's end", () => {
    const columns = trendColumns({
      points,
      lastYear: [],
      target: 12,
      forecast: {
        periodStart: '2027-02-01',
        value: 22,
        points: [
          { periodStart: '2026-12-01', value: 16 },
          { periodStart: '2027-01-01', value: 19 },
          { periodStart: '2027-02-01', value: 22 },
        ],
      },
      frequency: 'MONTHLY',
    });
    expect(columns.x).toEqual(
      ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01'].map(toSeconds),
    );
    expect(columns.actual).toEqual([10, null, 14, null, null, null]);
    expect(columns.forecast).toEqual([null, null, 14, 16, 19, 22]);
    expect(columns.target).toEqual([12, 12, 12, 12, 12, 12]);
  });

  it('adds no period for a forecast that falls inside the window', () => {
    const columns = trendColumns({
      points,
      lastYear: [],
      target: null,
      forecast: { periodStart: '2026-10-01', value: 12, points: [] },
      frequency: 'MONTHLY',
    });
    expect(columns.x).toHaveLength(3);
    expect(columns.forecast).toEqual([null, null, null]);
  });

  it('draws no forecast when there is none', () => {
    const columns = trendColumns({
      points,
      lastYear: [],
      target: null,
      forecast: null,
      frequency: 'MONTHLY',
    });
    expect(columns.x).toHaveLength(3);
    expect(columns.forecast).toEqual([null, null, null]);
    expect(columns.target).toEqual([null, null, null]);
  });
});

describe('lastYearRange', () => {
  it('covers the window a year earlier, whole months', () => {
    expect(lastYearRange(3, new Date('2026-11-27T10:00:00Z'))).toEqual({
      from: '2025-08-01',
      to: '2025-11-30',
    });
  });
});
