import {
  DEFAULT_MOVING_AVERAGE_WINDOW,
  isoDate,
  type KpiTrend,
  type KpiTrendDefinition,
  type KpiWindow,
  kpiTrend,
  MAX_KPI_PERIODS,
  periodStart,
  periodsBetween,
  type ResolvedKpiWindow,
  resolveKpiWindow,
  samePeriodLastYear,
  shiftPeriod,
} from '@clave/domain';
import { ValidationError } from '../../errors.js';
import type { KpiDefinition, KpiMeasurement } from './kpi.entity.js';
import type { MeasurementRange } from './kpi-measurement.service.js';

export const DEFAULT_TREND_MONTHS = 12;
export const MAX_MOVING_AVERAGE_WINDOW = 60;

export interface TrendArgs {
  readonly months?: number | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly movingAverageWindow?: number | null;
  readonly forecastTo?: string | null;
  /** Forecast to the last day of the account's ACTIVE plan (the caller looks it up). */
  readonly forecastToPlanEnd?: boolean | null;
}

export interface TrendRequest {
  readonly window: ResolvedKpiWindow;
  readonly movingAverageWindow: number;
  readonly forecastTo: string | undefined;
  /** The measurements to load: the window plus the history its comparisons need. */
  readonly range: MeasurementRange;
}

/** Today as 'YYYY-MM-DD' in UTC: the end of a `months` window. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function dateArg(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isoDate.safeParse(value).success) throw ValidationError.field([field], 'invalidInput');
  return value;
}

/** The range of `KpiDefinition.measurements(from, to)`, checked. */
export function measurementRange(definitionId: string, from: string, to: string): MeasurementRange {
  const first = dateArg(from, 'from') as string;
  const last = dateArg(to, 'to') as string;
  if (first > last) throw ValidationError.field(['from'], 'kpiWindow');
  return { definitionId, from: first, to: last };
}

/**
 * Checks the arguments of `KpiDefinition.trend` and works out which measurements it needs: the
 * window, plus one year back for the year-over-year change and enough periods before the window
 * for the moving average at its start — never the whole history. With `forecastToPlanEnd`, the
 * forecast reaches `planEnd` (the active plan's last day) when that lies after the window;
 * otherwise (no active plan, or one ending sooner) it stays on the default, the next period.
 */
export function trendRequest(
  definition: KpiDefinition,
  args: TrendArgs,
  today = todayIso(),
  planEnd: string | null = null,
): TrendRequest {
  const from = dateArg(args.from, 'from');
  const to = dateArg(args.to, 'to');
  let forecastTo = dateArg(args.forecastTo, 'forecastTo');
  if (args.forecastToPlanEnd && forecastTo !== undefined) {
    throw ValidationError.field(['forecastToPlanEnd'], 'kpiForecastTo');
  }
  const explicit = from !== undefined || to !== undefined;
  if (explicit && (from === undefined || to === undefined || args.months != null)) {
    throw ValidationError.field(explicit && args.months != null ? ['months'] : ['from'], 'kpiWindow');
  }
  const kpiWindow: KpiWindow = explicit
    ? { from: from as string, to: to as string }
    : { months: args.months ?? DEFAULT_TREND_MONTHS, today };
  let window: ResolvedKpiWindow;
  try {
    window = resolveKpiWindow(kpiWindow);
  } catch {
    throw ValidationError.field([explicit ? 'from' : 'months'], 'kpiWindow');
  }
  const { frequency } = definition;
  const movingAverageWindow = args.movingAverageWindow ?? DEFAULT_MOVING_AVERAGE_WINDOW[frequency];
  if (
    !Number.isInteger(movingAverageWindow) ||
    movingAverageWindow < 1 ||
    movingAverageWindow > MAX_MOVING_AVERAGE_WINDOW
  ) {
    throw ValidationError.field(['movingAverageWindow'], 'invalidInput');
  }
  const lastPeriod = periodStart(window.to, frequency);
  if (args.forecastToPlanEnd && planEnd !== null && periodStart(planEnd, frequency) > lastPeriod) {
    forecastTo = planEnd;
  }
  if (
    forecastTo !== undefined &&
    periodsBetween(lastPeriod, periodStart(forecastTo, frequency), frequency) > MAX_KPI_PERIODS
  ) {
    throw ValidationError.field(['forecastTo'], 'kpiForecastTo');
  }
  const first = periodStart(window.from, frequency);
  const lastYear = samePeriodLastYear(first, frequency);
  // Twice the averaging window: a few gaps before the window still leave enough values.
  const averagingHistory = shiftPeriod(first, frequency, -2 * movingAverageWindow);
  // ISO dates sort as text: the earlier of the two.
  const [loadFrom] = [lastYear, averagingHistory].sort() as [string, string];
  return {
    window,
    movingAverageWindow,
    forecastTo,
    range: { definitionId: definition.id, from: loadFrom, to: periodStart(window.to, frequency) },
  };
}

/** The definition as the domain math reads it (nullable columns come back as null, never undefined). */
export function trendDefinition(d: KpiDefinition): KpiTrendDefinition {
  return {
    direction: d.direction,
    frequency: d.frequency,
    target: d.target ?? null,
    amberThreshold: d.amberThreshold ?? null,
    redThreshold: d.redThreshold ?? null,
  };
}

/** The trend of one definition from the measurements `trendRequest` asked for: the domain's math. */
export function computeTrend(
  definition: KpiDefinition,
  request: TrendRequest,
  measurements: readonly Pick<KpiMeasurement, 'periodStart' | 'value'>[],
): KpiTrend {
  try {
    return kpiTrend(
      trendDefinition(definition),
      measurements.map((m) => ({ periodStart: m.periodStart, value: m.value })),
      {
        ...request.window,
        movingAverageWindow: request.movingAverageWindow,
        forecastTo: request.forecastTo,
      },
    );
  } catch (error) {
    // e.g. a window of more periods than the domain allows (years of a daily KPI)
    if (error instanceof RangeError) throw ValidationError.field(['from'], 'kpiWindow');
    throw error;
  }
}
