import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';
import { importKpiCsv } from '../../cli/kpi-import.js';
import { RECORD } from '../kpis/kpi-test-helpers.js';
import {
  type Any,
  activePlan,
  CREATE_ACTION,
  inDays,
  setUpWorld,
  UPDATE_ACTION,
  type Who,
  type World,
} from '../plans/plan.fixtures.js';

/*
 * The audit trail people read (issue 14, item 5): histories on accounts, plans, actions,
 * stakeholders and KPIs, and the audit log of managers and admins, on Coop Valle Verde: owned by
 * ana, in Marta's Retail team; luis is in the same team but does not support it; sofia is in
 * Jorge's team. Through HTTP, with sessions and API tokens.
 */

const ENTRY = 'id at action entityType entityId actor { id name } changes { field before after }';
const PAGE = `totalCount edges { node { ${ENTRY} } } pageInfo { hasNextPage endCursor }`;
const HISTORY = `query($id: ID!, $first: Int, $after: String) { node(id: $id) {
  ... on Account { history(first: $first, after: $after) { ${PAGE} } }
  ... on AccountPlan { history(first: $first, after: $after) { ${PAGE} } }
  ... on PlanAction { history(first: $first, after: $after) { ${PAGE} } }
  ... on Stakeholder { history(first: $first, after: $after) { ${PAGE} } }
  ... on KpiDefinition { history(first: $first, after: $after) { ${PAGE} } }
} }`;
const LOG = `query($first: Int, $after: String, $accountId: ID, $actorId: ID, $entityType: String, $from: DateTime, $to: DateTime) {
  auditLog(first: $first, after: $after, accountId: $accountId, actorId: $actorId, entityType: $entityType, from: $from, to: $to) {
    ${PAGE} edges { node { account { id name } } }
  }
}`;
const UPDATE_STAKEHOLDER = `mutation($id: ID!, $input: UpdateStakeholderInput!) {
  updateStakeholder(id: $id, input: $input) { __typename ... on Error { code } }
}`;
const UPDATE_ACCOUNT = `mutation($id: ID!, $input: UpdateAccountInput!) {
  updateAccount(id: $id, input: $input) { __typename ... on Error { code } }
}`;
const UPDATE_PLAN = `mutation($id: ID!, $input: UpdateAccountPlanInput!) {
  updatePlan(id: $id, input: $input) { __typename ... on Error { code } }
}`;

let t: TestApp;
let w: World;
let coop = '';
let action: Any;
let plan: Any;
let stakeholder = '';
let kpi = '';
const as = (who: Who) => w.clients[who];

