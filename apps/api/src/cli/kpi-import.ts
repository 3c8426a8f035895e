/**
 * `pnpm clave kpi import FILE.csv --user EMAIL`: KPI measurements from a spreadsheet or an ERP
 * export, stored through the same use case as the `recordKpiMeasurements` mutation (same
 * authorization, validation, upsert by period and audit), as the named user.
 *
 * The whole file is one transaction: every row is checked, and either all rows are stored or none
 * is, with every problem reported by line and column. A file of more than 10,000 rows (the
 * mutation's batch limit) is recorded in batches of 10,000 inside that one transaction, so it is
 * still all or nothing. The import is idempotent: importing a file again replaces each period's
 * value with the same value and adds nothing.
 */
import {
  canReadAccount,
  type KpiFrequency,
  type Locale,
  MAX_KPI_MEASUREMENTS_PER_BATCH,
  type MessageKey,
  periodStart,
  translate,
} from '@clave/domain';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { type FieldIssue, localizeIssue, ValidationError } from '../errors.js';
import { decodeId } from '../graphql/ids.js';
import { Account } from '../modules/accounts/account.entity.js';
import { accessFacts, visibleAccounts } from '../modules/accounts/account.service.js';
import type { Scope, Viewer } from '../modules/auth/viewer.js';
import { KpiDefinition } from '../modules/kpis/kpi.entity.js';
import {
  type KpiMeasurementBatchResult,
  recordKpiMeasurements,
} from '../modules/kpis/kpi-measurement.service.js';
import {
  type CsvColumns,
  type CsvRow,
  type DecimalSeparator,
  type ImportProblem,
  parseNumber,
  sortProblems,
} from './csv.js';
import { type ImportFileInput, openImportFile } from './import-file.js';

export { type DecimalSeparator, formatProblems, type ImportProblem } from './csv.js';

/** The columns, by what the header may call them (English or Spanish, any case). */
const COLUMN_NAMES = {
  account: ['account', 'cuenta'],
  kpi: ['kpi'],
  period: ['period', 'periodo', 'período'],
  value: ['value', 'valor'],
} as const;
type Column = keyof typeof COLUMN_NAMES;
const COLUMNS: CsvColumns<Column> = { names: COLUMN_NAMES, required: ['kpi', 'period', 'value'] };

/** A schema-valid stand-in for a row already known to be bad; the service skips such rows. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

export type KpiImportInput = ImportFileInput;

export type KpiImportResult =
  | {
      readonly ok: true;
      readonly result: KpiMeasurementBatchResult;
      readonly rows: number;
      readonly batches: number;
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** The rows ready for the service, with what was already found wrong with them. */
interface PreparedRow {
  readonly line: number;
  kpiDefinitionId: string;
  periodStart: string;
  value: number;
  readonly problems: { column: Column; message: string }[];
  definition: KpiDefinition | null;
}

class ImportRejected extends Error {}

export async function importKpiCsv(orm: MikroORM, input: KpiImportInput): Promise<KpiImportResult> {
  const { locale } = input;
  const opened = await openImportFile(orm, input, COLUMNS);
  if (!opened.ok) return opened;
  const { em, viewer, header, rows, decimal } = opened;

  const prepared = await prepareRows(em, viewer, rows, decimal, locale);
  const batches: PreparedRow[][] = [];
  for (let i = 0; i < prepared.length; i += MAX_KPI_MEASUREMENTS_PER_BATCH) {
    batches.push(prepared.slice(i, i + MAX_KPI_MEASUREMENTS_PER_BATCH));
  }
  const repeated = (line: number) => translate('csvPeriodRepeated', locale, { line });
  const firstLines = flagRepeatsAcrossBatches(batches, repeated);

  let problems: ImportProblem[] = [];
  const totals = { stored: 0, created: 0, updated: 0 };
  try {
    await em.transactional(async (tx) => {
      // A transaction that lost a race is run again from scratch (db/retry.ts): start clean.
      problems = [];
      Object.assign(totals, { stored: 0, created: 0, updated: 0 });
      const scope: Scope = { em: tx, viewer, locale };
      for (const batch of batches) {
        const known: FieldIssue[] = [];
        batch.forEach((row, i) => {
          for (const p of row.problems) {
            problems.push({ line: row.line, column: header[p.column] ?? p.column, message: p.message });
          }
          if (row.problems.length > 0)
            known.push({ path: ['measurements', i, 'kpiDefinitionId'], message: 'invalidInput' });
        });
        const measurements = batch.map((r) => ({
          kpiDefinitionId: r.kpiDefinitionId,
          periodStart: r.periodStart,
          value: r.value,
        }));
        try {
          // Each batch runs in a savepoint; a rejected batch leaves the others' checks going on.
          const stored = await recordKpiMeasurements(scope, { measurements }, known, 'IMPORT');
          totals.stored += stored.stored;
          totals.created += stored.created;
          totals.updated += stored.updated;
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const ours = new Set(known);
          for (const issue of error.issues) {
            if (ours.has(issue)) continue;
            const [, index, field] = issue.path;
            const row = typeof index === 'number' ? batch[index] : undefined;
            const column = field === 'kpiDefinitionId' ? 'kpi' : field === 'periodStart' ? 'period' : 'value';
            // The service says "another row of this batch"; a file's reader wants the line.
            const firstLine = row && issue.message === 'kpiPeriodRepeated' ? firstLines.get(row) : undefined;
            problems.push({
              line: row?.line ?? null,
              column: row ? (header[column] ?? column) : null,
              message: firstLine ? repeated(firstLine) : localizeIssue(issue, locale),
            });
          }
        }
      }
      // Nothing of a file with any problem is kept: the batches already written are undone.
      if (problems.length > 0) throw new ImportRejected();
    });
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    return { ok: false, problems: sortProblems(problems) };
  }
  return { ok: true, result: totals, rows: prepared.length, batches: batches.length };
}

