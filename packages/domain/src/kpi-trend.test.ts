import { describe, expect, it } from 'vitest';
import {
  bucketMeasurements,
  type KpiTrendDefinition,
  kpiAttainment,
  kpiChange,
  kpiPeriodIssue,
  kpiStatus,
  kpiTrend,
  linearForecast,
  movingAverage,
  periodStart,
  resolveKpiWindow,
  samePeriodLastYear,
  shiftPeriod,
} from './kpi-trend.js';

const series = (...values: (number | null)[]) =>
  values.map((value, i) => ({ periodStart: `2026-${String(i + 1).padStart(2, '0')}-01`, value }));

describe('periodStart', () => {
  it('keeps the day for DAILY', () => {
    expect(periodStart('2026-03-11', 'DAILY')).toBe('2026-03-11');
  });

  it.each([
    ['2026-03-11', '2026-03-09'], // Wednesday
    ['2026-03-15', '2026-03-09'], // Sunday belongs to the week that began on Monday
    ['2026-03-16', '2026-03-16'], // Monday
    ['2027-01-01', '2026-12-28'], // Friday: ISO week 53 of 2026 started in December
    ['2024-02-29', '2024-02-26'], // leap day, a Thursday
    ['1969-12-31', '1969-12-29'], // before the epoch
  ])('maps %s to the ISO week Monday %s', (date, monday) => {
    expect(periodStart(date, 'WEEKLY')).toBe(monday);
  });

  it('maps to the 1st for MONTHLY', () => {
    expect(periodStart('2024-02-29', 'MONTHLY')).toBe('2024-02-01');
    expect(periodStart('2026-01-31', 'MONTHLY')).toBe('2026-01-01');
  });

  it('rejects a date that does not exist', () => {
    expect(() => periodStart('2026-02-29', 'MONTHLY')).toThrow(RangeError);
  });
});

describe('period arithmetic', () => {
  it('shifts periods', () => {
    expect(shiftPeriod('2026-01-01', 'MONTHLY', 1)).toBe('2026-02-01');
    expect(shiftPeriod('2026-01-01', 'MONTHLY', -1)).toBe('2025-12-01');
    expect(shiftPeriod('2026-03-09', 'WEEKLY', 1)).toBe('2026-03-16');
    expect(shiftPeriod('2024-02-28', 'DAILY', 1)).toBe('2024-02-29');
  });

  it('finds the same period last year', () => {
    expect(samePeriodLastYear('2024-02-29', 'DAILY')).toBe('2023-02-28');
    expect(samePeriodLastYear('2026-03-01', 'MONTHLY')).toBe('2025-03-01');
    // 52 weeks back stays on a Monday.
    expect(samePeriodLastYear('2026-03-09', 'WEEKLY')).toBe('2025-03-10');
  });
});

