/**
 * Reading a CSV file from a spreadsheet or an ERP export, shared by the command line's imports
 * (`kpi import`, `revenue import`): the encoding (UTF-8 or Windows-1252), the separator (`;`, tab
 * or `,`), a header naming the columns in English or Spanish, and problems reported by line and
 * column in the user's language.
 */
import { type Locale, type MessageKey, translate } from '@clave/domain';
import { CsvError, parse } from 'csv-parse/sync';

export type DecimalSeparator = 'comma' | 'dot';

/** The columns of a file, by what the header may call them (any case), and which are required. */
export interface CsvColumns<Column extends string> {
  readonly names: Readonly<Record<Column, readonly string[]>>;
  readonly required: readonly Column[];
}

/** One problem: where (1-based line of the file, the column as the header names it) and what. */
export interface ImportProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** A data row as read from the file. */
export interface CsvRow<Column extends string> {
  readonly line: number;
  readonly cells: Partial<Record<Column, string>>;
  readonly extraCells: boolean;
}

/** Windows-1252's characters at bytes 0x80–0x9F (ISO-8859-1 has control codes there; five are unused). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * UTF-8 (with or without BOM); a file that is not valid UTF-8 is Windows-1252, which Excel writes
 * for a plain "CSV" on Spanish and English Windows. (Node's TextDecoder decodes "windows-1252" as
 * ISO-8859-1, losing "€" and the typographic quotes, hence the table.)
 */
export function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes) {
      text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    }
    return text;
  }
}

/** The separator the header line uses: `;` (Spanish Excel), tab, or `,`. */
function detectDelimiter(text: string): string {
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [';', '\t', ','].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** The header and the data rows of a CSV file, or every problem with its header. */
export function readCsv<Column extends string>(
  text: string,
  locale: Locale,
  columns: CsvColumns<Column>,
):
  | { header: Partial<Record<Column, string>>; rows: CsvRow<Column>[]; delimiter: string }
  | { problems: ImportProblem[] } {
  const { names, required } = columns;
  const allNames = (Object.values(names) as (readonly string[])[]).map((names) => names[0]).join(', ');
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(key, locale, params);
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? null;
    return { problems: [{ line, column: null, message: t('csvMalformed') }] };
  }
  const [head, ...body] = records;
  if (!head) return { problems: [{ line: null, column: null, message: t('csvEmpty') }] };

  const problems: ImportProblem[] = [];
  const header: Partial<Record<Column, string>> = {};
  const positions: Partial<Record<Column, number>> = {};
  const ignored = new Set<number>();
  head.record.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const column = (Object.keys(names) as Column[]).find((c) =>
      (names[c] as readonly string[]).includes(name),
    );
    if (!name) {
      // Spreadsheets often export empty trailing columns; they are ignored when they hold nothing.
      ignored.add(index);
      if (body.some((r) => (r.record[index] ?? '') !== '')) {
        problems.push({
          line: head.info.lines,
          column: raw,
          message: t('csvUnknownColumn', { column: raw, columns: allNames }),
        });
      }
    } else if (!column) {
      problems.push({
        line: head.info.lines,
        column: raw,
        message: t('csvUnknownColumn', { column: raw, columns: allNames }),
      });
    } else if (positions[column] !== undefined) {
      problems.push({ line: head.info.lines, column: raw, message: t('csvRepeatedColumn', { column: raw }) });
    } else {
      positions[column] = index;
      header[column] = raw;
    }
  });
  for (const column of required) {
    if (positions[column] === undefined) {
      problems.push({
        line: head.info.lines,
        column: null,
        message: t('csvMissingColumn', { column, columns: allNames }),
      });
    }
  }
  if (problems.length > 0) return { problems };

  const rows = body
    .filter((r) => r.record.some((cell) => cell !== ''))
    .map((r) => {
      const cells: Partial<Record<Column, string>> = {};
      for (const [column, index] of Object.entries(positions) as [Column, number][]) {
        cells[column] = r.record[index] ?? '';
      }
      return { line: r.info.lines, cells, extraCells: r.record.length > head.record.length };
    });
  if (rows.length === 0) return { problems: [{ line: null, column: null, message: t('csvEmpty') }] };
  return { header, rows, delimiter };
}

/** A decimal number written with the file's separator, without thousands separators. */
export function parseNumber(text: string, decimal: DecimalSeparator): number | null {
  const pattern = decimal === 'comma' ? /^[+-]?\d+(,\d+)?$/ : /^[+-]?\d+(\.\d+)?$/;
  if (!pattern.test(text)) return null;
  const value = Number(decimal === 'comma' ? text.replace(',', '.') : text);
  return Number.isFinite(value) ? value : null;
}

export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .filter((p) => {
      const key = `${p.line}|${p.column}|${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The problems as lines for the terminal: "line 7, value: Not a number: …". */
export function formatProblems(problems: readonly ImportProblem[], locale: Locale): string[] {
  return problems.map((p) => {
    const where = [p.line !== null ? translate('csvLine', locale, { line: p.line }) : null, p.column]
      .filter(Boolean)
      .join(', ');
    return where ? `${where}: ${p.message}` : p.message;
  });
}
