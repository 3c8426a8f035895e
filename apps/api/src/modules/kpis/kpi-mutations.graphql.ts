import { MAX_KPI_MEASUREMENTS_PER_BATCH } from '@clave/domain';
import { ConflictError, type FieldIssue, ValidationError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import {
  KpiDefinitionRef,
  KpiDirectionEnum,
  KpiFrequencyEnum,
  KpiMeasurementRef,
  KpiTemplateRef,
} from './kpi.graphql.js';
import { correctKpiMeasurement, removeKpiMeasurement } from './kpi-correction.service.js';
import { archiveKpiDefinition, createKpiDefinition, updateKpiDefinition } from './kpi-definition.service.js';
import { type KpiMeasurementBatchResult, recordKpiMeasurements } from './kpi-measurement.service.js';
import { createKpiTemplate, listKpiTemplates, updateKpiTemplate } from './kpi-template.service.js';

builder.queryField('kpiTemplates', (t) =>
  t.field({
    type: [KpiTemplateRef],
    description: 'The company KPI templates, by category and name (any signed-in user).',
    authScopes: { tokenScope: 'read:kpis' },
    args: {
      includeInactive: t.arg.boolean({ description: 'Also list retired templates (default false).' }),
    },
    resolve: (_root, args, ctx) =>
      orGraphQLError(ctx.locale, () => listKpiTemplates(ctx, args.includeInactive ?? false)),
  }),
);

/** Drops fields left null or absent where null means "not sent" rather than "clear". */
function present(input: Record<string, unknown>, clearable: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value === null && !clearable.includes(key)) continue;
    out[key] = value;
  }
  return out;
}

const CLEARABLE = ['target', 'amberThreshold', 'redThreshold', 'description'] as const;

const CreateKpiTemplateInput = builder.inputType('CreateKpiTemplateInput', {
  description: 'A new company KPI template.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, 1–120 characters, e.g. "OTIF %".' }),
    unit: t.string({ required: true, description: 'Unit, 1–30 characters, e.g. %, EUR, days.' }),
    direction: t.field({ type: KpiDirectionEnum, required: true, description: 'Which way is good.' }),
    frequency: t.field({ type: KpiFrequencyEnum, required: true, description: 'The measuring period.' }),
    target: t.float({ description: 'Default target.' }),
    amberThreshold: t.float({ description: 'Default amber threshold (on the good side of red).' }),
    redThreshold: t.float({ description: 'Default red threshold.' }),
    category: t.string({ required: true, description: 'Grouping, 1–60 characters.' }),
    description: t.string({ description: 'What the KPI measures and how, up to 2000 characters.' }),
  }),
});

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/** The fields a KPI template and a KPI definition share when changed: one list, two inputs. */
const kpiChanges = (t: InputFields) => ({
  expectedVersion: t.int({ required: true, description: 'The version read; a stale one is a conflict.' }),
  name: t.string({ description: 'New name.' }),
  unit: t.string({ description: 'New unit.' }),
  direction: t.field({ type: KpiDirectionEnum, description: 'New direction.' }),
  frequency: t.field({ type: KpiFrequencyEnum, description: 'New measuring period.' }),
  target: t.float({ description: 'New target (null clears).' }),
  amberThreshold: t.float({ description: 'New amber threshold (null clears).' }),
  redThreshold: t.float({ description: 'New red threshold (null clears).' }),
  category: t.string({ description: 'New category.' }),
  description: t.string({ description: 'New description (null clears).' }),
});

const UpdateKpiTemplateInput = builder.inputType('UpdateKpiTemplateInput', {
  description: 'Only the fields given change; null clears target, thresholds or description.',
  fields: (t) => ({
    ...kpiChanges(t),
    active: t.boolean({ description: 'False retires the template from the picker; definitions stay.' }),
  }),
});

builder.mutationField('createKpiTemplate', (t) =>
  t.field({
    type: KpiTemplateRef,
    description: 'Creates a company KPI template (admins only).',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateKpiTemplateInput, required: true, description: 'The template.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => createKpiTemplate(ctx, present(input)),
  }),
);

