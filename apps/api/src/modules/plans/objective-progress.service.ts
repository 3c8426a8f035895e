import { type ObjectiveProgress, objectiveProgress, objectiveProgressRange } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { KpiDefinition } from '../kpis/kpi.entity.js';
import { type MeasurementRange, measurementValuesInRanges } from '../kpis/kpi-measurement.service.js';
import type { Objective } from './plan.entity.js';
import { todayIso } from './plan-access.js';

/**
 * Progress of many (already authorized) objectives from their KPIs' measurements: null for an
 * objective without a KPI or without a target value. Two queries for any number of objectives (the
 * KPI definitions, then every KPI's measurements of the last OBJECTIVE_PROGRESS_MONTHS months); the
 * numbers are the domain's KPI trend math.
 */
export async function progressByObjective(
  em: EntityManager,
  objectives: readonly Objective[],
  today = todayIso(),
): Promise<(ObjectiveProgress | null)[]> {
  const measured = objectives.filter((o) => o.kpiDefinitionId && o.targetValue !== null);
  const kpiIds = [...new Set(measured.map((o) => o.kpiDefinitionId as string))];
  if (kpiIds.length === 0) return objectives.map(() => null);
  const definitions = await em.find(KpiDefinition, { id: { $in: kpiIds } });
  const ranges: MeasurementRange[] = definitions.map((d) => ({
    definitionId: d.id,
    ...objectiveProgressRange(d.frequency, today),
  }));
  const values = await measurementValuesInRanges(em, ranges);
  const byKpi = new Map(definitions.map((d, i) => [d.id, { definition: d, measurements: values[i] ?? [] }]));
  return objectives.map((o) => {
    const kpi = o.kpiDefinitionId ? byKpi.get(o.kpiDefinitionId) : undefined;
    if (!kpi || o.targetValue === null) return null;
    return objectiveProgress({
      kpi: { direction: kpi.definition.direction, frequency: kpi.definition.frequency },
      targetValue: Number(o.targetValue),
      targetDate: o.targetDate ?? null,
      measurements: kpi.measurements,
      today,
    });
  });
}