/**
 * Each row's KPI found (by global id, or by account and KPI name among the accounts the user may
 * see), its number read, and what is wrong with it listed. Authorization proper (may this user
 * write to this KPI?) is the service's, as for the mutation.
 */
async function prepareRows(
  em: EntityManager,
  viewer: Viewer,
  rows: readonly CsvRow<Column>[],
  decimal: DecimalSeparator,
  locale: Locale,
): Promise<PreparedRow[]> {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(key, locale, params);
  const accountNames = [
    ...new Set(rows.flatMap((r) => (r.cells.account ? [r.cells.account.toLowerCase()] : []))),
  ];
  const accounts = accountNames.length ? await em.find(Account, visibleAccounts(viewer.actor)) : [];
  const byName = new Map<string, Account[]>();
  for (const account of accounts) {
    const key = account.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), account]);
  }
  const namedDefinitions = accountNames.length
    ? await em.find(KpiDefinition, { account: { $in: accounts.map((a) => a.id) } })
    : [];

  const prepared = rows.map((row): PreparedRow => {
    const problems: PreparedRow['problems'] = [];
    const out: PreparedRow = {
      line: row.line,
      kpiDefinitionId: PLACEHOLDER_ID,
      periodStart: '2000-01-01',
      value: 0,
      problems,
      definition: null,
    };
    if (row.extraCells) problems.push({ column: 'value', message: t('csvMalformed') });
    const kpi = row.cells.kpi ?? '';
    const account = row.cells.account ?? '';
    const globalId = kpi ? decodedKpiId(kpi) : null;
    if (!kpi) problems.push({ column: 'kpi', message: t('csvRequired') });
    else if (globalId) out.kpiDefinitionId = globalId;
    else if (!account) problems.push({ column: 'kpi', message: t('csvKpiNeedsAccount') });
    else {
      const matches = byName.get(account.toLowerCase()) ?? [];
      if (matches.length === 0)
        problems.push({ column: 'account', message: t('csvAccountUnknown', { account }) });
      else if (matches.length > 1)
        problems.push({ column: 'account', message: t('csvAccountAmbiguous', { account }) });
      else {
        const owner = matches[0] as Account;
        const named = namedDefinitions.filter(
          (d) => d.account.id === owner.id && d.name.trim().toLowerCase() === kpi.toLowerCase(),
        );
        // An archived KPI and a live one of the same name: the live one is meant.
        const live = named.filter((d) => !d.archived);
        const candidates = live.length > 0 ? live : named;
        if (candidates.length === 0)
          problems.push({ column: 'kpi', message: t('csvKpiUnknown', { kpi, account }) });
        else if (candidates.length > 1)
          problems.push({ column: 'kpi', message: t('csvKpiAmbiguous', { kpi, account }) });
        else {
          out.definition = candidates[0] as KpiDefinition;
          out.kpiDefinitionId = out.definition.id;
        }
      }
    }

    const period = row.cells.period ?? '';
    if (!period) problems.push({ column: 'period', message: t('csvRequired') });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(period))
      problems.push({ column: 'period', message: t('csvPeriodFormat', { value: period }) });
    else out.periodStart = period;

    const text = row.cells.value ?? '';
    const value = text ? parseNumber(text, decimal) : null;
    if (!text) problems.push({ column: 'value', message: t('csvRequired') });
    else if (value === null) {
      problems.push({
        column: 'value',
        message: t('csvNotANumber', { value: text, example: decimal === 'comma' ? '1234,5' : '1234.5' }),
      });
    } else out.value = value;
    return out;
  });

  // KPIs given by global id: loaded to know their period (for repeats across batches) when visible.
  const byId = prepared.filter((r) => !r.definition && r.kpiDefinitionId !== PLACEHOLDER_ID);
  if (byId.length > 0) {
    const ids = [...new Set(byId.map((r) => r.kpiDefinitionId))];
    const found = await em.find(
      KpiDefinition,
      { id: { $in: ids } },
      { populate: ['account', 'account.owner', 'account.supporters'] },
    );
    const readable = new Map(
      found.filter((d) => canReadAccount(viewer.actor, accessFacts(d.account))).map((d) => [d.id, d]),
    );
    for (const row of byId) row.definition = readable.get(row.kpiDefinitionId) ?? null;
  }
  return prepared;
}

/**
 * The service finds the same KPI and period twice within a batch; this finds it across batches
 * (files over 10,000 rows), with periods reduced to the KPI's frequency as the service does.
 * Returns, for each repeating row, the line that first had its KPI and period.
 */
function flagRepeatsAcrossBatches(
  batches: readonly PreparedRow[][],
  message: (firstLine: number) => string,
): Map<PreparedRow, number> {
  const first = new Map<string, { batch: number; line: number }>();
  const repeats = new Map<PreparedRow, number>();
  batches.forEach((batch, b) => {
    for (const row of batch) {
      if (!row.definition || row.problems.length > 0 || !isCalendarDate(row.periodStart)) continue;
      const key = `${row.definition.id}|${periodStart(row.periodStart, row.definition.frequency as KpiFrequency)}`;
      const seen = first.get(key);
      if (!seen) first.set(key, { batch: b, line: row.line });
      else {
        repeats.set(row, seen.line);
        if (seen.batch !== b) row.problems.push({ column: 'period', message: message(seen.line) });
      }
    }
  });
  return repeats;
}

/** The KPI's database id when `text` is a KpiDefinition global id (as the API returns them). */
function decodedKpiId(text: string): string | null {
  try {
    return decodeId(text, 'KpiDefinition', ['kpi']);
  } catch {
    return null;
  }
}

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
