import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const RETAIL = [
  'Catering Escolar Sol',
  'Coop Valle Verde',
  'Distribuciones Cantábrico',
  'Farmacias Salud+',
  'HiperNorte',
  'Selecta Gourmet',
  'Supermercados Alba',
  'Vending Ibérica',
];
const SOFIA = ['Cesta Online', 'EcoBio Tiendas', 'FreshMarket Europa', 'Grupo Hostelero Brisa'];

/** Everything the desk screens read, in one request. */
const DESK = `query($filter: DeskFilter, $months: Int, $withinDays: Int) {
  desk(filter: $filter) {
    teams { id name }
    owners { id name }
    accounts { id name tier owner { name } health { score } planExecution { overdue } visitCoverage { overdue } kpis { name trend(months: 3) { status } } }
    executionByKam { kam { name } accounts total done doneOnTime open onTrack overdue blocked overdueShare onTimeShare }
    blockedActions { title account { name } updates { note } }
    plansEndingWithoutSuccessor(withinDays: $withinDays) { endDate daysLeft plan { title account { name } } }
    visitsByKamMonth(months: $months) { kam { name } month visits averageAcceptance }
    acceptanceByMonth(months: $months) { month visits averageAcceptance }
    visits(months: $months) { occurredAt acceptance account { name } kam { name } }
    concentrationHistory { year hhi concentration totalRevenue accounts { share rank dependencyThreshold account { name } } }
  }
}`;

interface DeskData {
  desk: {
    teams: { id: string; name: string }[];
    owners: { id: string; name: string }[];
    accounts: { id: string; name: string; tier: string; owner: { name: string } }[];
    executionByKam: {
      kam: { name: string };
      accounts: number;
      total: number;
      done: number;
      doneOnTime: number;
      open: number;
      onTrack: number;
      overdue: number;
      blocked: number;
      overdueShare: number | null;
      onTimeShare: number | null;
    }[];
    blockedActions: { title: string; account: { name: string }; updates: { note: string }[] }[];
    plansEndingWithoutSuccessor: { endDate: string; daysLeft: number; plan: { account: { name: string } } }[];
    visitsByKamMonth: { kam: { name: string }; month: string; visits: number; averageAcceptance: number }[];
    acceptanceByMonth: { month: string; visits: number; averageAcceptance: number }[];
    visits: {
      occurredAt: string;
      acceptance: number;
      account: { name: string };
      kam: { name: string } | null;
    }[];
    concentrationHistory:
      | {
          year: number;
          hhi: number;
          concentration: string;
          totalRevenue: number;
          accounts: {
            share: number;
            rank: number;
            dependencyThreshold: number | null;
            account: { name: string };
          }[];
        }[]
      | null;
  };
}

let t: TestApp;
const clients: Record<string, Client> = {};
const desks: Record<string, DeskData['desk']> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'marta', 'jorge', 'ana', 'luis', 'sofia']) {
    const client = await t.as(who);
    clients[who] = client;
    desks[who] = (await client.data<DeskData>(DESK, { withinDays: 366 })).desk;
  }
});
afterAll(() => t.close());

const names = (desk: DeskData['desk']) => desk.accounts.map((a) => a.name);
const mentioned = (desk: DeskData['desk']) => JSON.stringify(desk);

