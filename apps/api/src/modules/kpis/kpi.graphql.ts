import type { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_SOURCES, KPI_STATUSES, KpiTrend } from '@clave/domain';
import { kpiAttainment, kpiStatus, planHorizon } from '@clave/domain';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError } from '../../graphql/errors.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { activePlanByAccount } from '../plans/plan.service.js';
import type { KpiDefinition, KpiMeasurement, KpiTemplate } from './kpi.entity.js';
import { kpiDefinitionsByAccount, loadKpiDefinitions } from './kpi-definition.service.js';
import {
  latestMeasurements,
  type MeasurementRange,
  type MeasurementValue,
  measurementsInRanges,
  measurementValuesInRanges,
} from './kpi-measurement.service.js';
import { loadKpiTemplates } from './kpi-template.service.js';
import {
  computeTrend,
  measurementRange,
  todayIso,
  trendDefinition,
  trendRequest,
} from './kpi-trend.service.js';

export const KpiDirectionEnum = builder.enumType('KpiDirection', {
  description: 'Which way is good for a KPI.',
  values: {
    HIGHER_IS_BETTER: { description: 'More is better (revenue, OTIF %, NPS).' },
    LOWER_IS_BETTER: { description: 'Less is better (days of inventory, out-of-stocks).' },
  } satisfies Record<(typeof KPI_DIRECTIONS)[number], { description: string }>,
});
export const KpiFrequencyEnum = builder.enumType('KpiFrequency', {
  description: 'The period a KPI is measured over; every measurement belongs to one period.',
  values: {
    DAILY: { description: 'One value per day.' },
    WEEKLY: { description: 'One value per ISO week, dated by its Monday.' },
    MONTHLY: { description: 'One value per calendar month, dated by its 1st.' },
  } satisfies Record<(typeof KPI_FREQUENCIES)[number], { description: string }>,
});
export const KpiSourceEnum = builder.enumType('KpiSource', {
  description: 'Where a measurement came from.',
  values: {
    MANUAL: { description: 'Typed in the app by a user.' },
    IMPORT: { description: 'Loaded from a file import.' },
    API: { description: 'Pushed by another system through the API.' },
  } satisfies Record<(typeof KPI_SOURCES)[number], { description: string }>,
});
export const KpiStatusEnum = builder.enumType('KpiStatus', {
  description: "A value's standing against the KPI's amber and red thresholds.",
  values: {
    GREEN: { description: 'On the good side of every threshold.' },
    AMBER: { description: 'Past the amber threshold: watch it.' },
    RED: { description: 'Past the red threshold: act on it.' },
  } satisfies Record<(typeof KPI_STATUSES)[number], { description: string }>,
});

export const KpiTemplateRef = builder.loadableNode('KpiTemplate', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:kpis' },
  description: 'A company-wide KPI (managed by admins) from which account KPIs are made.',
  id: { resolve: (template) => template.id },
  isTypeOf: isEntity('KpiTemplate'),
  load: (ids: string[], ctx: Context) => loadKpiTemplates(ctx, ids) as Promise<KpiTemplate[]>,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name, e.g. "Margen bruto %".' }),
    unit: t.exposeString('unit', { description: "The values' unit, e.g. EUR, %, units, days." }),
    direction: t.field({
      type: KpiDirectionEnum,
      description: 'Which way is good.',
      resolve: (k) => k.direction,
    }),
    frequency: t.field({
      type: KpiFrequencyEnum,
      description: 'The measuring period.',
      resolve: (k) => k.frequency,
    }),
    target: t.float({
      nullable: true,
      description: 'Default target value, if any.',
      resolve: (k) => k.target,
    }),
    amberThreshold: t.float({
      nullable: true,
      description: 'Default value past which the status turns AMBER.',
      resolve: (k) => k.amberThreshold,
    }),
    redThreshold: t.float({
      nullable: true,
      description: 'Default value past which the status turns RED.',
      resolve: (k) => k.redThreshold,
    }),
    category: t.exposeString('category', { description: 'Grouping, e.g. Revenue, Supply chain.' }),
    description: t.string({
      nullable: true,
      description: 'What the KPI measures and how.',
      resolve: (k) => k.description ?? null,
    }),
    active: t.exposeBoolean('active', { description: 'Whether it is offered for new account KPIs.' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion when updating.' }),
  }),
});

