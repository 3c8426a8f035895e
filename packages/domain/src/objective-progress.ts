import type { KpiDirection, KpiFrequency } from './enums.js';
import {
  type KpiMeasurementValue,
  type KpiSeriesPoint,
  kpiAttainment,
  kpiTrend,
  periodStart,
  resolveKpiWindow,
} from './kpi-trend.js';

/*
 * How far an objective tied to a KPI has got: the KPI's latest value against the objective's own
 * target, and the KPI trend's forecast at the objective's target date. Only composition of the
 * KPI trend math (kpiTrend, kpiAttainment): a number here means what it means on the KPI's tile.
 */

/** Calendar months of measurements the progress looks at, up to today. */
export const OBJECTIVE_PROGRESS_MONTHS = 24;

export interface ObjectiveProgress {
  /** The KPI's latest measured period in the window (mean of its values), null without any. */
  readonly latestValue: number | null;
  /** Start of that period, 'YYYY-MM-DD'. */
  readonly latestPeriod: string | null;
  /** Direction-aware: latest / target (higher is better) or target / latest (lower is better). */
  readonly attainment: number | null;
  /** The trend's straight-line forecast for the period of the target date; null if not computable. */
  readonly forecastAtTargetDate: number | null;
  /** Whether the forecast (or the latest value, without a forecast) reaches the target; null without data. */
  readonly onTrack: boolean | null;
}

export interface ObjectiveProgressInput {
  readonly kpi: { readonly direction: KpiDirection; readonly frequency: KpiFrequency };
  readonly targetValue: number;
  /** 'YYYY-MM-DD', or null when the objective has no date. */
  readonly targetDate: string | null;
  readonly measurements: readonly KpiMeasurementValue[];
  /** 'YYYY-MM-DD'. */
  readonly today: string;
}

/** The dates of the measurements `objectiveProgress` reads (period starts, inclusive). */
export function objectiveProgressRange(
  frequency: KpiFrequency,
  today: string,
): { readonly from: string; readonly to: string } {
  const window = resolveKpiWindow({ months: OBJECTIVE_PROGRESS_MONTHS, today });
  return { from: periodStart(window.from, frequency), to: periodStart(window.to, frequency) };
}

/**
 * The forecast is only asked for a target date in a later period than today's: for a date already
 * reached, the measured values say more than a fitted line.
 */
export function objectiveProgress(input: ObjectiveProgressInput): ObjectiveProgress {
  const { kpi, targetValue, targetDate, today } = input;
  const forecastWanted =
    targetDate !== null && periodStart(targetDate, kpi.frequency) > periodStart(today, kpi.frequency);
  let forecast: number | null = null;
  let latest: KpiSeriesPoint | null = null;
  const definition = { ...kpi, target: targetValue, amberThreshold: null, redThreshold: null };
  const window = { months: OBJECTIVE_PROGRESS_MONTHS, today };
  try {
    const trend = kpiTrend(definition, input.measurements, {
      ...window,
      ...(forecastWanted ? { forecastTo: targetDate as string } : {}),
    });
    latest = trend.latest;
    forecast = forecastWanted ? (trend.forecast?.value ?? null) : null;
  } catch (error) {
    // A forecast further ahead than the domain allows: progress without a forecast.
    if (!(error instanceof RangeError)) throw error;
    latest = kpiTrend(definition, input.measurements, window).latest;
  }
  const reached = forecast ?? latest?.value ?? null;
  return {
    latestValue: latest?.value ?? null,
    latestPeriod: latest?.periodStart ?? null,
    attainment: kpiAttainment(latest?.value ?? null, targetValue, kpi.direction)?.ratio ?? null,
    forecastAtTargetDate: forecast,
    onTrack: reached === null ? null : (kpiAttainment(reached, targetValue, kpi.direction)?.met ?? null),
  };
}