describe('who sees what on the desk', () => {
  it("shows marta her Retail team's eight accounts and nothing of Sofía's, in any aggregate", () => {
    const desk = desks.marta as DeskData['desk'];
    expect(names(desk)).toEqual(RETAIL);
    for (const name of SOFIA) expect(mentioned(desk)).not.toContain(name);
    expect(mentioned(desk)).not.toContain('Sofía');
    expect(desk.owners.map((o) => o.name).sort()).toEqual(['Ana Rodríguez', 'Luis Ferrer']);
  });

  it("shows jorge only his team's four accounts", () => {
    const desk = desks.jorge as DeskData['desk'];
    expect(names(desk)).toEqual(SOFIA);
    for (const name of RETAIL) expect(mentioned(desk)).not.toContain(name);
  });

  it('shows an admin all twelve accounts and both teams', () => {
    const desk = desks.admin as DeskData['desk'];
    expect(names(desk)).toEqual([...RETAIL, ...SOFIA].sort((a, b) => a.localeCompare(b)));
    expect(desk.teams).toHaveLength(2);
  });

  it('shows a KAM only the accounts they own or support, and no company-wide concentration', () => {
    const ana = desks.ana as DeskData['desk'];
    expect(names(ana)).toEqual([
      'Coop Valle Verde',
      'Distribuciones Cantábrico',
      'Selecta Gourmet',
      'Supermercados Alba',
    ]);
    expect(ana.concentrationHistory).toBeNull();
    expect(names(desks.luis as DeskData['desk'])).toContain('Supermercados Alba');
    expect(names(desks.luis as DeskData['desk'])).toHaveLength(5);
  });

  it("gives marta an empty desk when she filters by Jorge's team or by Sofía", async () => {
    const admin = desks.admin as DeskData['desk'];
    const foodTeam = admin.teams.find((team) => /food/i.test(team.name));
    const sofia = admin.owners.find((o) => o.name.startsWith('Sofía'));
    for (const filter of [{ teamId: foodTeam?.id }, { ownerId: sofia?.id }]) {
      const { desk } = await (clients.marta as Client).data<DeskData>(DESK, { filter });
      expect(desk.accounts).toEqual([]);
      expect(desk.executionByKam).toEqual([]);
      expect(desk.visitsByKamMonth).toEqual([]);
    }
  });

  it('is not for anonymous callers', async () => {
    const result = await t.anonymous().gql('{ desk { accounts { name } } }');
    expect(result.data?.desk ?? null).toBeNull();
    expect(result.errors?.length).toBeGreaterThan(0);
  });
});