builder.mutationField('updateKpiTemplate', (t) =>
  t.field({
    type: KpiTemplateRef,
    description: 'Changes a KPI template (admins only); KPIs already made from it keep their own fields.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the template.' }),
      input: t.arg({ type: UpdateKpiTemplateInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) =>
      updateKpiTemplate(ctx, decodeId(id, 'KpiTemplate'), present(input, CLEARABLE)),
  }),
);

const CreateKpiDefinitionInput = builder.inputType('CreateKpiDefinitionInput', {
  description:
    "A KPI for an account. With `templateId` the template's fields are copied and any field given " +
    'overrides them; without it (a custom KPI) name, unit, direction, frequency and category are required.',
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    templateId: t.id({ description: 'Global id of an active KPI template to start from.' }),
    name: t.string({ description: 'Name, 1–120 characters.' }),
    unit: t.string({ description: 'Unit, 1–30 characters.' }),
    direction: t.field({ type: KpiDirectionEnum, description: 'Which way is good.' }),
    frequency: t.field({ type: KpiFrequencyEnum, description: 'The measuring period.' }),
    target: t.float({ description: 'Target value.' }),
    amberThreshold: t.float({ description: 'Amber threshold (on the good side of red).' }),
    redThreshold: t.float({ description: 'Red threshold.' }),
    category: t.string({ description: 'Grouping, 1–60 characters.' }),
    description: t.string({ description: 'What the KPI measures and how.' }),
  }),
});

const UpdateKpiDefinitionInput = builder.inputType('UpdateKpiDefinitionInput', {
  description: 'Only the fields given change; null clears target, thresholds or description.',
  fields: kpiChanges,
});

builder.mutationField('createKpiDefinition', (t) =>
  t.field({
    type: KpiDefinitionRef,
    description: "Adds a KPI to an account (the account's KAMs and their manager).",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateKpiDefinitionInput, required: true, description: 'The KPI.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => {
      const data = present(input);
      data.accountId = decodeId(input.accountId, 'Account', ['accountId']);
      if (input.templateId) data.templateId = decodeId(input.templateId, 'KpiTemplate', ['templateId']);
      return createKpiDefinition(ctx, data);
    },
  }),
);

builder.mutationField('updateKpiDefinition', (t) =>
  t.field({
    type: KpiDefinitionRef,
    description: "Changes an account's KPI; stored measurements keep their values.",
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the KPI definition.' }),
      input: t.arg({ type: UpdateKpiDefinitionInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) =>
      updateKpiDefinition(ctx, decodeId(id, 'KpiDefinition'), present(input, CLEARABLE)),
  }),
);

builder.mutationField('archiveKpiDefinition', (t) =>
  t.field({
    type: KpiDefinitionRef,
    description: 'Archives a KPI: its series stays, it takes no more values. Archiving twice is harmless.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the KPI definition.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => archiveKpiDefinition(ctx, decodeId(id, 'KpiDefinition')),
  }),
);

const KpiMeasurementInput = builder.inputType('KpiMeasurementInput', {
  description: 'One value for one period of a KPI.',
  fields: (t) => ({
    kpiDefinitionId: t.id({ required: true, description: 'Global id of the KPI definition.' }),
    periodStart: t.string({
      required: true,
      description:
        "Any day of the period, 'YYYY-MM-DD', from 1990-01-01 to the end of the KPI's current period; " +
        "it is stored as the period's start.",
    }),
    value: t.float({ required: true, description: "The value, in the KPI's unit." }),
  }),
});

const RecordKpiMeasurementsInput = builder.inputType('RecordKpiMeasurementsInput', {
  description: `Up to ${MAX_KPI_MEASUREMENTS_PER_BATCH} measurements, stored all together or not at all.`,
  fields: (t) => ({
    measurements: t.field({
      type: [KpiMeasurementInput],
      required: true,
      description: 'The values; one per KPI and period.',
    }),
  }),
});

const KpiMeasurementBatchRef = builder.objectRef<KpiMeasurementBatchResult>('KpiMeasurementBatch').implement({
  description: 'What a batch of measurements did.',
  fields: (t) => ({
    stored: t.exposeInt('stored', { description: 'Rows stored: created + updated, i.e. every row sent.' }),
    created: t.exposeInt('created', { description: 'Rows for periods that had no value yet.' }),
    updated: t.exposeInt('updated', { description: 'Rows that replaced the value of a period.' }),
  }),
});

builder.mutationField('recordKpiMeasurements', (t) =>
  t.field({
    type: KpiMeasurementBatchRef,
    description:
      'Records KPI values in bulk. Re-sending a period replaces its value, never duplicates it. Any bad ' +
      'row fails the whole batch with a ValidationError naming each bad row as ["measurements", i, field].',
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: RecordKpiMeasurementsInput, required: true, description: 'The measurements.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) => {
      // Every malformed id is reported, not just the first, like any other bad row.
      const issues: FieldIssue[] = [];
      const measurements = input.measurements.map((m, i) => {
        // A placeholder the schema accepts; the row is skipped and reported with the issue below.
        let kpiDefinitionId = '00000000-0000-4000-8000-000000000000';
        try {
          kpiDefinitionId = decodeId(m.kpiDefinitionId, 'KpiDefinition', [
            'measurements',
            i,
            'kpiDefinitionId',
          ]);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          issues.push(...error.issues);
        }
        return { kpiDefinitionId, periodStart: m.periodStart, value: m.value };
      });
      return recordKpiMeasurements(ctx, { measurements }, issues);
    },
  }),
);