export const KpiMeasurementRef = builder.objectRef<KpiMeasurement>('KpiMeasurement').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:kpis' },
  description: 'One value of a KPI for one period. Re-sending the period replaces it.',
  fields: (t) => ({
    periodStart: t.exposeString('periodStart', { description: "Start of the period, 'YYYY-MM-DD'." }),
    value: t.exposeFloat('value', { description: "The value, in the KPI's unit." }),
    source: t.field({
      type: KpiSourceEnum,
      description: 'Where the value came from.',
      resolve: (m) => m.source,
    }),
    recordedAt: t.expose('recordedAt', {
      type: 'DateTime',
      description: 'When the value was last recorded.',
    }),
  }),
});

type Point = { readonly periodStart: string; readonly value: number | null };
const KpiPointRef = builder.objectRef<Point>('KpiPoint').implement({
  description: 'A period of a series; a value of null is a gap (nothing measured), never a zero.',
  fields: (t) => ({
    periodStart: t.exposeString('periodStart', { description: "Start of the period, 'YYYY-MM-DD'." }),
    value: t.float({ nullable: true, description: 'The value, or null for a gap.', resolve: (p) => p.value }),
  }),
});

type Change = NonNullable<KpiTrend['changeFromPreviousPeriod']>;
const KpiChangeRef = builder.objectRef<Change>('KpiChange').implement({
  description: 'The latest value compared with an earlier period.',
  fields: (t) => ({
    basePeriodStart: t.exposeString('basePeriodStart', { description: 'The period compared with.' }),
    base: t.float({
      nullable: true,
      description: 'Its value; null when it is a gap.',
      resolve: (c) => c.base,
    }),
    absolute: t.float({ nullable: true, description: 'Latest minus base.', resolve: (c) => c.absolute }),
    relative: t.float({
      nullable: true,
      description: '(latest − base) / |base|, e.g. 0.05 for +5%; null when the base is missing or zero.',
      resolve: (c) => c.relative,
    }),
  }),
});

type Attainment = NonNullable<KpiTrend['attainment']>;
const KpiAttainmentRef = builder.objectRef<Attainment>('KpiAttainment').implement({
  description: 'The latest value against the target.',
  fields: (t) => ({
    ratio: t.float({
      nullable: true,
      description:
        'value/target (target/value when lower is better); 1 is on target; null where meaningless.',
      resolve: (a) => a.ratio,
    }),
    met: t.exposeBoolean('met', {
      description: 'Whether the value is at or on the good side of the target.',
    }),
  }),
});

type Forecast = NonNullable<KpiTrend['forecast']>;
const KpiForecastRef = builder.objectRef<Forecast>('KpiForecast').implement({
  description: 'A straight-line (least squares) projection of the window to a later period.',
  fields: (t) => ({
    periodStart: t.exposeString('periodStart', { description: 'The period forecast.' }),
    value: t.exposeFloat('value', { description: 'The projected value.' }),
    slopePerPeriod: t.exposeFloat('slopePerPeriod', { description: 'Change per period of the fitted line.' }),
    pointsUsed: t.exposeInt('pointsUsed', { description: 'Measured periods the line was fitted to.' }),
    points: t.field({
      type: [KpiPointRef],
      description:
        'The fitted line at every period after the window up to and including the forecast period, ' +
        "in order (e.g. month by month to the plan's end); empty when that period lies inside the window.",
      resolve: (f) => [...f.points],
    }),
  }),
});

