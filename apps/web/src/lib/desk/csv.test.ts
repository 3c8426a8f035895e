import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type CsvColumn, csvFileName, toCsv } from './csv';

interface Row {
  account: string;
  value: number | null;
  note: string;
}

const columns: CsvColumn<Row>[] = [
  { header: 'Account', value: (r) => r.account },
  { header: 'Value', value: (r) => r.value },
  { header: 'Note', value: (r) => r.note },
];

const rows: Row[] = [
  { account: 'Supermercados Alba', value: 1234567.89, note: 'Reunión con compras; "urgente"' },
  { account: 'Cesta Online', value: -0.5, note: '=HYPERLINK("http://evil")' },
  { account: 'Farmacias Salud+', value: null, note: 'línea 1\nlínea 2' },
];

const BOM = '\uFEFF';

describe('CSV exports', () => {
  it('use a semicolon and a decimal comma in Spanish, with no thousands separator', () => {
    const text = toCsv(rows, columns, 'es');
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Account;Value;Note');
    expect(lines[1]).toBe('Supermercados Alba;1234567,89;"Reunión con compras; ""urgente"""');
  });

  it('use a comma and a decimal point in English', () => {
    const text = toCsv(rows, columns, 'en');
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Account,Value,Note');
    expect(lines[1]).toBe('Supermercados Alba,1234567.89,"Reunión con compras; ""urgente"""');
  });

  it('start with a UTF-8 byte order mark so that Excel reads accents', () => {
    expect(toCsv(rows, columns, 'es').startsWith(BOM)).toBe(true);
    expect(toCsv([], columns, 'en')).toBe(`${BOM}Account,Value,Note\r\n`);
  });

  it('keep negative numbers as numbers but never let text run as a formula', () => {
    const text = toCsv(rows, columns, 'es');
    expect(text).toContain('Cesta Online;-0,5;');
    expect(text).toContain(`'=HYPERLINK`);
  });

  it('round-trip through a CSV parser, line breaks and empty values included', () => {
    for (const locale of ['es', 'en'] as const) {
      const parsed = Papa.parse<string[]>(toCsv(rows, columns, locale).slice(1), {
        delimiter: locale === 'es' ? ';' : ',',
        skipEmptyLines: true,
      });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[3]).toEqual(['Farmacias Salud+', '', 'línea 1\nlínea 2']);
      expect(parsed.data[1]?.[2]).toBe('Reunión con compras; "urgente"');
    }
  });

  it('name files without accents or spaces', () => {
    expect(csvFileName('Visitas — Marta Ibáñez', new Date('2026-11-27T10:00:00Z'))).toBe(
      'clave-visitas-marta-ibanez-2026-11-27.csv',
    );
  });
});
