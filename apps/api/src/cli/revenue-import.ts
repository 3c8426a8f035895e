/**
 * `pnpm clave revenue import FILE.csv --user EMAIL`: actual revenue per account and month from a
 * spreadsheet or an ERP export, stored through the same use case as the `recordMonthlyRevenue`
 * mutation (same authorization, validation, upsert by month, yearly sums and audit), as the named
 * user. The CSV is read like `kpi import`'s (cli/csv.ts).
 *
 * The whole file is one transaction: every row is checked, and either all rows are stored or none
 * is, with every problem reported by line and column. Importing a file again changes nothing.
 */
import { isYearMonth, type Locale, MAX_MONTHS_PER_RECORD, type MessageKey, translate } from '@clave/domain';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { AppError, localizeIssue, ValidationError } from '../errors.js';
import { decodeId } from '../graphql/ids.js';
import { Account } from '../modules/accounts/account.entity.js';
import { visibleAccounts } from '../modules/accounts/account.service.js';
import { recordMonthlyRevenue } from '../modules/accounts/monthly-revenue.service.js';
import type { Scope, Viewer } from '../modules/auth/viewer.js';
import {
  type CsvColumns,
  type CsvRow,
  type DecimalSeparator,
  type ImportProblem,
  sortProblems,
} from './csv.js';
import { type ImportFileInput, openImportFile } from './import-file.js';

const COLUMNS: CsvColumns<'account' | 'month' | 'amount'> = {
  names: {
    account: ['account', 'cuenta'],
    month: ['month', 'mes'],
    amount: ['amount', 'importe', 'revenue', 'facturación', 'facturacion', 'ventas'],
  },
  required: ['account', 'month', 'amount'],
};
type Column = keyof typeof COLUMNS.names;

export type RevenueImportInput = ImportFileInput;

export type RevenueImportResult =
  | { readonly ok: true; readonly months: number; readonly accounts: number }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

interface PreparedRow {
  readonly line: number;
  accountId: string | null;
  month: string;
  amount: number;
  readonly problems: { column: Column; message: string }[];
}

class ImportRejected extends Error {}

/**
 * An amount as the file writes it: with the decimal separator chosen, and optionally the other
 * separator grouping thousands ("26.300.000,50" with decimal commas, "26,300,000.50" with dots).
 * Anything else is not a number (null), never a guess.
 */
export function parseAmount(text: string, decimal: DecimalSeparator): number | null {
  const pattern =
    decimal === 'comma'
      ? /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/
      : /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
  const match = pattern.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction] = match;
  const digits = whole.split(decimal === 'comma' ? '.' : ',').join('');
  const value = Number(`${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`);
  return Number.isFinite(value) ? value : null;
}

export async function importRevenueCsv(
  orm: MikroORM,
  input: RevenueImportInput,
): Promise<RevenueImportResult> {
  const { locale } = input;
  const _t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(key, locale, params);
  const opened = await openImportFile(orm, input, COLUMNS);
  if (!opened.ok) return opened;
  const { em, viewer, header, rows, decimal } = opened;
  const prepared = await prepareRows(em, viewer, rows, decimal, locale);

  // Each account's clean rows, in chunks the mutation accepts.
  const chunks: PreparedRow[][] = [];
  const byAccount = new Map<string, PreparedRow[]>();
  for (const row of prepared) {
    if (row.problems.length > 0 || !row.accountId) continue;
    byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  }
  for (const list of byAccount.values()) {
    for (let i = 0; i < list.length; i += MAX_MONTHS_PER_RECORD)
      chunks.push(list.slice(i, i + MAX_MONTHS_PER_RECORD));
  }

  let problems: ImportProblem[] = [];
  const where = (row: PreparedRow | undefined, column: Column | null) => ({
    line: row?.line ?? null,
    column: column ? (header[column] ?? column) : null,
  });
  try {
    await em.transactional(async (tx) => {
      // A transaction that lost a race is run again from scratch (db/retry.ts): start clean.
      problems = prepared.flatMap((row) =>
        row.problems.map((p) => ({ ...where(row, p.column), message: p.message })),
      );
      const scope: Scope = { em: tx, viewer, locale };
      for (const chunk of chunks) {
        try {
          // Each chunk runs in a savepoint; a refused one leaves the others' checks going on.
          await recordMonthlyRevenue(scope, {
            accountId: chunk[0]?.accountId,
            months: chunk.map((r) => ({ month: r.month, amount: r.amount })),
          });
        } catch (error) {
          if (error instanceof ValidationError) {
            for (const issue of error.issues) {
              const [, index, field] = issue.path;
              const row = typeof index === 'number' ? chunk[index] : chunk[0];
              const column: Column = field === 'month' ? 'month' : field === 'amount' ? 'amount' : 'account';
              problems.push({ ...where(row, column), message: localizeIssue(issue, locale) });
            }
          } else if (error instanceof AppError) {
            // Not found or not allowed: the account's rows, at its first line.
            problems.push({ ...where(chunk[0], 'account'), message: error.localizedMessage(locale) });
          } else throw error;
        }
      }
      if (problems.length > 0) throw new ImportRejected();
    });
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    return { ok: false, problems: sortProblems(problems) };
  }
  return { ok: true, months: prepared.length, accounts: byAccount.size };
}

