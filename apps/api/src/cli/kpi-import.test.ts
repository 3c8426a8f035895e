import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../test/helpers.js';
import { type App, createApp } from '../app.js';
import { loadConfig, parseDatabaseUrl } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo.js';
import { createTemporaryPostgres } from '../db/temporary-postgres.js';
import { type CliIo, run } from './main.js';

let databaseUrl: string;
let dir: string;
let cleanup: () => Promise<void>;
let app: App;
let ana: Client;
/** Global ids of KPI definitions by "Account / KPI name", as ana (or luis) sees them. */
const kpiIds: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clave-kpi-import-'));
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:/.test(base)) {
    const pg = await createTemporaryPostgres(base);
    databaseUrl = pg.database.url;
    cleanup = pg.drop;
  } else {
    databaseUrl = join(dir, 'clave.sqlite');
    cleanup = async () => undefined;
  }
  const orm = await initORM({ database: parseDatabaseUrl(databaseUrl) });
  if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') {
    // Tables of modules still in the making have no migration yet: build the schema from the
    // entities and mark the migrations done, so the command's own `migrate` finds nothing to do.
    await orm.schema.createSchema();
    const migrator = orm.getMigrator();
    const pending = await migrator.getPendingMigrations();
    await migrator.getStorage().ensureTable?.();
    for (const m of pending) await migrator.getStorage().logMigration({ name: m.name, context: null });
  } else {
    await migrate(orm);
  }
  await seedDemo(orm.em.fork());
  await orm.close();

  app = await createApp({ ...loadConfig({ WEB_DIR: '' }), database: parseDatabaseUrl(databaseUrl) });
  ana = await signIn('ana');
  for (const who of [ana, await signIn('luis')]) {
    const { accounts } = await who.data<{
      accounts: { edges: { node: { name: string; kpis: { id: string; name: string }[] } }[] };
    }>('{ accounts(first: 50) { edges { node { name kpis { id name } } } } }');
    for (const { node } of accounts.edges) {
      for (const kpi of node.kpis) kpiIds[`${node.name} / ${kpi.name}`] = kpi.id;
    }
  }
});
afterAll(async () => {
  await app?.close();
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(who: string): Promise<Client> {
  const client = new Client(app, null, 'en');
  await client.data('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: `${who}@clave.dev`,
    p: DEMO_PASSWORD,
  });
  return client;
}

function cli(env: Record<string, string> = {}): CliIo & { output: string[]; errors: string[] } {
  const output: string[] = [];
  const errors: string[] = [];
  return {
    env: { DATABASE_URL: databaseUrl, ...env },
    readPassword: async () => '',
    out: (m) => output.push(m),
    err: (m) => errors.push(m),
    output,
    errors,
  };
}

let files = 0;
/** A CSV file with these bytes (a string is written as UTF-8). */
function csv(content: string | Buffer): string {
  const path = join(dir, `feed-${++files}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Imports `file` as `user`; the exit code and what was printed. */
async function importFile(file: string, user = 'ana@clave.dev', extra: string[] = [], env = {}) {
  const io = cli(env);
  const code = await run(['kpi', 'import', file, '--user', user, ...extra], io);
  return { code, output: io.output, errors: io.errors };
}

/** The stored values of a KPI between two dates, read through the API as ana. */
async function series(
  kpi: string,
  from: string,
  to: string,
): Promise<{ periodStart: string; value: number; source: string }[]> {
  const result = await ana.data<{
    node: { measurements: { periodStart: string; value: number; source: string }[] };
  }>(
    'query($id: ID!, $from: String!, $to: String!) { node(id: $id) { ... on KpiDefinition { measurements(from: $from, to: $to) { periodStart value source } } } }',
    { id: kpiIds[kpi], from, to },
  );
  return result.node.measurements;
}

async function count(table: string): Promise<number> {
  const [row] = await app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

describe('pnpm clave kpi import', () => {
  it("imports a Spanish Excel file (BOM, ';', decimal commas, quotes, CRLF) by account and KPI name", async () => {
    const file = csv(
      '\uFEFFcuenta;kpi;periodo;valor\r\n' +
        'Supermercados Alba;OTIF %;2014-01-06;97,5\r\n' +
        '"Supermercados Alba";"otif %";2014-01-13;96\r\n' +
        'supermercados alba;Ventas a cliente (sell-in, €);2014-01-08;-1250,75\r\n' +
        ';;;\r\n',
    );
    const { code, output, errors } = await importFile(file, 'ana@clave.dev', ['--locale', 'es']);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(output).toEqual([`Importado desde ${file}: 3 valor(es), 3 nuevo(s) y 0 sustituido(s).`]);
    expect(await series('Supermercados Alba / OTIF %', '2014-01-01', '2014-01-31')).toEqual([
      { periodStart: '2014-01-06', value: 97.5, source: 'IMPORT' },
      { periodStart: '2014-01-13', value: 96, source: 'IMPORT' },
    ]);
    // A weekly KPI stores the week's Monday.
    expect(
      await series('Supermercados Alba / Ventas a cliente (sell-in, €)', '2014-01-01', '2014-01-31'),
    ).toEqual([{ periodStart: '2014-01-06', value: -1250.75, source: 'IMPORT' }]);
  });

  it('is idempotent: the same file again replaces each value with itself and adds nothing', async () => {
    const file = csv('account,kpi,period,value\nCoop Valle Verde,OTIF %,2014-02-03,91.25\n');
    const first = await importFile(file);
    expect(first.output).toEqual([`Imported from ${file}: 1 value(s), 1 new and 0 replaced.`]);
    const rows = await count('kpi_measurement');
    const second = await importFile(file);
    expect(second.code).toBe(0);
    expect(second.output).toEqual([`Imported from ${file}: 1 value(s), 0 new and 1 replaced.`]);
    expect(await count('kpi_measurement')).toBe(rows);
    expect(await series('Coop Valle Verde / OTIF %', '2014-02-01', '2014-02-28')).toEqual([
      { periodStart: '2014-02-03', value: 91.25, source: 'IMPORT' },
    ]);
  });

  it('takes KPI global ids (no account column) and reads a Windows-1252 file', async () => {
    const id = kpiIds['Coop Valle Verde / Ventas a cliente (sell-in, €)'] as string;
    const file = csv(Buffer.from(`kpi\tperiod\tvalue\n${id}\t2014-03-03\t1500.5\n`, 'latin1'));
    const byId = await importFile(file);
    expect(byId.errors).toEqual([]);
    expect(
      await series('Coop Valle Verde / Ventas a cliente (sell-in, €)', '2014-03-01', '2014-03-31'),
    ).toEqual([{ periodStart: '2014-03-03', value: 1500.5, source: 'IMPORT' }]);
    // "€" is byte 0x80 in Windows-1252, as Excel writes a plain "CSV" file.
    const excel = csv(
      Buffer.concat([
        Buffer.from('cuenta;kpi;periodo;valor\r\nCoop Valle Verde;Ventas a cliente (sell-in, '),
        Buffer.from([0x80]),
        Buffer.from(');2014-03-10;1600\r\n'),
      ]),
    );
    const result = await importFile(excel);
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('reports every bad row by line and column, and stores nothing, not even the good rows', async () => {
    const [rows, audits] = [await count('kpi_measurement'), await count('audit_entry')];
    const file = csv(
      [
        'account;kpi;period;value',
        'Coop Valle Verde;OTIF %;2014-04-07;90', // good
        'Coop Valle Verde;OTIF %;07/04/2014;90', // date format
        'Coop Valle Verde;OTIF %;2014-02-30;90', // no such day
        'Coop Valle Verde;OTIF %;2014-04-14;1.234,5', // thousands separator
        'Coop Valle Verde;OTIF %;2014-04-21;', // empty value
        'Coop Valle Verde;Cuota de mercado;2014-04-07;5', // no such KPI
        'FreshMarket Europa;OTIF %;2014-04-07;5', // Sofía's account: not visible to Ana
        'Coop Valle Verde;OTIF %;2014-04-09;91', // same week as line 2
        `;${kpiIds['HiperNorte / OTIF %']};2014-04-07;5`, // Luis's KPI by id: not visible to Ana
        ';OTIF %;2014-04-07;5', // a name without an account
      ].join('\n'),
    );
    const { code, output, errors } = await importFile(file);
    expect(code).toBe(1);
    expect(output).toEqual([]);
    expect(errors).toEqual([
      'line 3, period: Not a date written as YYYY-MM-DD: "07/04/2014" (e.g. 2026-11-23)',
      expect.stringMatching(/^line 4, period: /),
      'line 5, value: Not a number: "1.234,5" (write it like 1234,5, without thousands separators)',
      'line 6, value: Required',
      'line 7, kpi: No KPI named "Cuota de mercado" in account "Coop Valle Verde"',
      'line 8, account: No account named "FreshMarket Europa" that you can see',
      'line 9, period: Line 2 already has a value for the same period of the same KPI',
      expect.stringMatching(/^line 10, kpi: /),
      'line 11, kpi: Not a KPI global id; to name a KPI by its name, fill the "account" column too',
      '9 problem(s) found; nothing was stored.',
    ]);
    expect(await count('kpi_measurement')).toBe(rows);
    expect(await count('audit_entry')).toBe(audits);
  });

  it('refuses periods before 1990-01-01 or after the current period, storing nothing', async () => {
    const rows = await count('kpi_measurement');
    const file = csv(
      [
        'account;kpi;period;value',
        'Coop Valle Verde;OTIF %;2014-04-07;90', // good
        'Coop Valle Verde;OTIF %;1989-12-25;90', // before the floor
        'Coop Valle Verde;OTIF %;9999-12-31;90', // far in the future
      ].join('\n'),
    );
    const { code, errors } = await importFile(file);
    expect(code).toBe(1);
    expect(errors).toEqual([
      'line 3, period: A KPI value may not be dated before 1990-01-01',
      "line 4, period: A KPI value may not be dated after the end of the KPI's current period",
      '2 problem(s) found; nothing was stored.',
    ]);
    expect(await count('kpi_measurement')).toBe(rows);
  });

  it('speaks Spanish with --locale es or a Spanish LANG', async () => {
    const file = csv('account,kpi,period,value\nCoop Valle Verde,OTIF %,2014-05-05,abc\n');
    const option = await importFile(file, 'ana@clave.dev', ['--locale', 'es']);
    expect(option.errors).toEqual([
      'línea 2, value: No es un número: "abc" (escríbelo como 1234.5, sin separador de miles)',
      'Se han encontrado 1 problema(s); no se ha guardado nada.',
    ]);
    const lang = await importFile(file, 'ana@clave.dev', [], { LANG: 'es_ES.UTF-8' });
    expect(lang.errors).toEqual(option.errors);
  });

  it("records as the named user, with that user's rights: an admin reads but may not write", async () => {
    const file = csv('account,kpi,period,value\nCoop Valle Verde,OTIF %,2014-06-02,90\n');
    const admin = await importFile(file, 'admin@clave.dev');
    expect(admin.code).toBe(1);
    expect(admin.errors[0]).toMatch(/^line 2, kpi: /);
    const nobody = await importFile(file, 'nobody@example.com');
    expect(nobody.errors).toEqual(['No active user with email "nobody@example.com"', expect.any(String)]);
    expect(await series('Coop Valle Verde / OTIF %', '2014-06-01', '2014-06-30')).toEqual([]);
  });

  it('explains a wrong header, a broken line and a missing file', async () => {
    const header = await importFile(
      csv('account,kpi,period,valor,target\nCoop Valle Verde,OTIF %,2014-07-07,90,95\n'),
    );
    expect(header.errors).toEqual([
      'line 1, target: Unknown column "target" (the columns are account, kpi, period, value)',
      '1 problem(s) found; nothing was stored.',
    ]);
    const missing = await importFile(csv('account,kpi,value\nCoop Valle Verde,OTIF %,90\n'));
    expect(missing.errors[0]).toBe(
      'line 1: The header has no "period" column (the columns are account, kpi, period, value)',
    );
    const quotes = await importFile(
      csv('account,kpi,period,value\n"Coop Valle Verde,OTIF %,2014-07-07,90\n'),
    );
    expect(quotes.errors[0]).toMatch(/^line \d+: The line is not valid CSV/);
    const absent = await importFile(join(dir, 'no-such-file.csv'));
    expect(absent.errors[0]).toMatch(/^Cannot read .*no-such-file\.csv: ENOENT/);
    const usage = cli();
    expect(await run(['kpi', 'import', 'x.csv'], usage)).toBe(1);
    expect(usage.errors).toEqual(['kpi import needs --user EMAIL: the user the values are recorded as.']);
  });

  it('imports a file over 10,000 rows all or nothing, in batches within one transaction', {
    timeout: 180_000,
  }, async () => {
    const created = await ana.data<{ createKpiDefinition: { data: { id: string } } }>(
      `mutation($input: CreateKpiDefinitionInput!) {
        createKpiDefinition(input: $input) { ... on CreateKpiDefinitionSuccess { data { id } } }
      }`,
      {
        input: {
          accountId: (
            await ana.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
              '{ accounts(first: 10) { edges { node { id name } } } }',
            )
          ).accounts.edges.find((e) => e.node.name === 'Selecta Gourmet')?.node.id,
          name: 'Ventas diarias tienda online',
          unit: 'EUR',
          direction: 'HIGHER_IS_BETTER',
          frequency: 'DAILY',
          category: 'Ventas',
        },
      },
    );
    const id = created.createKpiDefinition.data.id;
    const day = (i: number) => new Date(Date.UTC(1995, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const lines = Array.from({ length: 10_050 }, (_, i) => `${id},${day(i)},${(i % 997) + 0.5}`);
    const rows = await count('kpi_measurement');

    // One bad row in the second batch, and a day of the first batch repeated in the second.
    const bad = [...lines];
    bad[10_020] = `${id},${day(10_020)},n/a`;
    bad[10_030] = `${id},${day(5)},1`;
    const refused = await importFile(csv(['kpi,period,value', ...bad].join('\n')));
    expect(refused.code).toBe(1);
    expect(refused.errors).toEqual([
      'line 10022, value: Not a number: "n/a" (write it like 1234.5, without thousands separators)',
      'line 10032, period: Line 7 already has a value for the same period of the same KPI',
      '2 problem(s) found; nothing was stored.',
    ]);
    expect(await count('kpi_measurement')).toBe(rows);

    const accepted = await importFile(csv(['kpi,period,value', ...lines].join('\n')));
    expect(accepted.errors).toEqual([]);
    expect(accepted.output[0]).toMatch(/^Imported from .*: 10050 value\(s\), 10050 new and 0 replaced\.$/);
    expect(await count('kpi_measurement')).toBe(rows + 10_050);
  });
});