describe('filters', () => {
  it('narrows to a team, a KAM and a tier, and all together', async () => {
    const admin = desks.admin as DeskData['desk'];
    const marta = clients.admin as Client;
    const retail = admin.teams.find((team) => /retail/i.test(team.name));
    const ana = admin.owners.find((o) => o.name.startsWith('Ana'));
    const byTeam = (await marta.data<DeskData>(DESK, { filter: { teamId: retail?.id } })).desk;
    expect(names(byTeam)).toEqual(RETAIL);
    const byOwner = (await marta.data<DeskData>(DESK, { filter: { ownerId: ana?.id } })).desk;
    expect(byOwner.accounts.every((a) => a.owner.name.startsWith('Ana'))).toBe(true);
    expect(byOwner.executionByKam.map((e) => e.kam.name)).toEqual([ana?.name]);
    const strategic = (await marta.data<DeskData>(DESK, { filter: { tier: 'STRATEGIC' } })).desk;
    expect(strategic.accounts.length).toBeGreaterThan(0);
    expect(strategic.accounts.every((a) => a.tier === 'STRATEGIC')).toBe(true);
    const all = (
      await marta.data<DeskData>(DESK, {
        filter: { teamId: retail?.id, ownerId: ana?.id, tier: 'STRATEGIC' },
      })
    ).desk;
    expect(all.accounts.every((a) => a.tier === 'STRATEGIC' && a.owner.name.startsWith('Ana'))).toBe(true);
  });

  it('answers a malformed id with a validation error on its field, in Spanish too', async () => {
    const es = await t.as('marta', 'es');
    const result = await es.gql(DESK, { filter: { teamId: 'not-an-id' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain('teamId');
    const user = (desks.marta as DeskData['desk']).owners[0]?.id;
    const wrongType = await es.gql(DESK, { filter: { teamId: user } });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it('rejects a window outside 1–36 months and a look-ahead outside 0–366 days', async () => {
    const marta = clients.marta as Client;
    for (const variables of [{ months: 0 }, { months: 37 }, { withinDays: -1 }, { withinDays: 400 }]) {
      const result = await marta.gql(DESK, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    }
  });
});

describe('the aggregates', () => {
  it("adds each KAM's action counts up to the accounts' own plan execution", async () => {
    const marta = clients.marta as Client;
    const { desk } = await marta.data<{
      desk: {
        executionByKam: DeskData['desk']['executionByKam'];
        accounts: {
          owner: { name: string };
          planExecution: { total: number; overdue: number; blocked: number };
        }[];
      };
    }>(
      '{ desk { executionByKam { kam { name } total overdue blocked open onTrack overdueShare } accounts { owner { name } planExecution { total overdue blocked } } } }',
    );
    for (const row of desk.executionByKam) {
      const mine = desk.accounts.filter((a) => a.owner.name === row.kam.name);
      expect(row.total).toBe(mine.reduce((s, a) => s + a.planExecution.total, 0));
      expect(row.overdue).toBe(mine.reduce((s, a) => s + a.planExecution.overdue, 0));
      expect(row.blocked).toBe(mine.reduce((s, a) => s + a.planExecution.blocked, 0));
      expect(row.onTrack).toBe(row.open - row.overdue);
    }
    const shares = desk.executionByKam.map((e) => e.overdueShare ?? -1);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('lists blocked actions with their notes, only on the viewer’s accounts', () => {
    const desk = desks.marta as DeskData['desk'];
    expect(desk.blockedActions.length).toBeGreaterThan(0);
    for (const action of desk.blockedActions) expect(RETAIL).toContain(action.account.name);
    const admin = desks.admin as DeskData['desk'];
    expect(admin.blockedActions.length).toBeGreaterThanOrEqual(desk.blockedActions.length);
  });

  it('counts visits per KAM and month consistently with the monthly totals', () => {
    const desk = desks.admin as DeskData['desk'];
    expect(desk.visitsByKamMonth.length).toBeGreaterThan(0);
    for (const month of desk.acceptanceByMonth) {
      const rows = desk.visitsByKamMonth.filter((r) => r.month === month.month);
      const visits = rows.reduce((s, r) => s + r.visits, 0);
      expect(visits).toBe(month.visits);
      const weighted = rows.reduce((s, r) => s + r.visits * r.averageAcceptance, 0) / visits;
      expect(month.averageAcceptance).toBeCloseTo(weighted, 10);
      expect(month.averageAcceptance).toBeGreaterThanOrEqual(1);
      expect(month.averageAcceptance).toBeLessThanOrEqual(5);
    }
    expect(desk.acceptanceByMonth.map((m) => m.month)).toEqual(
      [...desk.acceptanceByMonth.map((m) => m.month)].sort(),
    );
  });

  it('tells the configured dependency thresholds', async () => {
    const data = await (clients.marta as Client).data<{ desk: { dependencyThresholds: number[] } }>(
      '{ desk { dependencyThresholds } }',
    );
    expect(data.desk.dependencyThresholds).toEqual([0.3, 0.5]);
  });

  it('gives the concentration of every year on record, with Alba past the 50 % alert in 2025', () => {
    const history = (desks.admin as DeskData['desk']).concentrationHistory ?? [];
    expect(history.map((y) => y.year)).toEqual([...history.map((y) => y.year)].sort());
    const y2025 = history.find((y) => y.year === 2025);
    expect(y2025?.totalRevenue).toBe(49_460_000);
    expect(y2025?.concentration).toBe('HIGH');
    expect(y2025?.accounts[0]).toMatchObject({
      rank: 1,
      dependencyThreshold: 0.5,
      account: { name: 'Supermercados Alba' },
    });
    const jorge2025 = (desks.jorge as DeskData['desk']).concentrationHistory?.find((y) => y.year === 2025);
    expect(jorge2025?.hhi).toBe(y2025?.hhi);
    expect(jorge2025?.accounts.map((a) => a.account.name)).toEqual([
      'FreshMarket Europa',
      'Cesta Online',
      'Grupo Hostelero Brisa',
      'EcoBio Tiendas',
    ]);
  });

  it("lists the desk's visits of the window, newest first, only on the viewer's accounts", () => {
    const desk = desks.marta as DeskData['desk'];
    expect(desk.visits.length).toBeGreaterThan(0);
    for (const visit of desk.visits) expect(RETAIL).toContain(visit.account.name);
    const times = desk.visits.map((v) => v.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('lists active plans ending in the window that have no successor', () => {
    const desk = desks.admin as DeskData['desk'];
    for (const row of desk.plansEndingWithoutSuccessor) expect(row.daysLeft).toBeLessThanOrEqual(366);
    const days = desk.plansEndingWithoutSuccessor.map((p) => p.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });
});

describe('cost', () => {
  it('runs as many SQL statements for all twelve accounts as for one team (no per-account queries)', async () => {
    const admin = clients.admin as Client;
    const run = async (filter: Record<string, unknown>) => {
      t.resetQueries();
      await admin.data<DeskData>(DESK, { filter });
      return t.queries.length;
    };
    const sofia = (desks.admin as DeskData['desk']).owners.find((o) => o.name.startsWith('Sofía'));
    const all = await run({});
    const few = await run({ ownerId: sofia?.id });
    // A query per account would add at least 8 (12 accounts against 4). The batches of a
    // request's loaders form per tick, so on PostgreSQL one of them may now and then split in two.
    expect(all).toBeLessThanOrEqual(few + 2);
    expect(few).toBeLessThanOrEqual(all + 2);
  });

  it('exports every action and KPI series of the desk in a flat number of statements too', async () => {
    const admin = clients.admin as Client;
    const EXPORTS = `query($filter: DeskFilter) { desk(filter: $filter) { accounts { name owner { name }
      activePlan { title actions { title dueDate status progress overdue completedAt owner { name } } }
      kpis { name unit target trend(months: 12) { status points { periodStart value } } } } } }`;
    const run = async (filter: Record<string, unknown>) => {
      t.resetQueries();
      const data = await admin.data<{ desk: { accounts: unknown[] } }>(EXPORTS, { filter });
      return { statements: t.queries.length, accounts: data.desk.accounts.length };
    };
    const sofia = (desks.admin as DeskData['desk']).owners.find((o) => o.name.startsWith('Sofía'));
    const all = await run({});
    const few = await run({ ownerId: sofia?.id });
    expect(all.accounts).toBeGreaterThan(few.accounts);
    expect(all.statements).toBe(few.statements);
  });
});

describe('plans near their end', () => {
  const ENDING = `query { desk { plansEndingWithoutSuccessor(withinDays: 90) { daysLeft endDate plan { id title account { name } } } } }`;
  interface Ending {
    desk: {
      plansEndingWithoutSuccessor: {
        daysLeft: number;
        endDate: string;
        plan: { id: string; title: string; account: { name: string } };
      }[];
    };
  }

  it('lists an active plan ending within the window until a successor is drafted, only for those who see it', async () => {
    const marta = clients.marta as Client;
    const selecta = (desks.marta as DeskData['desk']).accounts.find((a) => a.name === 'Selecta Gourmet');
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    const created = await marta.data<{ createPlan: { data: { id: string; version: number } } }>(
      `mutation($input: CreateAccountPlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { data { id version } } } }`,
      { input: { accountId: selecta?.id, title: 'Plan puente', startMonth: start, horizonMonths: 2 } },
    );
    const plan = created.createPlan.data;
    await marta.data(
      `mutation($id: ID!, $v: Int!) { activatePlan(id: $id, expectedVersion: $v) { __typename } }`,
      { id: plan.id, v: plan.version },
    );

    const ending = (await marta.data<Ending>(ENDING)).desk.plansEndingWithoutSuccessor;
    const row = ending.find((e) => e.plan.id === plan.id);
    expect(row).toMatchObject({ plan: { title: 'Plan puente', account: { name: 'Selecta Gourmet' } } });
    expect(row?.daysLeft).toBeGreaterThanOrEqual(0);
    expect(row?.daysLeft).toBeLessThanOrEqual(62);
    const jorge = (await (clients.jorge as Client).data<Ending>(ENDING)).desk.plansEndingWithoutSuccessor;
    expect(jorge.map((e) => e.plan.id)).not.toContain(plan.id);

    await marta.data(`mutation($id: ID!) { rollPlan(id: $id) { __typename } }`, { id: plan.id });
    const after = (await marta.data<Ending>(ENDING)).desk.plansEndingWithoutSuccessor;
    expect(after.map((e) => e.plan.id)).not.toContain(plan.id);
  });
});