const KpiTrendRef = builder.objectRef<KpiTrend>('KpiTrend').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:kpis' },
  description: "A KPI's series over a window with its derived numbers, computed by the shared domain math.",
  fields: (t) => ({
    frequency: t.field({
      type: KpiFrequencyEnum,
      description: 'The period of the points.',
      resolve: (k) => k.frequency,
    }),
    from: t.string({ description: "First day of the window, 'YYYY-MM-DD'.", resolve: (k) => k.window.from }),
    to: t.string({ description: "Last day of the window, 'YYYY-MM-DD'.", resolve: (k) => k.window.to }),
    points: t.field({
      type: [KpiPointRef],
      description: 'Every period of the window in order; gaps have a null value.',
      resolve: (k) => [...k.points],
    }),
    gapCount: t.exposeInt('gapCount', { description: 'Periods of the window without a value.' }),
    latest: t.field({
      type: KpiPointRef,
      nullable: true,
      description: 'The most recent measured period of the window.',
      resolve: (k) => k.latest,
    }),
    movingAverageWindow: t.exposeInt('movingAverageWindow', { description: 'Values averaged per point.' }),
    movingAverage: t.field({
      type: [KpiPointRef],
      description: 'Moving average aligned with `points`; null at gaps and until enough values exist.',
      resolve: (k) => [...k.movingAverage],
    }),
    changeVsPrevious: t.field({
      type: KpiChangeRef,
      nullable: true,
      description: 'Latest vs the period before it.',
      resolve: (k) => k.changeFromPreviousPeriod,
    }),
    changeVsLastYear: t.field({
      type: KpiChangeRef,
      nullable: true,
      description: 'Latest vs the same period a year earlier (52 weeks for weekly KPIs).',
      resolve: (k) => k.changeFromLastYear,
    }),
    attainment: t.field({
      type: KpiAttainmentRef,
      nullable: true,
      description: 'Latest vs target; null without a target or a value.',
      resolve: (k) => k.attainment,
    }),
    status: t.field({
      type: KpiStatusEnum,
      nullable: true,
      description: 'Status of the latest value; null without thresholds or a value.',
      resolve: (k) => k.status,
    }),
    forecast: t.field({
      type: KpiForecastRef,
      nullable: true,
      description:
        'Projection to `forecastTo` (or the active plan’s end with `forecastToPlanEnd`; default: the ' +
        'period after the window); null with < 2 values.',
      resolve: (k) => k.forecast,
    }),
  }),
});

interface Latest {
  readonly measurement: MeasurementValue;
  readonly definition: KpiDefinition;
}
const KpiLatestRef = builder.objectRef<Latest>('KpiLatest').implement({
  description: "A KPI's most recent measurement with its status, for tiles.",
  fields: (t) => ({
    periodStart: t.string({ description: 'Its period.', resolve: (l) => l.measurement.periodStart }),
    value: t.float({ description: 'Its value.', resolve: (l) => l.measurement.value }),
    status: t.field({
      type: KpiStatusEnum,
      nullable: true,
      description: 'Its status; null when the KPI has no thresholds.',
      resolve: (l) => kpiStatus(l.measurement.value, trendDefinition(l.definition)),
    }),
    attainment: t.field({
      type: KpiAttainmentRef,
      nullable: true,
      description: 'Against the target; null without one.',
      resolve: (l) => kpiAttainment(l.measurement.value, l.definition.target ?? null, l.definition.direction),
    }),
  }),
});

/**
 * One loader per request for measurement ranges, so the trends or series of all the KPIs on a page
 * cost one query together (ranges differ only by the arguments, which a page shares).
 */
const rangeLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<MeasurementRange, KpiMeasurement[], string>(
      (ranges) => measurementsInRanges(ctx.em, ranges),
      {
        cacheKeyFn: (r) => `${r.definitionId}|${r.from}|${r.to}`,
      },
    ),
);

/** The same for trends, which need only periods and values: plain rows, no entities. */
const valuesLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<MeasurementRange, MeasurementValue[], string>(
      (ranges) => measurementValuesInRanges(ctx.em, ranges),
      { cacheKeyFn: (r) => `${r.definitionId}|${r.from}|${r.to}` },
    ),
);

/** The last day of each account's ACTIVE plan (null without one), batched per request. */
const planEndLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, string | null>(async (accountIds) =>
      (await activePlanByAccount(ctx.em, accountIds)).map((plan) =>
        plan ? planHorizon(plan.startMonth, plan.horizonMonths).end : null,
      ),
    ),
);

