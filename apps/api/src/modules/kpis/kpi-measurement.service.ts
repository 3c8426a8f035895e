import {
  canReadAccount,
  canWriteAccount,
  type KpiMeasurementInput,
  type KpiSource,
  kpiMeasurementInput,
  kpiPeriodIssue,
  periodStart,
  recordKpiMeasurementsInput,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { newId } from '../../db/ids.js';
import { marks, rows } from '../../db/rows.js';
import { type FieldIssue, ValidationError } from '../../errors.js';
import { accessFacts, requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { watchKpiStatuses } from '../webhooks/webhook-events.js';
import { KpiDefinition, KpiMeasurement } from './kpi.entity.js';

/**
 * What a batch did. `created` + `updated` = `stored` = the rows sent: a row for a period that
 * already had a value replaced it (updated), any other row added one (created).
 */
export interface KpiMeasurementBatchResult {
  readonly stored: number;
  readonly created: number;
  readonly updated: number;
}

/** Rows per INSERT … ON CONFLICT statement: 7 parameters each stays far below every driver's limit. */
const UPSERT_CHUNK = 500;

/**
 * Records a batch of measurements (all or nothing). Every row is checked before anything is
 * written — the schema, then that its KPI exists, may be seen and written by the viewer, is not
 * archived, that its date lies between KPI_PERIOD_FLOOR and the end of the current period, and
 * that no two rows fall into the same period of the same KPI once dates are reduced to their
 * period's start — and every bad row is reported as ['measurements', i, field]. Then one
 * transaction upserts the rows set-wise (re-sending a period replaces its value) and writes one
 * audit row for the whole batch.
 */
export async function recordKpiMeasurements(
  scope: Scope,
  input: unknown,
  /** Problems the transport already found in some rows (e.g. an undecodable global id). */
  rowIssues: readonly FieldIssue[] = [],
  /** Where the values come from: a CSV import says IMPORT; otherwise API for a token, MANUAL for a person. */
  source?: KpiSource,
): Promise<KpiMeasurementBatchResult> {
  const { actor, credential } = requireViewer(scope);
  const origin: KpiSource = source ?? (credential.kind === 'session' ? 'MANUAL' : 'API');
  const { measurements, issues } = parseRows(input, rowIssues);
  return scope.em.transactional(async (em) => {
    const ids = [...new Set(measurements.flatMap((m) => (m ? [m.kpiDefinitionId] : [])))];
    const definitions = new Map(
      (
        await em.find(
          KpiDefinition,
          { id: { $in: ids } },
          { populate: ['account', 'account.owner', 'account.supporters'] },
        )
      ).map((d) => [d.id, d]),
    );
    const rowIssue = (i: number, field: string, message: FieldIssue['message']) =>
      issues.push({ path: ['measurements', i, field], message });
    const seen = new Set<string>();
    const today = latestCalendarDay();
    const rows = measurements.map((m, i) => {
      if (!m) return null;
      const definition = definitions.get(m.kpiDefinitionId);
      const account = definition?.account;
      const facts = account ? accessFacts(account) : null;
      if (!definition || !account || !facts || !canReadAccount(actor, facts)) {
        rowIssue(i, 'kpiDefinitionId', 'kpiDefinitionUnknown');
        return null;
      }
      if (!canWriteAccount(actor, facts)) rowIssue(i, 'kpiDefinitionId', 'kpiDefinitionReadOnly');
      else if (account.status === 'ARCHIVED') rowIssue(i, 'kpiDefinitionId', 'accountArchived');
      else if (definition.archived) rowIssue(i, 'kpiDefinitionId', 'kpiDefinitionArchived');
      const start = periodStart(m.periodStart, definition.frequency);
      const bound = kpiPeriodIssue(m.periodStart, definition.frequency, today);
      if (bound) rowIssue(i, 'periodStart', bound);
      const key = `${definition.id}|${start}`;
      if (seen.has(key)) rowIssue(i, 'periodStart', 'kpiPeriodRepeated');
      seen.add(key);
      return { definition: definition.id, periodStart: start, value: m.value };
    });
    if (issues.length > 0) {
      const row = (issue: FieldIssue) => (typeof issue.path[1] === 'number' ? issue.path[1] : -1);
      throw new ValidationError([...issues].sort((a, b) => row(a) - row(b)));
    }
    const valid = rows as NonNullable<(typeof rows)[number]>[];
    const statuses = await watchKpiStatuses(em, [...new Set(valid.map((r) => r.definition))], actor.id);

    const existing = await existingPeriods(em, valid);
    const recordedAt = new Date();
    await em.upsertMany(
      KpiMeasurement,
      valid.map((r) => ({
        id: newId(),
        definition: r.definition,
        periodStart: r.periodStart,
        value: r.value,
        source: origin,
        recordedBy: actor.id,
        recordedAt,
      })),
      {
        onConflictFields: ['definition', 'periodStart'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['value', 'source', 'recordedBy', 'recordedAt'],
        batchSize: UPSERT_CHUNK,
        // The rows are not needed afterwards; keeping up to 10 000 entities in the map would only cost.
        disableIdentityMap: true,
      },
    );
    const updated = valid.filter((r) => existing.has(`${r.definition}|${r.periodStart}`)).length;
    const result = { stored: valid.length, created: valid.length - updated, updated };
    const periods = valid.map((r) => r.periodStart).sort();
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'KpiMeasurementBatch',
      entityId: newId(),
      action: 'RECORD',
      after: {
        ...result,
        source: origin,
        definitionIds: [...new Set(valid.map((r) => r.definition))].sort(),
        periods: { from: periods[0], to: periods[periods.length - 1], distinct: new Set(periods).size },
      },
    });
    auditReplacedValues(em, actor.id, origin, valid, existing, definitions);
    await statuses.publishChanges();
    return result;
  });
}

/**
 * The latest calendar day anywhere on Earth now (UTC+14): the "today" KPI periods are bounded by,
 * so that nobody is refused today's value because the server's clock is still on yesterday.
 */
export function latestCalendarDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * One audit row per KPI of the batch, with each period's value before (absent for a new period)
 * and after: a re-push that replaces a KAM's value leaves the old value in the KPI's history.
 */
function auditReplacedValues(
  em: EntityManager,
  actorId: string,
  source: KpiSource,
  valid: readonly { definition: string; periodStart: string; value: number }[],
  existing: ReadonlyMap<string, number>,
  definitions: ReadonlyMap<string, KpiDefinition>,
): void {
  const byDefinition = new Map<string, { before: Record<string, number>; after: Record<string, number> }>();
  for (const r of valid) {
    const entry = byDefinition.get(r.definition) ?? { before: {}, after: {} };
    byDefinition.set(r.definition, entry);
    const old = existing.get(`${r.definition}|${r.periodStart}`);
    if (old !== undefined) entry.before[r.periodStart] = old;
    entry.after[r.periodStart] = r.value;
  }
  for (const [definitionId, { before, after }] of byDefinition) {
    recordAudit(em, {
      actorId,
      entityType: 'KpiMeasurement',
      entityId: definitionId,
      action: source === 'IMPORT' ? 'IMPORT' : 'RECORD',
      accountId: definitions.get(definitionId)?.account.id ?? null,
      before,
      after,
    });
  }
}

type Row = KpiMeasurementInput | null;

/**
 * The batch parsed row by row, so that one malformed row does not hide the others' problems:
 * rows with a problem come back as null and their issues are listed; an envelope problem (empty or
 * too large a batch) leaves no rows to check further.
 */
function parseRows(
  input: unknown,
  rowIssues: readonly FieldIssue[],
): { measurements: Row[]; issues: FieldIssue[] } {
  const parsed = recordKpiMeasurementsInput.safeParse(input);
  const bad = new Set(rowIssues.map((issue) => issue.path[1]));
  if (parsed.success) {
    return {
      measurements: parsed.data.measurements.map((m, i) => (bad.has(i) ? null : m)),
      issues: [...rowIssues],
    };
  }
  const zodIssues = ValidationError.fromZod(parsed.error).issues;
  const envelope = zodIssues.filter((issue) => issue.path.length < 3);
  // Repeats are reported per row once dates are reduced to periods, more precisely than here.
  const repeatsOnly = envelope.every((issue) => issue.message === 'noRepeats');
  if (envelope.length > 0 && !repeatsOnly) return { measurements: [], issues: [...rowIssues, ...envelope] };
  const raw = (input as { measurements: unknown[] }).measurements;
  const issues = [...rowIssues, ...zodIssues.filter((issue) => issue.path.length >= 3)];
  for (const issue of issues) bad.add(issue.path[1]);
  const measurements = raw.map((m, i) => {
    const row = kpiMeasurementInput.safeParse(m);
    return row.success && !bad.has(i) ? row.data : null;
  });
  return { measurements, issues };
}

/** Which (definition, period) pairs of the batch already have a value, and that value: one query per chunk. */
async function existingPeriods(
  em: EntityManager,
  rows: readonly { definition: string; periodStart: string }[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const byDefinition = [...new Set(rows.map((r) => r.definition))];
  const periods = [...new Set(rows.map((r) => r.periodStart))];
  // Definitions × periods is a superset of the pairs; the exact pairs are picked out below.
  for (let i = 0; i < byDefinition.length; i += UPSERT_CHUNK) {
    const chunk = byDefinition.slice(i, i + UPSERT_CHUNK);
    for (let j = 0; j < periods.length; j += UPSERT_CHUNK) {
      const stored = await (em as SqlEntityManager)
        .createQueryBuilder(KpiMeasurement, 'm')
        .select(['m.definition', 'm.periodStart', 'm.value'])
        .where({ definition: { $in: chunk }, periodStart: { $in: periods.slice(j, j + UPSERT_CHUNK) } })
        .execute<{ definition: string; periodStart: string; value: unknown }[]>('all');
      for (const s of stored) found.set(`${s.definition}|${s.periodStart}`, Number(s.value));
    }
  }
  return found;
}

export interface MeasurementRange {
  readonly definitionId: string;
  /** Inclusive period starts, 'YYYY-MM-DD'. */
  readonly from: string;
  readonly to: string;
}

/** The condition of one batch of ranges: one clause per distinct date range, over its definitions. */
function inRanges(ranges: readonly MeasurementRange[]): {
  $or: { definition: { $in: string[] }; periodStart: { $gte: string; $lte: string } }[];
} {
  const groups = new Map<string, { from: string; to: string; ids: string[] }>();
  for (const r of ranges) {
    const key = `${r.from}|${r.to}`;
    const group = groups.get(key) ?? { from: r.from, to: r.to, ids: [] };
    group.ids.push(r.definitionId);
    groups.set(key, group);
  }
  return {
    $or: [...groups.values()].map((g) => ({
      definition: { $in: [...new Set(g.ids)] },
      periodStart: { $gte: g.from, $lte: g.to },
    })),
  };
}

/** The rows of a batch (oldest first, keyed by definition id) split back into each range's own. */
function perRange<T extends { readonly periodStart: string }>(
  ranges: readonly MeasurementRange[],
  rows: readonly (readonly [definitionId: string, row: T])[],
): T[][] {
  const byDefinition = new Map<string, T[]>();
  for (const [definitionId, row] of rows) {
    const list = byDefinition.get(definitionId) ?? [];
    list.push(row);
    byDefinition.set(definitionId, list);
  }
  return ranges.map((r) =>
    (byDefinition.get(r.definitionId) ?? []).filter((m) => m.periodStart >= r.from && m.periodStart <= r.to),
  );
}

/**
 * Measurements of many (already authorized) definitions, each over its own date range, oldest
 * first — ONE query for the whole batch whatever the number of definitions and ranges.
 */
export async function measurementsInRanges(
  em: EntityManager,
  ranges: readonly MeasurementRange[],
): Promise<KpiMeasurement[][]> {
  if (ranges.length === 0) return [];
  const rows = await em.find(KpiMeasurement, inRanges(ranges), { orderBy: { periodStart: 'asc' } });
  return perRange(
    ranges,
    rows.map((row) => [row.definition.id, row] as const),
  );
}

/** A measurement's period and value: all a trend needs. */
export interface MeasurementValue {
  readonly periodStart: string;
  readonly value: number;
}

/**
 * Like `measurementsInRanges`, but plain rows of period and value instead of entities: a page of
 * trends reads a year and a half of values per KPI, and hydrating them as entities was the
 * largest cost of the account page (bench/README.md).
 */
export async function measurementValuesInRanges(
  em: EntityManager,
  ranges: readonly MeasurementRange[],
): Promise<MeasurementValue[][]> {
  if (ranges.length === 0) return [];
  const clauses = inRanges(ranges).$or;
  const found = await rows<{ definition_id: string; period_start: string; value: number }>(
    em,
    `select definition_id, period_start, value from kpi_measurement
      where ${clauses.map((c) => `(definition_id in (${marks(c.definition.$in.length)}) and period_start >= ? and period_start <= ?)`).join(' or ')}
      order by definition_id, period_start`,
    clauses.flatMap((c) => [...c.definition.$in, c.periodStart.$gte, c.periodStart.$lte]),
  );
  return perRange(
    ranges,
    found.map((r) => [r.definition_id, { periodStart: r.period_start, value: Number(r.value) }] as const),
  );
}

/**
 * The most recent measurement of each definition (null without any): one query for all, one
 * index lookup per definition.
 */
export async function latestMeasurements(
  em: EntityManager,
  definitionIds: readonly string[],
): Promise<(MeasurementValue | null)[]> {
  if (definitionIds.length === 0) return [];
  const found = await rows<{ definition_id: string; period_start: string; value: number }>(
    em,
    `select m.definition_id, m.period_start, m.value
       from kpi_definition d
       join kpi_measurement m on m.definition_id = d.id
        and m.period_start = (select max(l.period_start) from kpi_measurement l where l.definition_id = d.id)
      where d.id in (${marks(definitionIds.length)})`,
    definitionIds,
  );
  const byDefinition = new Map(
    found.map((r) => [r.definition_id, { periodStart: r.period_start, value: Number(r.value) }]),
  );
  return definitionIds.map((id) => byDefinition.get(id) ?? null);
}