type Entry = {
  id: string;
  action: string;
  entityType: string;
  actor: { id: string; name: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
};
type Page = {
  totalCount: number;
  edges: { node: Entry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
};

async function history(client: Client, id: string, first = 50): Promise<Page | null> {
  const data = await client.data<{ node: { history: Page } | null }>(HISTORY, { id, first });
  return data.node?.history ?? null;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
  coop = w.accounts['Coop Valle Verde'] as string;
  plan = await activePlan(as('ana'), coop);
  const created = await as('ana').data<Any>(CREATE_ACTION, {
    input: { planId: plan.id, title: 'Revisar surtido', ownerId: w.users.ana, dueDate: inDays(30) },
  });
  action = created.createPlanAction.data;
  const moved = await as('ana').data<Any>(UPDATE_ACTION, {
    id: action.id,
    input: { expectedVersion: action.version, status: 'IN_PROGRESS', progress: 40 },
  });
  expect(moved.updatePlanAction.__typename).toBe('UpdatePlanActionSuccess');
  const account = await as('ana').data<Any>(
    'query($id: ID!) { node(id: $id) { ... on Account { stakeholders { id } kpis { id name frequency } } } }',
    { id: coop },
  );
  stakeholder = account.node.stakeholders[0].id;
  kpi = account.node.kpis.find((k: Any) => k.frequency === 'MONTHLY')?.id ?? account.node.kpis[0].id;
  const renamed = await as('ana').data<Any>(UPDATE_STAKEHOLDER, {
    id: stakeholder,
    input: { title: 'Directora de compras' },
  });
  expect(renamed.updateStakeholder.__typename).toBe('UpdateStakeholderSuccess');
  const cadence = await as('ana').data<Any>(UPDATE_ACCOUNT, { id: coop, input: { visitCadenceDays: 21 } });
  expect(cadence.updateAccount.__typename).toBe('UpdateAccountSuccess');
  const titled = await as('ana').data<Any>(UPDATE_PLAN, {
    id: plan.id,
    input: { title: 'Plan Coop 2026', expectedVersion: plan.version },
  });
  expect(titled.updatePlan.__typename).toBe('UpdatePlanSuccess');
  for (const value of [88.5, 91]) {
    const recorded = await as('ana').data<Any>(RECORD, {
      input: { measurements: [{ kpiDefinitionId: kpi, periodStart: '2020-03-02', value }] },
    });
    expect(recorded.recordKpiMeasurements.__typename).toBe('RecordKpiMeasurementsSuccess');
  }
});
afterAll(() => t.close());

describe('histories', () => {
  it("an action's history shows the status change before → after, by whom", async () => {
    const page = (await history(as('ana'), action.id)) as Page;
    const [latest, creation] = page.edges.map((e) => e.node);
    expect(page.totalCount).toBe(2);
    expect(latest?.actor?.name).toBe('Ana Rodríguez');
    expect(latest?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: '"PLANNED"', after: '"IN_PROGRESS"' },
        { field: 'progress', before: '0', after: '40' },
      ]),
    );
    // Unchanged fields are left out.
    expect(latest?.changes.map((c) => c.field)).not.toContain('title');
    expect(creation?.action).toBe('CREATE');
    expect(creation?.changes).toContainEqual({ field: 'title', before: null, after: '"Revisar surtido"' });
  });

  it("the account's, plan's and stakeholder's histories show their own changes", async () => {
    const account = (await history(as('ana'), coop)) as Page;
    expect(account.edges[0]?.node.changes).toEqual([
      { field: 'visitCadenceDays', before: expect.any(String), after: '21' },
    ]);
    expect(
      account.edges.every((e) =>
        ['Account', 'AccountRevenue', 'AccountMonthlyRevenue'].includes(e.node.entityType),
      ),
    ).toBe(true);
    const planHistory = (await history(as('ana'), plan.id)) as Page;
    expect(planHistory.edges[0]?.node.changes).toContainEqual(
      expect.objectContaining({ field: 'title', after: '"Plan Coop 2026"' }),
    );
    const person = (await history(as('ana'), stakeholder)) as Page;
    expect(person.edges[0]?.node.changes).toContainEqual(
      expect.objectContaining({ field: 'title', after: '"Directora de compras"' }),
    );
  });

  it('a KPI batch records the value it replaced, before → after per period', async () => {
    const page = (await history(as('ana'), kpi)) as Page;
    const [second, first] = page.edges.map((e) => e.node);
    expect(second).toMatchObject({
      entityType: 'KpiMeasurement',
      action: 'RECORD',
      actor: { name: 'Ana Rodríguez' },
    });
    expect(second?.changes).toEqual([{ field: '2020-03-02', before: '88.5', after: '91' }]);
    expect(first?.changes).toEqual([{ field: '2020-03-02', before: null, after: '88.5' }]);
  });

  it('the CSV import records the values it replaced too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clave-audit-'));
    try {
      const file = join(dir, 'feed.csv');
      writeFileSync(file, `kpi,period,value\n${kpi},2020-03-02,93.25\n`);
      const result = await importKpiCsv(t.app.orm, { file, userEmail: 'ana@clave.dev', locale: 'en' });
      expect(result.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const page = (await history(as('ana'), kpi, 1)) as Page;
    expect(page.edges[0]?.node).toMatchObject({
      action: 'IMPORT',
      changes: [{ field: '2020-03-02', before: '91', after: '93.25' }],
    });
  });

  it('pages newest first with a cursor', async () => {
    const first = (await history(as('ana'), action.id, 1)) as Page;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await as('ana').data<Any>(HISTORY, {
      id: action.id,
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(next.node.history.edges[0].node.action).toBe('CREATE');
    const bad = await as('ana').gql<Any>(HISTORY, { id: action.id, first: 500 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });
});

//   who       reads the histories   the audit log of the account
const MATRIX: [Who, string, boolean, 'FORBIDDEN' | 'EMPTY' | 'ENTRIES'][] = [
  ['ana', 'owner KAM', true, 'FORBIDDEN'],
  ['luis', 'other KAM of the same team', false, 'FORBIDDEN'],
  ['sofia', 'KAM of another team', false, 'FORBIDDEN'],
  ['marta', 'the manager', true, 'ENTRIES'],
  ['jorge', 'the other manager', false, 'EMPTY'],
  ['admin', 'admin', true, 'ENTRIES'],
];

describe.each(MATRIX)('%s (%s)', (who, _role, reads, log) => {
  it(`${reads ? 'reads' : 'cannot see'} the account's, plan's, action's, stakeholder's and KPI's history`, async () => {
    for (const id of [coop, plan.id, action.id, stakeholder, kpi]) {
      const page = await history(as(who), id);
      if (reads) expect(page?.totalCount).toBeGreaterThan(0);
      else expect(page).toBeNull();
    }
  });

  it(`${log === 'FORBIDDEN' ? 'may not read' : log === 'EMPTY' ? 'finds nothing in' : 'reads'} the audit log of the account`, async () => {
    const result = await as(who).gql<{ auditLog: Page }>(LOG, { accountId: coop });
    if (log === 'FORBIDDEN') {
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      return;
    }
    expect(result.errors).toBeUndefined();
    if (log === 'EMPTY') expect(result.data?.auditLog.totalCount).toBe(0);
    else expect(result.data?.auditLog.totalCount).toBeGreaterThanOrEqual(6);
  });
});

describe('the audit log', () => {
  it("a manager's unfiltered log holds only their teams' accounts; an admin's also the rest", async () => {
    const jorge = await as('jorge').data<{ auditLog: Any }>(LOG, { first: 100 });
    const names = new Set(jorge.auditLog.edges.map((e: Any) => e.node.account?.name));
    expect(names.has('Coop Valle Verde')).toBe(false);
    expect(jorge.auditLog.edges.every((e: Any) => e.node.account !== null)).toBe(true);
    const admin = await as('admin').data<{ auditLog: Any }>(LOG, { entityType: 'Session', first: 5 });
    expect(admin.auditLog.totalCount).toBeGreaterThan(0);
    const marta = await as('marta').data<{ auditLog: Any }>(LOG, { entityType: 'Session' });
    expect(marta.auditLog.totalCount).toBe(0);
  });

  it('filters by person, kind and period', async () => {
    const byAna = await as('marta').data<{ auditLog: Any }>(LOG, {
      accountId: coop,
      actorId: w.users.ana,
      entityType: 'PlanAction',
    });
    expect(byAna.auditLog.totalCount).toBe(2);
    expect(byAna.auditLog.edges.every((e: Any) => e.node.actor.id === w.users.ana)).toBe(true);
    const byLuis = await as('marta').data<{ auditLog: Any }>(LOG, { accountId: coop, actorId: w.users.luis });
    expect(byLuis.auditLog.totalCount).toBe(0);
    const future = await as('marta').data<{ auditLog: Any }>(LOG, {
      accountId: coop,
      from: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.auditLog.totalCount).toBe(0);
    const past = await as('marta').data<{ auditLog: Any }>(LOG, {
      accountId: coop,
      to: new Date(Date.now() + 3_600_000).toISOString(),
      from: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.auditLog.totalCount).toBeGreaterThanOrEqual(6);
  });

  it('a reversed period or a malformed id is a validation error naming the field', async () => {
    const reversed = await as('marta').gql<Any>(LOG, {
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['to'] }],
    });
    const malformed = await as('marta').gql<Any>(LOG, { accountId: 'nope' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ issues: [{ path: ['accountId'] }] });
  });

  it('reads the actors of a page in one query, whatever the number of entries', async () => {
    t.resetQueries();
    const page = await as('admin').data<{ auditLog: Any }>(LOG, { first: 100 });
    expect(page.auditLog.edges.length).toBeGreaterThan(10);
    const userQueries = t.queries.filter((q) => /from [`"]app_user[`"]/i.test(q));
    expect(userQueries.length).toBeLessThanOrEqual(3);
  });

  it('an entry is a node, readable under its account’s rules', async () => {
    const page = (await history(as('ana'), action.id, 1)) as Page;
    const id = page.edges[0]?.node.id as string;
    const NODE = 'query($id: ID!) { node(id: $id) { ... on AuditEntry { action } } }';
    expect((await as('marta').data<Any>(NODE, { id })).node).toEqual({ action: 'UPDATE' });
    expect((await as('jorge').data<Any>(NODE, { id })).node).toBeNull();
    expect((await as('luis').data<Any>(NODE, { id })).node).toBeNull();
  });
});

describe('API tokens', () => {
  async function tokenClient(owner: Client, scopes: string[]): Promise<Client> {
    const secret = await newToken(owner, scopes);
    const client = t.anonymous();
    const gql = client.gql.bind(client);
    client.gql = (query, variables = {}, init = {}) =>
      gql(query, variables, { headers: { ...init.headers, authorization: `Bearer ${secret}` } });
    return client;
  }

  it('read a history with the scope of the object described, and never the audit log', async () => {
    const reader = await tokenClient(as('ana'), ['READ_ACCOUNTS', 'READ_KPIS']);
    expect((await history(reader, coop))?.totalCount).toBeGreaterThan(0);
    expect((await history(reader, kpi))?.totalCount).toBeGreaterThan(0);
    const narrow = await tokenClient(as('ana'), ['READ_VISITS']);
    const denied = await narrow.gql(HISTORY, { id: coop });
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'read:accounts' });
    const admin = await tokenClient(as('admin'), ['READ_ACCOUNTS', 'READ_PLANS', 'READ_KPIS']);
    const log = await admin.gql(LOG, {});
    expect(log.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
