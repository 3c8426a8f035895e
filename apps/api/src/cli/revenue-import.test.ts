import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToMonth, monthOf } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../test/helpers.js';
import { type App, createApp } from '../app.js';
import { loadConfig, parseDatabaseUrl } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo.js';
import { createTemporaryPostgres } from '../db/temporary-postgres.js';
import { type CliIo, run } from './main.js';
import { parseAmount } from './revenue-import.js';

let databaseUrl: string;
let dir: string;
let cleanup: () => Promise<void>;
let app: App;
let ana: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clave-revenue-import-'));
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
  await migrate(orm);
  await seedDemo(orm.em.fork());
  await orm.close();
  app = await createApp({ ...loadConfig({ WEB_DIR: '' }), database: parseDatabaseUrl(databaseUrl) });
  ana = new Client(app, null, 'en');
  await ana.data('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: 'ana@clave.dev',
    p: DEMO_PASSWORD,
  });
  const { accounts } = await ana.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 50) { edges { node { id name } } } }',
  );
  for (const { node } of accounts.edges) ids[node.name] = node.id;
});
afterAll(async () => {
  await app?.close();
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function csv(content: string): string {
  const path = join(dir, `revenue-${++files}.csv`);
  writeFileSync(path, content);
  return path;
}

async function importFile(file: string, user = 'ana@clave.dev', extra: string[] = []) {
  const output: string[] = [];
  const errors: string[] = [];
  const io: CliIo = {
    env: { DATABASE_URL: databaseUrl },
    readPassword: async () => '',
    out: (m) => output.push(m),
    err: (m) => errors.push(m),
  };
  const code = await run(['revenue', 'import', file, '--user', user, ...extra], io);
  return { code, output, errors };
}

async function months(account: string, from: string, to: string) {
  const data = await ana.data<{
    node: {
      monthlyRevenue: { month: string; amount: number }[];
      revenue: { year: number; amount: number }[];
    };
  }>(
    'query($id: ID!, $from: String, $to: String) { node(id: $id) { ... on Account { monthlyRevenue(from: $from, to: $to) { month amount } revenue { year amount } } } }',
    { id: ids[account], from, to },
  );
  return data.node;
}

describe('pnpm clave revenue import', () => {
  it("imports a Spanish Excel file (BOM, ';', decimal commas, thousands points, CRLF) by account name", async () => {
    const file = csv(
      '\uFEFFcuenta;mes;importe\r\n' +
        'Coop Valle Verde;2024-01;150.000,50\r\n' +
        '"coop valle verde";2024-02;171234,5\r\n' +
        'Selecta Gourmet;2024-01;25.000\r\n' +
        ';;\r\n',
    );
    const { code, output, errors } = await importFile(file, 'ana@clave.dev', ['--locale', 'es']);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(output).toEqual([`Importado desde ${file}: 3 mes(es) de facturación de 2 cuenta(s).`]);
    const coop = await months('Coop Valle Verde', '2024-01', '2024-12');
    expect(coop.monthlyRevenue).toEqual([
      { month: '2024-01', amount: 150_000.5 },
      { month: '2024-02', amount: 171_234.5 },
    ]);
    // The year is now the sum of its months.
    expect(coop.revenue.find((r) => r.year === 2024)?.amount).toBe(321_235);
    expect((await months('Selecta Gourmet', '2024-01', '2024-01')).monthlyRevenue).toEqual([
      { month: '2024-01', amount: 25_000 },
    ]);

    // Importing the same file again stores nothing new.
    const again = await importFile(file, 'ana@clave.dev', ['--locale', 'es']);
    expect(again.code).toBe(0);
    expect((await months('Coop Valle Verde', '2024-01', '2024-12')).monthlyRevenue).toEqual(
      coop.monthlyRevenue,
    );
  });

  it('reads an English file by account global id with decimal dots', async () => {
    const file = csv(`account,month,amount\n${ids['Coop Valle Verde']},2024-03,"1,250,000.25"\n`);
    const { code, errors } = await importFile(file, 'ana@clave.dev', ['--decimal', 'dot']);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect((await months('Coop Valle Verde', '2024-03', '2024-03')).monthlyRevenue).toEqual([
      { month: '2024-03', amount: 1_250_000.25 },
    ]);
  });

  it('stores nothing when any row is wrong, and says what and where, in Spanish', async () => {
    const future = addToMonth(monthOf(new Date()), 1);
    const file = csv(
      'cuenta;mes;importe\n' +
        'Coop Valle Verde;2024-05;100\n' +
        'Coop Valle Verde;2024-06;1,005\n' +
        `Coop Valle Verde;${future};100\n` +
        'Coop Valle Verde;2024-05;200\n' +
        'Cuenta Fantasma;2024-05;100\n' +
        'Coop Valle Verde;mayo;100\n' +
        'Coop Valle Verde;2024-07;mucho\n',
    );
    const { code, output, errors } = await importFile(file, 'ana@clave.dev', ['--locale', 'es']);
    expect(code).toBe(1);
    expect(output).toEqual([]);
    expect(errors).toEqual([
      'línea 3, importe: Como máximo dos decimales',
      'línea 4, mes: Debe ser un mes entre 2000-01 y el mes actual',
      'línea 5, mes: La línea 2 ya tiene facturación para el mismo mes de la misma cuenta',
      'línea 6, cuenta: No hay ninguna cuenta llamada "Cuenta Fantasma" que puedas ver',
      'línea 7, mes: No es un mes con el formato AAAA-MM: "mayo" (p. ej., 2026-11)',
      'línea 8, importe: No es un número: "mucho" (escríbelo como 1234,5, sin separador de miles)',
      'Se han encontrado 6 problema(s); no se ha guardado nada.',
    ]);
    expect((await months('Coop Valle Verde', '2024-05', '2024-07')).monthlyRevenue).toEqual([]);
  });

  it("does not let a user record another team's account", async () => {
    const file = csv('account,month,amount\nCoop Valle Verde,2024-08,100\n');
    const { code, errors } = await importFile(file, 'sofia@clave.dev');
    expect(code).toBe(1);
    expect(errors[0]).toBe('line 2, account: No account named "Coop Valle Verde" that you can see');
    const byId = csv(`account,month,amount\n${ids['Coop Valle Verde']},2024-08,100\n`);
    const refused = await importFile(byId, 'sofia@clave.dev');
    expect(refused.code).toBe(1);
    expect(refused.errors[0]).toBe('line 2, account: Account not found');
    expect((await months('Coop Valle Verde', '2024-08', '2024-08')).monthlyRevenue).toEqual([]);
  });
});

describe('parseAmount', () => {
  it('reads the separator chosen, with or without thousands grouping, and nothing else', () => {
    expect(parseAmount('1.500,50', 'comma')).toBe(1500.5);
    expect(parseAmount('250.000', 'comma')).toBe(250_000);
    expect(parseAmount('1500,5', 'comma')).toBe(1500.5);
    expect(parseAmount('1,500.50', 'dot')).toBe(1500.5);
    expect(parseAmount('-3', 'dot')).toBe(-3);
    for (const bad of ['1.50,5', '1,500.50', '12.34', '1 500', '', 'abc', '1e5']) {
      expect(parseAmount(bad, 'comma')).toBeNull();
    }
    expect(parseAmount('1.500,50', 'dot')).toBeNull();
  });
});
