import type { KpiDirection, KpiFrequency, KpiStatus } from './enums.js';
import { addDays, addMonths, daysBetween, fromEpochDay, monthsBetween, toEpochDay } from './plan-horizon.js';

/*
 * KPI trend: the numbers behind a KPI tile and its chart. Everything is computed from the
 * measurements passed in; nothing is interpolated, so a period without data stays a gap (null)
 * all the way to the UI, where it is drawn as a break rather than a made-up value.
 */

export interface KpiTrendDefinition {
  readonly direction: KpiDirection;
  readonly frequency: KpiFrequency;
  readonly target: number | null;
  readonly amberThreshold: number | null;
  readonly redThreshold: number | null;
}

export interface KpiMeasurementValue {
  /** Any date inside the period; it is reduced to the period's start. */
  readonly periodStart: string;
  readonly value: number;
}

/** Either explicit dates, or the last `months` calendar months up to and including `today`. */
export type KpiWindow =
  | { readonly from: string; readonly to: string }
  | { readonly months: number; readonly today: string };

export interface ResolvedKpiWindow {
  readonly from: string;
  readonly to: string;
}

export interface KpiPoint {
  readonly periodStart: string;
  /** Mean of the period's measurements; null for a gap. */
  readonly value: number | null;
  /** Measurements that fell into the period. */
  readonly count: number;
}

export interface KpiSeriesPoint {
  readonly periodStart: string;
  readonly value: number | null;
}

export interface KpiChange {
  /** The period compared with. */
  readonly basePeriodStart: string;
  readonly base: number | null;
  /** current − base; null when the base period is a gap. */
  readonly absolute: number | null;
  /** (current − base) / |base|; null when the base is missing or zero. */
  readonly relative: number | null;
}

export interface KpiAttainment {
  /**
   * HIGHER_IS_BETTER: value / target; LOWER_IS_BETTER: target / value. 1 means exactly on target.
   * Null where the ratio means nothing: a target ≤ 0, or (lower is better) a value ≤ 0.
   */
  readonly ratio: number | null;
  /** Whether the value is at or on the good side of the target; always defined. */
  readonly met: boolean;
}

export interface KpiForecast {
  /** Start of the period the forecast is for. */
  readonly periodStart: string;
  readonly value: number;
  /** Least-squares slope, in KPI units per period. */
  readonly slopePerPeriod: number;
  /** Non-gap points the line was fitted to. */
  readonly pointsUsed: number;
  /**
   * The fitted line at every period after the series up to and including the forecast period, in
   * order (empty when that period lies inside the series), so a chart can draw it period by period.
   */
  readonly points: readonly KpiSeriesPoint[];
}

export interface KpiTrend {
  readonly frequency: KpiFrequency;
  readonly window: ResolvedKpiWindow;
  /** Every period of the window in order, gaps included. */
  readonly points: readonly KpiPoint[];
  readonly gapCount: number;
  /** The most recent non-gap point of the window. */
  readonly latest: KpiSeriesPoint | null;
  readonly movingAverageWindow: number;
  /** Aligned with `points`. */
  readonly movingAverage: readonly KpiSeriesPoint[];
  /** Latest vs the period just before it; null without a latest value. */
  readonly changeFromPreviousPeriod: KpiChange | null;
  /** Latest vs the same period a year earlier; null without a latest value. */
  readonly changeFromLastYear: KpiChange | null;
  readonly attainment: KpiAttainment | null;
  readonly status: KpiStatus | null;
  readonly forecast: KpiForecast | null;
}

export interface KpiTrendOptions {
  /** Periods averaged; defaults to 7 days, 4 weeks or 3 months. */
  readonly movingAverageWindow?: number;
  /** Date to forecast to (e.g. the plan's end); defaults to the period after the window. */
  readonly forecastTo?: string;
}

export const DEFAULT_MOVING_AVERAGE_WINDOW: Readonly<Record<KpiFrequency, number>> = {
  DAILY: 7,
  WEEKLY: 4,
  MONTHLY: 3,
};

/** Guards against a window that would build an absurd series (e.g. 50 years of days). */
export const MAX_KPI_PERIODS = 10_000;
export const MAX_KPI_WINDOW_MONTHS = 120;