describe('resolveKpiWindow', () => {
  it('takes whole calendar months ending today', () => {
    expect(resolveKpiWindow({ months: 12, today: '2026-03-15' })).toEqual({
      from: '2025-04-01',
      to: '2026-03-15',
    });
    expect(resolveKpiWindow({ months: 1, today: '2024-02-29' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
  });

  it('rejects a month count out of range', () => {
    expect(() => resolveKpiWindow({ months: 0, today: '2026-03-15' })).toThrow(RangeError);
    expect(() => resolveKpiWindow({ months: 121, today: '2026-03-15' })).toThrow(RangeError);
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => resolveKpiWindow({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
  });
});

describe('bucketMeasurements', () => {
  const window = { from: '2026-01-01', to: '2026-04-30' };

  it('averages several values in one period and leaves missing periods as gaps', () => {
    const points = bucketMeasurements(
      [
        { periodStart: '2026-01-05', value: 10 },
        { periodStart: '2026-01-31', value: 20 },
        { periodStart: '2026-03-01', value: 14 },
        { periodStart: '2025-12-01', value: 999 }, // before the window
      ],
      'MONTHLY',
      window,
    );
    expect(points).toEqual([
      { periodStart: '2026-01-01', value: 15, count: 2 },
      { periodStart: '2026-02-01', value: null, count: 0 },
      { periodStart: '2026-03-01', value: 14, count: 1 },
      { periodStart: '2026-04-01', value: null, count: 0 },
    ]);
  });

  it('returns only gaps for no measurements', () => {
    const points = bucketMeasurements([], 'MONTHLY', window);
    expect(points.map((p) => p.value)).toEqual([null, null, null, null]);
  });

  it('covers every week the window touches', () => {
    const points = bucketMeasurements([], 'WEEKLY', { from: '2026-03-11', to: '2026-03-23' });
    expect(points.map((p) => p.periodStart)).toEqual(['2026-03-09', '2026-03-16', '2026-03-23']);
  });

  it('rejects a non-finite value', () => {
    expect(() =>
      bucketMeasurements([{ periodStart: '2026-01-01', value: Number.NaN }], 'MONTHLY', window),
    ).toThrow(RangeError);
  });

  it('refuses a window with too many periods', () => {
    expect(() => bucketMeasurements([], 'DAILY', { from: '1990-01-01', to: '2026-01-01' })).toThrow(
      RangeError,
    );
  });
});

describe('movingAverage', () => {
  it('averages the last N values, skipping gaps', () => {
    // Values seen: 10, 14, 15, 19 → (10+14+15)/3 = 13, (14+15+19)/3 = 16.
    expect(movingAverage(series(10, null, 14, 15, 19), 3).map((p) => p.value)).toEqual([
      null,
      null,
      null,
      13,
      16,
    ]);
  });

  it('is null everywhere when there are fewer values than the window', () => {
    expect(movingAverage(series(1, null, 2), 3).map((p) => p.value)).toEqual([null, null, null]);
  });

  it('is empty for an empty series', () => {
    expect(movingAverage([], 3)).toEqual([]);
  });

  it('rejects a window below 1', () => {
    expect(() => movingAverage(series(1), 0)).toThrow(RangeError);
  });
});

describe('kpiChange', () => {
  it('gives absolute and relative change', () => {
    expect(kpiChange(12, 10, '2026-01-01')).toEqual({
      basePeriodStart: '2026-01-01',
      base: 10,
      absolute: 2,
      relative: 0.2,
    });
  });

  it('has no relative change from a zero base', () => {
    expect(kpiChange(12, 0, '2026-01-01')).toMatchObject({ absolute: 12, relative: null });
  });

  it('has no change from a missing base', () => {
    expect(kpiChange(12, null, '2026-01-01')).toMatchObject({ base: null, absolute: null, relative: null });
  });

  it('reads a rise from a negative base as positive', () => {
    // NPS from -10 to -5: +5 points, +50 % of |-10|.
    expect(kpiChange(-5, -10, '2026-01-01')).toMatchObject({ absolute: 5, relative: 0.5 });
  });
});

describe('kpiAttainment', () => {
  it.each([
    [90, 100, { ratio: 0.9, met: false }],
    [110, 100, { ratio: 1.1, met: true }],
    [100, 100, { ratio: 1, met: true }],
    [0, 100, { ratio: 0, met: false }],
    [5, 0, { ratio: null, met: true }],
    [0, 0, { ratio: null, met: true }],
    [-1, 0, { ratio: null, met: false }],
  ])('HIGHER_IS_BETTER value %s, target %s', (value, target, expected) => {
    expect(kpiAttainment(value, target, 'HIGHER_IS_BETTER')).toEqual(expected);
  });

  it.each([
    [40, 30, { ratio: 0.75, met: false }],
    [20, 30, { ratio: 1.5, met: true }],
    [0, 30, { ratio: null, met: true }],
    [0, 0, { ratio: null, met: true }],
    [2, 0, { ratio: null, met: false }],
  ])('LOWER_IS_BETTER value %s, target %s', (value, target, expected) => {
    expect(kpiAttainment(value, target, 'LOWER_IS_BETTER')).toEqual(expected);
  });

  it('is null without a value or a target', () => {
    expect(kpiAttainment(null, 100, 'HIGHER_IS_BETTER')).toBeNull();
    expect(kpiAttainment(50, null, 'LOWER_IS_BETTER')).toBeNull();
  });
});

describe('kpiStatus', () => {
  const higher = { direction: 'HIGHER_IS_BETTER', amberThreshold: 90, redThreshold: 80 } as const;
  const lower = { direction: 'LOWER_IS_BETTER', amberThreshold: 30, redThreshold: 45 } as const;

  it.each([
    [95, 'GREEN'],
    [90, 'GREEN'],
    [85, 'AMBER'],
    [80, 'AMBER'],
    [79.9, 'RED'],
  ])('HIGHER_IS_BETTER (amber 90, red 80): %s is %s', (value, status) => {
    expect(kpiStatus(value, higher)).toBe(status);
  });

  it.each([
    [25, 'GREEN'],
    [30, 'GREEN'],
    [40, 'AMBER'],
    [45, 'AMBER'],
    [46, 'RED'],
  ])('LOWER_IS_BETTER (amber 30, red 45): %s is %s', (value, status) => {
    expect(kpiStatus(value, lower)).toBe(status);
  });

  it('has two states with only an amber threshold', () => {
    const def = { ...higher, redThreshold: null };
    expect(kpiStatus(10, def)).toBe('AMBER');
    expect(kpiStatus(90, def)).toBe('GREEN');
  });

  it('has two states with only a red threshold', () => {
    const def = { ...higher, amberThreshold: null };
    expect(kpiStatus(79, def)).toBe('RED');
    expect(kpiStatus(85, def)).toBe('GREEN');
  });

  it('is null without thresholds or without a value', () => {
    expect(kpiStatus(50, { ...higher, amberThreshold: null, redThreshold: null })).toBeNull();
    expect(kpiStatus(null, higher)).toBeNull();
  });
});

describe('linearForecast', () => {
  it('fits a least-squares line across a gap', () => {
    // x = 0, 2, 3 and y = 10, 14, 15: slope = 8 / (14/3) = 12/7, intercept = 71/7.
    // December is x = 11: 71/7 + 132/7 = 29.
    const forecast = linearForecast(series(10, null, 14, 15), 'MONTHLY', '2026-12-31');
    expect(forecast?.periodStart).toBe('2026-12-01');
    expect(forecast?.slopePerPeriod).toBeCloseTo(12 / 7, 12);
    expect(forecast?.value).toBeCloseTo(29, 12);
    expect(forecast?.pointsUsed).toBe(3);
  });

  it('counts weeks as periods', () => {
    const points = [
      { periodStart: '2026-03-02', value: 100 },
      { periodStart: '2026-03-09', value: 110 },
    ];
    // Wednesday 2026-03-25 is in the week of 2026-03-23, three weeks after the first point.
    expect(linearForecast(points, 'WEEKLY', '2026-03-25')).toEqual({
      periodStart: '2026-03-23',
      value: 130,
      slopePerPeriod: 10,
      pointsUsed: 2,
      points: [
        { periodStart: '2026-03-16', value: 120 },
        { periodStart: '2026-03-23', value: 130 },
      ],
    });
  });

  it("draws the line period by period up to a far date such as the plan's end", () => {
    // x = 0, 1, 2 and y = 10, 12, 14 (two a month): the plan ends in December 2026 (x = 11).
    const forecast = linearForecast(series(10, 12, 14), 'MONTHLY', '2026-12-31');
    expect(forecast?.value).toBeCloseTo(32, 12);
    expect(forecast?.points.map((p) => p.periodStart)).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
    ]);
    expect(forecast?.points.map((p) => p.value)).toEqual([16, 18, 20, 22, 24, 26, 28, 30, 32]);
    expect(forecast?.points.at(-1)?.value).toBe(forecast?.value);
  });

  it('has no path when the forecast period lies inside the series', () => {
    expect(linearForecast(series(10, 12, 14), 'MONTHLY', '2026-02-10')).toMatchObject({
      periodStart: '2026-02-01',
      value: 12,
      points: [],
    });
  });

  it('refuses a forecast absurdly far ahead rather than building a huge path', () => {
    const days = [
      { periodStart: '2026-01-01', value: 1 },
      { periodStart: '2026-01-02', value: 2 },
    ];
    expect(() => linearForecast(days, 'DAILY', '2100-01-01')).toThrow(RangeError);
  });

  it('is flat for a flat series', () => {
    expect(linearForecast(series(5, 5), 'MONTHLY', '2026-06-01')).toMatchObject({
      value: 5,
      slopePerPeriod: 0,
    });
  });

  it('needs two points', () => {
    expect(linearForecast(series(5, null, null), 'MONTHLY', '2026-06-01')).toBeNull();
    expect(linearForecast([], 'MONTHLY', '2026-06-01')).toBeNull();
  });
});

describe('kpiTrend', () => {
  const sellIn: KpiTrendDefinition = {
    direction: 'HIGHER_IS_BETTER',
    frequency: 'MONTHLY',
    target: 100,
    amberThreshold: 90,
    redThreshold: 80,
  };
  const measurements = [
    { periodStart: '2025-04-10', value: 90 }, // same month last year
    { periodStart: '2025-12-15', value: 88 }, // history for the moving average
    { periodStart: '2026-01-01', value: 90 },
    { periodStart: '2026-01-20', value: 94 },
    { periodStart: '2026-03-01', value: 95 },
    { periodStart: '2026-04-01', value: 99 },
  ];

  it('puts the whole monthly picture together', () => {
    const trend = kpiTrend(sellIn, measurements, {
      from: '2026-01-01',
      to: '2026-04-30',
      movingAverageWindow: 3,
      forecastTo: '2026-12-31',
    });
    expect(trend.points.map((p) => p.value)).toEqual([92, null, 95, 99]);
    expect(trend.gapCount).toBe(1);
    expect(trend.latest).toEqual({ periodStart: '2026-04-01', value: 99 });

    // Values in order, history first: 90, 88, 92, 95, 99.
    const ma = trend.movingAverage.map((p) => p.value);
    expect(ma[0]).toBeCloseTo(270 / 3, 12); // 90, 88, 92
    expect(ma[1]).toBeNull();
    expect(ma[2]).toBeCloseTo(275 / 3, 12); // 88, 92, 95
    expect(ma[3]).toBeCloseTo(286 / 3, 12); // 92, 95, 99

    expect(trend.changeFromPreviousPeriod).toEqual({
      basePeriodStart: '2026-03-01',
      base: 95,
      absolute: 4,
      relative: 4 / 95,
    });
    expect(trend.changeFromLastYear).toEqual({
      basePeriodStart: '2025-04-01',
      base: 90,
      absolute: 9,
      relative: 0.1,
    });
    expect(trend.attainment).toEqual({ ratio: 0.99, met: false });
    expect(trend.status).toBe('GREEN');

    // x = 0, 2, 3; y = 92, 95, 99: slope = (31/3) / (14/3) = 31/14; at x = 11: 286/3 + 31/14 · 28/3 = 116.
    expect(trend.forecast?.periodStart).toBe('2026-12-01');
    expect(trend.forecast?.slopePerPeriod).toBeCloseTo(31 / 14, 12);
    expect(trend.forecast?.value).toBeCloseTo(116, 10);
  });

  it('handles a daily, lower-is-better KPI with a zero target around a leap day', () => {
    const stockOuts: KpiTrendDefinition = {
      direction: 'LOWER_IS_BETTER',
      frequency: 'DAILY',
      target: 0,
      amberThreshold: 2,
      redThreshold: 5,
    };
    const trend = kpiTrend(
      stockOuts,
      [
        { periodStart: '2023-02-28', value: 4 },
        { periodStart: '2024-02-27', value: 3 },
        { periodStart: '2024-02-29', value: 1 },
      ],
      { from: '2024-02-27', to: '2024-02-29', movingAverageWindow: 2 },
    );
    expect(trend.points.map((p) => p.value)).toEqual([3, null, 1]);
    expect(trend.movingAverage.map((p) => p.value)).toEqual([3.5, null, 2]);
    // The day before is a gap: nothing to compare with.
    expect(trend.changeFromPreviousPeriod).toEqual({
      basePeriodStart: '2024-02-28',
      base: null,
      absolute: null,
      relative: null,
    });
    // Feb 29 compares with Feb 28 of the year before.
    expect(trend.changeFromLastYear).toEqual({
      basePeriodStart: '2023-02-28',
      base: 4,
      absolute: -3,
      relative: -0.75,
    });
    expect(trend.attainment).toEqual({ ratio: null, met: false });
    expect(trend.status).toBe('GREEN');
    // Forecast defaults to the next period: x = 0 → 3, x = 2 → 1, so x = 3 → 0.
    expect(trend.forecast).toEqual({
      periodStart: '2024-03-01',
      value: 0,
      slopePerPeriod: -1,
      pointsUsed: 2,
      points: [{ periodStart: '2024-03-01', value: 0 }],
    });
  });

  it('reports only gaps and nulls when there is no data', () => {
    const trend = kpiTrend(sellIn, [], { months: 3, today: '2026-03-15' });
    expect(trend.window).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(trend.points.map((p) => p.periodStart)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(trend.gapCount).toBe(3);
    expect(trend.movingAverage.every((p) => p.value === null)).toBe(true);
    expect(trend).toMatchObject({
      latest: null,
      changeFromPreviousPeriod: null,
      changeFromLastYear: null,
      attainment: null,
      status: null,
      forecast: null,
    });
  });

  it('uses the default moving-average window for the frequency', () => {
    const trend = kpiTrend({ ...sellIn, frequency: 'WEEKLY' }, [], { from: '2026-03-02', to: '2026-03-09' });
    expect(trend.movingAverageWindow).toBe(4);
  });

  it('takes the latest value from the last non-gap period', () => {
    const trend = kpiTrend(sellIn, measurements, { from: '2026-01-01', to: '2026-06-30' });
    expect(trend.latest).toEqual({ periodStart: '2026-04-01', value: 99 });
    expect(trend.points).toHaveLength(6);
    expect(trend.gapCount).toBe(3);
  });
});

describe('kpiPeriodIssue: the dates a KPI value may have', () => {
  it('refuses dates before 1990-01-01', () => {
    expect(kpiPeriodIssue('1989-12-31', 'DAILY', '2026-12-08')).toBe('kpiPeriodTooEarly');
    expect(kpiPeriodIssue('1990-01-01', 'MONTHLY', '2026-12-08')).toBeNull();
  });

  it("accepts any day of the current period and refuses the next period's", () => {
    expect(kpiPeriodIssue('2026-12-31', 'MONTHLY', '2026-12-08')).toBeNull();
    expect(kpiPeriodIssue('2027-01-01', 'MONTHLY', '2026-12-08')).toBe('kpiPeriodInFuture');
    // 2026-12-08 is a Tuesday: its week runs to Sunday 2026-12-13.
    expect(kpiPeriodIssue('2026-12-13', 'WEEKLY', '2026-12-08')).toBeNull();
    expect(kpiPeriodIssue('2026-12-14', 'WEEKLY', '2026-12-08')).toBe('kpiPeriodInFuture');
    expect(kpiPeriodIssue('2026-12-08', 'DAILY', '2026-12-08')).toBeNull();
    expect(kpiPeriodIssue('2026-12-09', 'DAILY', '2026-12-08')).toBe('kpiPeriodInFuture');
    expect(kpiPeriodIssue('9999-12-31', 'DAILY', '2026-12-08')).toBe('kpiPeriodInFuture');
  });
});
