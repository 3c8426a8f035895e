import { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_SOURCES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { User } from '../users/user.entity.js';

/** The columns a template and the definitions made from it share. */
/** Double precision read back as a JS number on both databases (not a string). */
const number = () => p.double().runtimeType('number').$type<number>();

const kpiColumns = {
  name: p.string().length(120),
  unit: p.string().length(30),
  direction: enumColumn(KPI_DIRECTIONS),
  frequency: enumColumn(KPI_FREQUENCIES),
  target: number().nullable(),
  amberThreshold: number().nullable(),
  redThreshold: number().nullable(),
  category: p.string().length(60),
  description: p.text().nullable(),
};

/** Company-wide KPI (admins), the usual starting point of an account's KPI definitions. */
export const KpiTemplate = defineEntity({
  name: 'KpiTemplate',
  properties: {
    id: p.uuid().primary(),
    ...kpiColumns,
    /** Inactive templates stay for the definitions made from them but are no longer offered. */
    active: p.boolean(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type KpiTemplate = InferEntity<typeof KpiTemplate>;

/** One KPI tracked for one account, copied from a template (then independent of it) or custom. */
export const KpiDefinition = defineEntity({
  name: 'KpiDefinition',
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).index(),
    /** Where the fields were copied from; later template edits do not change the definition. */
    template: () => p.manyToOne(KpiTemplate).nullable().index(),
    ...kpiColumns,
    /** Archived definitions keep their series but take no new measurements and leave `Account.kpis`. */
    archived: p.boolean(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type KpiDefinition = InferEntity<typeof KpiDefinition>;

/**
 * A value for one period of a definition. (definition, periodStart) is unique: re-sending a period
 * replaces its value.
 */
export const KpiMeasurement = defineEntity({
  name: 'KpiMeasurement',
  uniques: [{ name: 'kpi_measurement_definition_period_unique', properties: ['definition', 'periodStart'] }],
  // Covering for trends, which read a definition's values by date: no row is read (bench/README.md).
  indexes: [{ properties: ['definition', 'periodStart', 'value'] }],
  properties: {
    id: p.uuid().primary(),
    definition: () => p.manyToOne(KpiDefinition).deleteRule('cascade'),
    /** 'YYYY-MM-DD', the start of the definition's period (day, ISO week's Monday, or 1st). */
    periodStart: p.string().length(10),
    value: number(),
    source: enumColumn(KPI_SOURCES),
    recordedBy: () => p.manyToOne(User).nullable().index(),
    recordedAt: p.datetime(),
  },
});
export type KpiMeasurement = InferEntity<typeof KpiMeasurement>;
