import { type KpiFrequency, samePeriodLastYear } from '@clave/domain';

export interface SeriesPoint {
  periodStart: string;
  value: number | null;
}

/** The trend chart's columns, aligned on one x axis (uPlot's AlignedData: x in seconds). */
export interface TrendColumns {
  x: number[];
  actual: (number | null)[];
  lastYear: (number | null)[];
  target: (number | null)[];
  forecast: (number | null)[];
}

export const toSeconds = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 1000;

/**
 * Lines up the window's values, last year's values for the same periods, the target and the
 * forecast. The forecast is drawn from the last known value through each forecast period (e.g.
 * month by month to the plan's end), so it reads as a continuation of the line rather than a lone
 * dot; periods after the window get no actual value.
 */
export function trendColumns(input: {
  points: readonly SeriesPoint[];
  lastYear: readonly SeriesPoint[];
  target: number | null;
  /** `points`: the fitted line at each period after the window (the API's KpiForecast.points). */
  forecast: { periodStart: string; value: number; points?: readonly SeriesPoint[] } | null;
  frequency: KpiFrequency;
}): TrendColumns {
  const lastYearByPeriod = new Map(input.lastYear.map((p) => [p.periodStart, p.value]));
  const periods = input.points.map((p) => p.periodStart);
  const actual = input.points.map((p) => p.value);
  const forecast: (number | null)[] = periods.map(() => null);
  const lastPeriod = periods.at(-1) ?? '';
  const path = (
    input.forecast
      ? input.forecast.points && input.forecast.points.length > 0
        ? input.forecast.points
        : [{ periodStart: input.forecast.periodStart, value: input.forecast.value }]
      : []
  ).filter((p) => p.periodStart > lastPeriod && p.value !== null);
  if (path.length > 0) {
    let lastKnown = -1;
    for (let i = actual.length - 1; i >= 0; i--)
      if (actual[i] !== null) {
        lastKnown = i;
        break;
      }
    if (lastKnown >= 0) forecast[lastKnown] = actual[lastKnown] ?? null;
    for (const p of path) {
      periods.push(p.periodStart);
      actual.push(null);
      forecast.push(p.value);
    }
  }
  return {
    x: periods.map(toSeconds),
    actual,
    lastYear: periods.map(
      (start) => lastYearByPeriod.get(samePeriodLastYear(start, input.frequency)) ?? null,
    ),
    target: periods.map(() => input.target),
    forecast,
  };
}

/** The window asked of the API and the same window a year earlier, as 'YYYY-MM-DD'. */
export function lastYearRange(months: number, today: Date): { from: string; to: string } {
  const start = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() - months, 1));
  const end = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