export function resolveKpiWindow(window: KpiWindow): ResolvedKpiWindow {
  if ('months' in window) {
    const { months, today } = window;
    if (!Number.isInteger(months) || months < 1 || months > MAX_KPI_WINDOW_MONTHS) {
      throw new RangeError(`A KPI window spans 1 to ${MAX_KPI_WINDOW_MONTHS} months, not ${months}`);
    }
    // Whole calendar months, the current one included, so monthly KPIs get exactly `months` periods.
    return { from: addMonths(`${today.slice(0, 7)}-01`, 1 - months), to: today };
  }
  if (daysBetween(window.from, window.to) < 0) {
    throw new RangeError(`KPI window ends (${window.to}) before it starts (${window.from})`);
  }
  return { from: window.from, to: window.to };
}

/** The start of the period containing `date`: the day, the ISO week's Monday, or the 1st. */
export function periodStart(date: string, frequency: KpiFrequency): string {
  const day = toEpochDay(date);
  switch (frequency) {
    case 'DAILY':
      return date;
    case 'WEEKLY': {
      // 1970-01-01 was a Thursday: day 0 sits 3 days after a Monday.
      const sinceMonday = (((day + 3) % 7) + 7) % 7;
      return fromEpochDay(day - sinceMonday);
    }
    case 'MONTHLY':
      return `${date.slice(0, 7)}-01`;
  }
}

/** The earliest day a KPI value may be dated: older dates are typing mistakes, not history. */
export const KPI_PERIOD_FLOOR = '1990-01-01';

/**
 * Whether a KPI value may be dated `date`: not before KPI_PERIOD_FLOOR and not after the end of
 * the period that contains `today` (a value for the current week or month is fine, one for next
 * week is not). `today` is the writer's calendar day; callers on a server give the UTC day plus
 * one, so that a person in a time zone ahead of UTC may record today's value. Returns the message
 * key of the problem, or null.
 */
export function kpiPeriodIssue(
  date: string,
  frequency: KpiFrequency,
  today: string,
): 'kpiPeriodTooEarly' | 'kpiPeriodInFuture' | null {
  if (periodStart(date, frequency) < KPI_PERIOD_FLOOR || date < KPI_PERIOD_FLOOR) return 'kpiPeriodTooEarly';
  if (periodStart(date, frequency) > periodStart(today, frequency)) return 'kpiPeriodInFuture';
  return null;
}

/** The start of the period `n` periods after (negative: before) the period starting at `start`. */
export function shiftPeriod(start: string, frequency: KpiFrequency, n: number): string {
  switch (frequency) {
    case 'DAILY':
      return addDays(start, n);
    case 'WEEKLY':
      return addDays(start, 7 * n);
    case 'MONTHLY':
      return addMonths(start, n);
  }
}

/** How many periods separate two period starts. */
export function periodsBetween(from: string, to: string, frequency: KpiFrequency): number {
  switch (frequency) {
    case 'DAILY':
      return daysBetween(from, to);
    case 'WEEKLY':
      return Math.round(daysBetween(from, to) / 7);
    case 'MONTHLY':
      return monthsBetween(from, to);
  }
}

/**
 * The period a year before. Weeks go back 52 weeks (364 days) so a Monday stays a Monday and ISO
 * week-53 years need no special case; days and months go back 12 calendar months, Feb 29 → Feb 28.
 */
export function samePeriodLastYear(start: string, frequency: KpiFrequency): string {
  return frequency === 'WEEKLY' ? addDays(start, -364) : addMonths(start, -12);
}

/**
 * Means of the measurements per period, keyed and sorted by period start. Several values in one
 * period (e.g. daily figures on a weekly KPI, or a correction sent twice) average out.
 */
export function bucketByPeriod(
  measurements: readonly KpiMeasurementValue[],
  frequency: KpiFrequency,
): Map<string, KpiPoint> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const m of measurements) {
    if (!Number.isFinite(m.value)) {
      throw new RangeError(`KPI value for ${m.periodStart} is not a finite number`);
    }
    const key = periodStart(m.periodStart, frequency);
    const bucket = sums.get(key) ?? { sum: 0, count: 0 };
    bucket.sum += m.value;
    bucket.count += 1;
    sums.set(key, bucket);
  }
  const sorted = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(
    sorted.map(([key, b]) => [key, { periodStart: key, value: b.sum / b.count, count: b.count }]),
  );
}