const CorrectKpiMeasurementInput = builder.inputType('CorrectKpiMeasurementInput', {
  description: 'A new value for a period of a KPI that already holds one.',
  fields: (t) => ({
    kpiDefinitionId: t.id({ required: true, description: 'Global id of the KPI definition.' }),
    period: t.string({
      required: true,
      description:
        "Any day of the period, 'YYYY-MM-DD', between 1990-01-01 and the end of the KPI's current period.",
    }),
    value: t.float({ required: true, description: "The corrected value, in the KPI's unit." }),
    expectedValue: t.float({
      description: 'The value as read; if another value is stored now, nothing changes (ValidationError).',
    }),
  }),
});

const RemoveKpiMeasurementInput = builder.inputType('RemoveKpiMeasurementInput', {
  description: 'The period of a KPI whose value is removed.',
  fields: (t) => ({
    kpiDefinitionId: t.id({ required: true, description: 'Global id of the KPI definition.' }),
    period: t.string({
      required: true,
      description: "Any day of the period, 'YYYY-MM-DD' (any date: this is how a mistyped date is undone).",
    }),
    expectedValue: t.float({
      description: 'The value as read; if another value is stored now, nothing changes (ValidationError).',
    }),
  }),
});

builder.mutationField('correctKpiMeasurement', (t) =>
  t.field({
    type: KpiMeasurementRef,
    description:
      "Replaces the value stored for one period of a KPI (people who may record the account's KPIs; not " +
      'API tokens). The audit trail keeps the old value (KpiDefinition.history: action CORRECT, entity KpiMeasurement).',
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: CorrectKpiMeasurementInput, required: true, description: 'The correction.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) =>
      correctKpiMeasurement(ctx, {
        ...input,
        kpiDefinitionId: decodeId(input.kpiDefinitionId, 'KpiDefinition', ['kpiDefinitionId']),
      }),
  }),
);

builder.mutationField('removeKpiMeasurement', (t) =>
  t.field({
    type: KpiDefinitionRef,
    description:
      "Removes the value stored for one period of a KPI and returns the KPI (people who may record the account's " +
      'KPIs; not API tokens). The audit trail keeps the removed value (KpiDefinition.history: action REMOVE).',
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: RemoveKpiMeasurementInput, required: true, description: 'The period.' }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) =>
      removeKpiMeasurement(ctx, {
        ...input,
        kpiDefinitionId: decodeId(input.kpiDefinitionId, 'KpiDefinition', ['kpiDefinitionId']),
      }),
  }),
);
