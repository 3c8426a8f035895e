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
 * forecast. The forecast is drawn from the last known value to the forecast point, so it reads as
 * a continuation of the line rather than a lone dot.
 */
export function trendColumns(input: {
  points: readonly SeriesPoint[];
  lastYear: readonly SeriesPoint[];
  target: number | null;
  forecast: { periodStart: string; value: number } | null;
  frequency: KpiFrequency;
}): TrendColumns {
  const lastYearByPeriod = new Map(input.lastYear.map((p) => [p.periodStart, p.value]));
  const periods = input.points.map((p) => p.periodStart);
  const actual = input.points.map((p) => p.value);
  const forecastAfter =
    input.forecast && (periods.length === 0 || input.forecast.periodStart > (periods.at(-1) ?? ''));
  if (input.forecast && forecastAfter) {
    periods.push(input.forecast.periodStart);
    actual.push(null);
  }
  const forecast: (number | null)[] = periods.map(() => null);
  if (input.forecast && forecastAfter) {
    let lastKnown = -1;
    for (let i = actual.length - 1; i >= 0; i--)
      if (actual[i] !== null) {
        lastKnown = i;
        break;
      }
    if (lastKnown >= 0) forecast[lastKnown] = actual[lastKnown] ?? null;
    forecast[forecast.length - 1] = input.forecast.value;
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
