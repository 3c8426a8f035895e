import type { Locale } from '@clave/domain';
import Papa from 'papaparse';

/** One column of an export: its header (already in the viewer's language) and how to read a row. */
export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | null | undefined;
}

/**
 * Spreadsheet-ready CSV in the viewer's conventions: Spanish Excel expects `;` between fields and a
 * decimal comma, English `,` and a decimal point. Numbers carry no thousands separators (a
 * spreadsheet would read "1.234" as 1.234 in one language and 1234 in the other). A UTF-8 byte order
 * mark makes Excel read accents right. Text that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab) is prefixed with an apostrophe, so an export never executes anything.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], locale: Locale): string {
  const numbers = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 });
  const cell = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? numbers.format(value) : '';
    return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  };
  const text = Papa.unparse(
    {
      fields: columns.map((c) => cell(c.header)),
      data: rows.map((row) => columns.map((c) => cell(c.value(row)))),
    },
    { delimiter: csvDelimiter(locale), newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  // Papa ends a header-only file with a line break and a file with rows without one.
  return `\uFEFF${text.endsWith('\r\n') ? text : `${text}\r\n`}`;
}

export function csvDelimiter(locale: Locale): ';' | ',' {
  return locale === 'es' ? ';' : ',';
}

/** "clave-visits-2026-11-27.csv": safe on every file system. */
export function csvFileName(subject: string, today = new Date()): string {
  const slug = subject
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `clave-${slug || 'export'}-${today.toISOString().slice(0, 10)}.csv`;
}

/** Hands the text to the browser as a file download. */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