/** Every period of the window, in order, with gaps as null values. */
export function bucketMeasurements(
  measurements: readonly KpiMeasurementValue[],
  frequency: KpiFrequency,
  window: ResolvedKpiWindow,
): KpiPoint[] {
  return seriesOver(bucketByPeriod(measurements, frequency), frequency, window);
}

function seriesOver(
  buckets: ReadonlyMap<string, KpiPoint>,
  frequency: KpiFrequency,
  window: ResolvedKpiWindow,
): KpiPoint[] {
  const first = periodStart(window.from, frequency);
  const count = periodsBetween(first, periodStart(window.to, frequency), frequency) + 1;
  if (count > MAX_KPI_PERIODS) {
    throw new RangeError(`A KPI window of ${count} periods exceeds the limit of ${MAX_KPI_PERIODS}`);
  }
  const points: KpiPoint[] = [];
  for (let i = 0; i < count; i++) {
    const start = shiftPeriod(first, frequency, i);
    points.push(buckets.get(start) ?? { periodStart: start, value: null, count: 0 });
  }
  return points;
}

/**
 * Moving average over the last `window` values, skipping gaps: each value is the mean of the
 * `window` most recent non-gap values up to and including that period. Null at gap periods (there
 * is nothing to draw there) and until `window` values have been seen.
 */
export function movingAverage(
  series: readonly { readonly periodStart: string; readonly value: number | null }[],
  window: number,
): KpiSeriesPoint[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`The moving average window must be a positive integer, not ${window}`);
  }
  const seen: number[] = [];
  return series.map(({ periodStart: start, value }) => {
    if (value === null) return { periodStart: start, value: null };
    seen.push(value);
    if (seen.length < window) return { periodStart: start, value: null };
    // Summed afresh each time: a running sum would drift over long daily series.
    const sum = seen.slice(-window).reduce((a, b) => a + b, 0);
    return { periodStart: start, value: sum / window };
  });
}

/** The relative change divides by |base| so that a rise always reads positive, even from below zero. */
export function kpiChange(current: number, base: number | null, basePeriodStart: string): KpiChange {
  if (base === null) return { basePeriodStart, base, absolute: null, relative: null };
  const absolute = current - base;
  return { basePeriodStart, base, absolute, relative: base === 0 ? null : absolute / Math.abs(base) };
}

/**
 * Attainment vs target. A ratio only makes sense between positive quantities, so:
 * - target 0 (or negative): ratio null; `met` says whether the value is on the good side of it
 *   (higher is better: value ≥ target; lower is better: value ≤ target);
 * - lower is better with a value of 0 or less: ratio null (target / 0 is unbounded) and met;
 * - higher is better with a negative value: a negative ratio, which honestly reads as "wrong way".
 */
export function kpiAttainment(
  value: number | null,
  target: number | null,
  direction: KpiDirection,
): KpiAttainment | null {
  if (value === null || target === null) return null;
  if (direction === 'HIGHER_IS_BETTER') {
    return { ratio: target > 0 ? value / target : null, met: value >= target };
  }
  return { ratio: target > 0 && value > 0 ? target / value : null, met: value <= target };
}

/**
 * Status from absolute thresholds on the KPI's own scale. Each threshold is where the status starts
 * to worsen; landing exactly on it still counts as the better side.
 * - HIGHER_IS_BETTER: RED below red, AMBER below amber, otherwise GREEN.
 * - LOWER_IS_BETTER: RED above red, AMBER above amber, otherwise GREEN.
 * With only one threshold there are two states (GREEN/AMBER or GREEN/RED); with none, or without a
 * value, there is no status. Red is tested first, so inconsistent thresholds never read greener.
 */
export function kpiStatus(
  value: number | null,
  definition: Pick<KpiTrendDefinition, 'direction' | 'amberThreshold' | 'redThreshold'>,
): KpiStatus | null {
  const { direction, amberThreshold: amber, redThreshold: red } = definition;
  if (value === null || (amber === null && red === null)) return null;
  const worse = (threshold: number): boolean =>
    direction === 'HIGHER_IS_BETTER' ? value < threshold : value > threshold;
  if (red !== null && worse(red)) return 'RED';
  if (amber !== null && worse(amber)) return 'AMBER';
  return 'GREEN';
}

