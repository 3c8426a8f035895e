import { isoDate, type KpiFrequency, kpiPeriodIssue, periodStart } from '@clave/domain';
import { z } from 'zod';
import { ValidationError, validate } from '../../errors.js';
import { requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { watchKpiStatuses } from '../webhooks/webhook-events.js';
import { type KpiDefinition, KpiMeasurement } from './kpi.entity.js';
import { getWritableDefinition } from './kpi-definition.service.js';
import { latestCalendarDay } from './kpi-measurement.service.js';

/*
 * Correcting and removing one stored KPI value (issue 14): a value typed wrong, or dated 2062 for
 * 2026, must not stay the KPI's "latest" for ever. Who may record the account's KPIs may correct
 * and remove them (people only: the mutations are not open to API tokens). Each change writes an
 * audit row (entityType 'KpiMeasurement', entityId '<definition id>:<period start>', action CORRECT
 * or REMOVE, shown in KpiDefinition.history) keyed by the period start: `before` holds the old
 * value, `after` the new one (null when removed).
 */

const correctInput = z.object({
  kpiDefinitionId: z.string(),
  /** Any day of the period; reduced to the period's start. */
  period: isoDate,
  value: z.number(),
  /** The value the person saw; when given and no longer stored, nothing changes. */
  expectedValue: z.number().nullish(),
});

const removeInput = z.object({
  kpiDefinitionId: z.string(),
  period: isoDate,
  expectedValue: z.number().nullish(),
});

/** The stored measurement of the period, checked against what the person saw. */
async function storedMeasurement(
  scope: Scope,
  definitionId: string,
  start: string,
  expectedValue: number | null | undefined,
): Promise<KpiMeasurement> {
  const stored = await scope.em.findOne(KpiMeasurement, { definition: definitionId, periodStart: start });
  if (!stored) throw ValidationError.field(['period'], 'kpiMeasurementUnknown');
  if (expectedValue != null && stored.value !== expectedValue) {
    throw ValidationError.field(['expectedValue'], 'kpiMeasurementChanged');
  }
  return stored;
}

async function writableDefinition(scope: Scope, id: string) {
  const definition = await getWritableDefinition(scope, id);
  if (definition.archived) throw ValidationError.field(['kpiDefinitionId'], 'kpiDefinitionArchived');
  return definition;
}

/**
 * Replaces the value stored for one period of a KPI. The period must already hold a value (a new
 * value is recorded with recordKpiMeasurements) and lie between KPI_PERIOD_FLOOR and the end of
 * the current period; a value dated out of those bounds by mistake is removed instead.
 */
export async function correctKpiMeasurement(scope: Scope, input: unknown): Promise<KpiMeasurement> {
  const { actor } = requireViewer(scope);
  const data = validate(correctInput, input);
  return scope.em.transactional(async (em) => {
    const definition = await writableDefinition({ ...scope, em }, data.kpiDefinitionId);
    const frequency = definition.frequency as KpiFrequency;
    const bound = kpiPeriodIssue(data.period, frequency, latestCalendarDay());
    if (bound) throw ValidationError.field(['period'], bound);
    const start = periodStart(data.period, frequency);
    const stored = await storedMeasurement({ ...scope, em }, definition.id, start, data.expectedValue);
    const statuses = await watchKpiStatuses(em, [definition.id], actor.id);
    const old = stored.value;
    stored.value = data.value;
    stored.source = 'MANUAL';
    stored.recordedBy = em.getReference('User', actor.id) as KpiMeasurement['recordedBy'];
    stored.recordedAt = new Date();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'KpiMeasurement',
      entityId: `${definition.id}:${start}`,
      action: 'CORRECT',
      accountId: definition.account.id,
      before: { [start]: old },
      after: { [start]: data.value },
    });
    await em.flush();
    await statuses.publishChanges();
    return stored;
  });
}

/** Deletes the value stored for one period of a KPI; returns the KPI. */
export async function removeKpiMeasurement(scope: Scope, input: unknown): Promise<KpiDefinition> {
  const { actor } = requireViewer(scope);
  const data = validate(removeInput, input);
  return scope.em.transactional(async (em) => {
    const definition = await writableDefinition({ ...scope, em }, data.kpiDefinitionId);
    // No bounds here: removing is the way out for a value stored with an impossible date.
    const start = periodStart(data.period, definition.frequency as KpiFrequency);
    const stored = await storedMeasurement({ ...scope, em }, definition.id, start, data.expectedValue);
    const statuses = await watchKpiStatuses(em, [definition.id], actor.id);
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'KpiMeasurement',
      entityId: `${definition.id}:${start}`,
      action: 'REMOVE',
      accountId: definition.account.id,
      before: { [start]: stored.value },
      after: null,
    });
    em.remove(stored);
    await em.flush();
    await statuses.publishChanges();
    return definition;
  });
}