export const KpiDefinitionRef = builder.loadableNode('KpiDefinition', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:kpis' },
  description: 'A KPI tracked for one account, made from a template or custom.',
  id: { resolve: (definition) => definition.id },
  isTypeOf: isEntity('KpiDefinition'),
  // Null for KPIs of accounts the viewer may not see: `node` then answers null.
  load: (ids: string[], ctx: Context) => loadKpiDefinitions(ctx, ids) as Promise<KpiDefinition[]>,
  fields: (t) => ({
    account: t.field({
      type: AccountRef,
      description: 'The account the KPI belongs to.',
      resolve: (d, _args, ctx) => AccountRef.getDataloader(ctx).load(d.account.id),
    }),
    template: t.field({
      type: KpiTemplateRef,
      nullable: true,
      description: 'The template its fields were copied from; null for a custom KPI.',
      resolve: (d, _args, ctx) => (d.template ? KpiTemplateRef.getDataloader(ctx).load(d.template.id) : null),
    }),
    name: t.exposeString('name', { description: 'Name shown on the tile.' }),
    unit: t.exposeString('unit', { description: "The values' unit." }),
    direction: t.field({
      type: KpiDirectionEnum,
      description: 'Which way is good.',
      resolve: (k) => k.direction,
    }),
    frequency: t.field({
      type: KpiFrequencyEnum,
      description: 'The measuring period.',
      resolve: (k) => k.frequency,
    }),
    target: t.float({ nullable: true, description: 'Target value, if any.', resolve: (k) => k.target }),
    amberThreshold: t.float({
      nullable: true,
      description: 'Value past which the status turns AMBER.',
      resolve: (k) => k.amberThreshold,
    }),
    redThreshold: t.float({
      nullable: true,
      description: 'Value past which the status turns RED.',
      resolve: (k) => k.redThreshold,
    }),
    category: t.exposeString('category', { description: 'Grouping, e.g. Revenue, Supply chain.' }),
    description: t.string({
      nullable: true,
      description: 'What the KPI measures and how.',
      resolve: (k) => k.description ?? null,
    }),
    archived: t.exposeBoolean('archived', {
      description: 'Archived KPIs keep their series but take no values.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the KPI was set up.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to its definition.' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion when updating.' }),
    latest: t.loadable({
      type: KpiLatestRef,
      nullable: true,
      description: 'The most recent measurement and its status; null before the first one.',
      load: async (definitions: KpiDefinition[], ctx: Context) => {
        const latest = await latestMeasurements(
          ctx.em,
          definitions.map((d) => d.id),
        );
        return latest.map((m, i) =>
          m ? { measurement: m, definition: definitions[i] as KpiDefinition } : null,
        );
      },
      resolve: (d) => d,
    }),
    measurements: t.field({
      type: [KpiMeasurementRef],
      description: "Stored measurements between two dates (inclusive, 'YYYY-MM-DD'), oldest first.",
      args: {
        from: t.arg.string({ required: true, description: "First day, 'YYYY-MM-DD'." }),
        to: t.arg.string({ required: true, description: "Last day, 'YYYY-MM-DD'." }),
      },
      resolve: (d, args, ctx) =>
        orGraphQLError(ctx.locale, async () => {
          const range = measurementRange(d.id, args.from, args.to);
          return rangeLoader(ctx).load(range);
        }),
    }),
    trend: t.field({
      type: KpiTrendRef,
      description:
        'The series over a window (the last `months` calendar months, default 12, or `from`–`to`) with ' +
        'moving average, changes, attainment, status and forecast. Loads only the window and the year ' +
        'before it; the trends of all KPIs on a page are loaded together.',
      args: {
        months: t.arg.int({ description: 'Calendar months up to today, 1–120 (default 12).' }),
        from: t.arg.string({ description: "First day, 'YYYY-MM-DD' (with `to`, instead of `months`)." }),
        to: t.arg.string({ description: "Last day, 'YYYY-MM-DD' (with `from`)." }),
        movingAverageWindow: t.arg.int({
          description: 'Periods per moving-average point, 1–60 (default 7 days, 4 weeks or 3 months).',
        }),
        forecastTo: t.arg.string({
          description: "Date to forecast to, 'YYYY-MM-DD', e.g. the plan's end (default: the next period).",
        }),
        forecastToPlanEnd: t.arg.boolean({
          description:
            "Forecast to the last day of the account's ACTIVE plan (not with `forecastTo`); without an " +
            'active plan ending after the window, the forecast stays on the next period.',
        }),
      },
      resolve: (d, args, ctx) =>
        orGraphQLError(ctx.locale, async () => {
          const planEnd = args.forecastToPlanEnd ? await planEndLoader(ctx).load(d.account.id) : null;
          const request = trendRequest(d, args, todayIso(), planEnd);
          const measurements = await valuesLoader(ctx).load(request.range);
          return computeTrend(d, request, measurements);
        }),
    }),
  }),
});

builder.objectField(AccountRef, 'kpis', (t) =>
  t.loadableList({
    type: KpiDefinitionRef,
    description: "The account's KPIs (not archived), by category and name.",
    load: (ids: string[], ctx: Context) => kpiDefinitionsByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
);