/**
 * Least-squares straight line through the non-gap points (x = period index), extended to the
 * period containing `to`, with the line's value at each period on the way there (`points`, e.g. up
 * to the plan's end month by month). Null with fewer than two points: one point has no slope.
 */
export function linearForecast(
  points: readonly KpiSeriesPoint[],
  frequency: KpiFrequency,
  to: string,
): KpiForecast | null {
  const first = points[0];
  if (!first) return null;
  const xy: [number, number][] = [];
  for (const p of points) {
    if (p.value !== null) xy.push([periodsBetween(first.periodStart, p.periodStart, frequency), p.value]);
  }
  if (xy.length < 2) return null;
  const meanX = xy.reduce((s, [x]) => s + x, 0) / xy.length;
  const meanY = xy.reduce((s, [, y]) => s + y, 0) / xy.length;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of xy) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
  }
  const slope = sxy / sxx;
  const at = (x: number) => meanY + slope * (x - meanX);
  const target = periodStart(to, frequency);
  const x = periodsBetween(first.periodStart, target, frequency);
  const lastX = periodsBetween(
    first.periodStart,
    (points[points.length - 1] ?? first).periodStart,
    frequency,
  );
  if (x - lastX > MAX_KPI_PERIODS) {
    throw new RangeError(`A forecast ${x - lastX} periods ahead exceeds the limit of ${MAX_KPI_PERIODS}`);
  }
  const path: KpiSeriesPoint[] = [];
  for (let i = lastX + 1; i <= x; i++) {
    path.push({ periodStart: shiftPeriod(first.periodStart, frequency, i), value: at(i) });
  }
  return {
    periodStart: target,
    value: at(x),
    slopePerPeriod: slope,
    pointsUsed: xy.length,
    points: path,
  };
}

/**
 * The whole trend for one KPI. Measurements before the window are used as history: they feed the
 * moving average at the start of the window and the previous-period / last-year comparisons, so
 * pass at least a year more than the window when those matter.
 */
export function kpiTrend(
  definition: KpiTrendDefinition,
  measurements: readonly KpiMeasurementValue[],
  options: KpiWindow & KpiTrendOptions,
): KpiTrend {
  const { frequency } = definition;
  const window = resolveKpiWindow(options);
  const maWindow = options.movingAverageWindow ?? DEFAULT_MOVING_AVERAGE_WINDOW[frequency];
  const buckets = bucketByPeriod(measurements, frequency);
  const points = seriesOver(buckets, frequency, window);
  const firstPeriod = points[0]?.periodStart ?? periodStart(window.from, frequency);

  const history = [...buckets.values()].filter((b) => b.periodStart < firstPeriod);
  const movingAverageSeries = movingAverage([...history, ...points], maWindow).slice(history.length);

  const latestPoint = points.findLast((p) => p.value !== null);
  const latest =
    latestPoint?.value != null ? { periodStart: latestPoint.periodStart, value: latestPoint.value } : null;

  const changeTo = (base: (start: string) => string): KpiChange | null => {
    if (!latest) return null;
    const baseStart = base(latest.periodStart);
    return kpiChange(latest.value, buckets.get(baseStart)?.value ?? null, baseStart);
  };

  const lastPeriod = points[points.length - 1]?.periodStart ?? firstPeriod;
  return {
    frequency,
    window,
    points,
    gapCount: points.filter((p) => p.value === null).length,
    latest,
    movingAverageWindow: maWindow,
    movingAverage: movingAverageSeries,
    changeFromPreviousPeriod: changeTo((start) => shiftPeriod(start, frequency, -1)),
    changeFromLastYear: changeTo((start) => samePeriodLastYear(start, frequency)),
    attainment: kpiAttainment(latest?.value ?? null, definition.target, definition.direction),
    status: kpiStatus(latest?.value ?? null, definition),
    forecast: linearForecast(points, frequency, options.forecastTo ?? shiftPeriod(lastPeriod, frequency, 1)),
  };
}
