import { z } from 'zod';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, type KpiDirection } from '../enums.js';
import type { MessageKey } from '../messages.js';
import { isoDate, longText, name, uuid } from './common.js';
import { expectedVersion, hasChanges } from './profiles.js';

/**
 * Thresholds are absolute values on the KPI's scale (see `kpiStatus`): red must be strictly on the
 * worse side of amber — below it when higher is better, above it when lower is better. Equal
 * thresholds would leave no amber band, so one of them should be omitted instead. Exported so the
 * API can check a partial update against the stored definition.
 */
export function kpiThresholdsConsistent(
  direction: KpiDirection,
  amberThreshold: number | null | undefined,
  redThreshold: number | null | undefined,
): boolean {
  if (amberThreshold == null || redThreshold == null) return true;
  return direction === 'HIGHER_IS_BETTER' ? redThreshold < amberThreshold : redThreshold > amberThreshold;
}

const thresholdRule: { message: MessageKey; path: string[] } = {
  message: 'kpiThresholdOrder',
  path: ['redThreshold'],
};

const kpiFields = {
  name: name(120),
  /** Free text such as '%', 'EUR', 'units', 'days'. */
  unit: name(30),
  direction: z.enum(KPI_DIRECTIONS),
  frequency: z.enum(KPI_FREQUENCIES),
  target: z.number().nullish(),
  amberThreshold: z.number().nullish(),
  redThreshold: z.number().nullish(),
  category: name(60),
  /** What the KPI measures and how it is computed, for whoever reads the tile. */
  description: longText(2000).nullish(),
};

/** Company-wide KPI template (admins), from which account KPI definitions are instantiated. */
export const createKpiTemplateInput = z
  .object(kpiFields)
  .refine((k) => kpiThresholdsConsistent(k.direction, k.amberThreshold, k.redThreshold), thresholdRule);
export type CreateKpiTemplateInput = z.infer<typeof createKpiTemplateInput>;

/** Only the fields sent change; `active: false` retires a template from the picker (never deleted). */
export const updateKpiTemplateInput = z
  .object({ ...kpiFields, active: z.boolean(), expectedVersion })
  .partial()
  .refine(hasChanges, { message: 'nothingToUpdate' })
  .refine(
    (k) =>
      k.direction === undefined || kpiThresholdsConsistent(k.direction, k.amberThreshold, k.redThreshold),
    thresholdRule,
  );
export type UpdateKpiTemplateInput = z.infer<typeof updateKpiTemplateInput>;

export const createKpiDefinitionInput = z
  .object({ accountId: uuid, templateId: uuid.optional(), ...kpiFields })
  .refine((k) => kpiThresholdsConsistent(k.direction, k.amberThreshold, k.redThreshold), thresholdRule);
export type CreateKpiDefinitionInput = z.infer<typeof createKpiDefinitionInput>;

/**
 * Null clears target or thresholds. The order of the thresholds is checked here only when the
 * update carries the direction and both thresholds; otherwise the API checks the merged result.
 */
export const updateKpiDefinitionInput = z
  .object({ ...kpiFields, expectedVersion })
  .partial()
  .refine(hasChanges, { message: 'nothingToUpdate' })
  .refine(
    (k) =>
      k.direction === undefined || kpiThresholdsConsistent(k.direction, k.amberThreshold, k.redThreshold),
    thresholdRule,
  );
export type UpdateKpiDefinitionInput = z.infer<typeof updateKpiDefinitionInput>;

export const MAX_KPI_MEASUREMENTS_PER_BATCH = 10_000;

export const kpiMeasurementInput = z.object({
  kpiDefinitionId: uuid,
  /** The API reduces it to the start of the definition's period (`periodStart`) before the upsert. */
  periodStart: isoDate,
  /** zod 4 numbers are finite: NaN and ±Infinity are rejected. */
  value: z.number(),
});
export type KpiMeasurementInput = z.infer<typeof kpiMeasurementInput>;

/**
 * A batch of measurements (ERP, BI import, API). The same KPI and date twice in one batch is
 * rejected: which of the two should win the upsert would be a guess.
 */
export const recordKpiMeasurementsInput = z.object({
  measurements: z
    .array(kpiMeasurementInput)
    .min(1)
    .max(MAX_KPI_MEASUREMENTS_PER_BATCH)
    .refine((ms) => new Set(ms.map((m) => `${m.kpiDefinitionId}|${m.periodStart}`)).size === ms.length, {
      message: 'noRepeats',
    }),
});
export type RecordKpiMeasurementsInput = z.infer<typeof recordKpiMeasurementsInput>;