/**
 * Each row's account found (by global id, or by name among the accounts the user may see), its
 * month and amount read, repeats of an account's month flagged, and what is wrong listed. Bounds
 * and authorization proper are the use case's, as for the mutation.
 */
async function prepareRows(
  em: EntityManager,
  viewer: Viewer,
  rows: readonly CsvRow<Column>[],
  decimal: DecimalSeparator,
  locale: Locale,
): Promise<PreparedRow[]> {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(key, locale, params);
  const accounts = await em.find(Account, visibleAccounts(viewer.actor));
  const byName = new Map<string, Account[]>();
  for (const account of accounts) {
    const key = account.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), account]);
  }
  const firstLine = new Map<string, number>();
  return rows.map((row): PreparedRow => {
    const problems: PreparedRow['problems'] = [];
    const out: PreparedRow = { line: row.line, accountId: null, month: '', amount: 0, problems };
    if (row.extraCells) problems.push({ column: 'amount', message: t('csvMalformed') });

    const account = row.cells.account ?? '';
    const globalId = account ? decodedAccountId(account) : null;
    if (!account) problems.push({ column: 'account', message: t('csvRequired') });
    else if (globalId) out.accountId = globalId;
    else {
      const matches = byName.get(account.toLowerCase()) ?? [];
      if (matches.length === 0)
        problems.push({ column: 'account', message: t('csvAccountUnknown', { account }) });
      else if (matches.length > 1)
        problems.push({ column: 'account', message: t('csvAccountNameAmbiguous', { account }) });
      else out.accountId = (matches[0] as Account).id;
    }

    const month = row.cells.month ?? '';
    if (!month) problems.push({ column: 'month', message: t('csvRequired') });
    else if (!isYearMonth(month))
      problems.push({ column: 'month', message: t('csvMonthFormat', { value: month }) });
    else out.month = month;

    const text = row.cells.amount ?? '';
    const amount = text ? parseAmount(text, decimal) : null;
    if (!text) problems.push({ column: 'amount', message: t('csvRequired') });
    else if (amount === null) {
      problems.push({
        column: 'amount',
        message: t('csvNotANumber', { value: text, example: decimal === 'comma' ? '1234,5' : '1234.5' }),
      });
    } else out.amount = amount;

    if (out.accountId && out.month) {
      const key = `${out.accountId}|${out.month}`;
      const seen = firstLine.get(key);
      if (seen === undefined) firstLine.set(key, row.line);
      else problems.push({ column: 'month', message: t('csvMonthRepeated', { line: seen }) });
    }
    return out;
  });
}

/** The account's database id when `text` is an Account global id (as the API returns them). */
function decodedAccountId(text: string): string | null {
  try {
    return decodeId(text, 'Account', ['account']);
  } catch {
    return null;
  }
}
