import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const ACCOUNTS = '{ accounts(first: 100) { edges { node { id name } } } }';
const ACCOUNT_OPPORTUNITIES = `query($id: ID!) {
  node(id: $id) { ... on Account { opportunities { id title stage probability estimatedRevenue planActions { title source } owner { email } } } }
}`;
const NODE = `query($id: ID!) {
  node(id: $id) { __typename ... on Opportunity { title version account { name } } }
}`;
const CREATE = `mutation($input: CreateOpportunityInput!) {
  createOpportunity(input: $input) {
    __typename
    ... on CreateOpportunitySuccess {
      data { id title description valueForUs valueForClient estimatedRevenue probability stage version owner { email } account { name } planActions { id } }
    }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateOpportunityInput!) {
  updateOpportunity(id: $id, input: $input) {
    __typename
    ... on UpdateOpportunitySuccess { data { title stage probability estimatedRevenue version } }
    ... on ConflictError { code message currentVersion current { ... on Opportunity { title version } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const CONVERT = `mutation($id: ID!, $actions: [OpportunityActionInput!]!) {
  convertOpportunityToActions(opportunityId: $id, actions: $actions) {
    __typename
    ... on ConvertOpportunityToActionsSuccess { data { createdActions { id title source owner { email } } opportunity { planActions { id } } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;

interface Result {
  __typename: string;
  code?: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  // biome-ignore lint/suspicious/noExplicitAny: shapes differ per mutation; each test checks its own
  data?: any;
  currentVersion?: number;
  current?: { title: string; version: number };
}

let t: TestApp;
const clients: Record<string, Client> = {};
const accountIds: Record<string, string> = {};
const userIds: Record<string, string> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;

const client = (who: string) => clients[who] as Client;

async function auditCount(): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute('select count(*) as n from audit_entry');
  return Number(row.n);
}

async function create(who: string, account: string, input: Record<string, unknown> = {}): Promise<Result> {
  const result = await client(who).data<{ createOpportunity: Result }>(CREATE, {
    input: { accountId: accountIds[account], title: 'Lineal de quesos frescos', probability: 50, ...input },
  });
  return result.createOpportunity;
}

async function update(who: string, id: string, input: Record<string, unknown>): Promise<Result> {
  return (await client(who).data<{ updateOpportunity: Result }>(UPDATE, { id, input })).updateOpportunity;
}

async function opportunitiesOf(who: string, account: string) {
  const data = await client(who).data<{
    node: {
      opportunities: {
        id: string;
        title: string;
        stage: string;
        planActions: { title: string; source: string }[];
        owner: { email: string };
      }[];
    } | null;
  }>(ACCOUNT_OPPORTUNITIES, { id: accountIds[account] });
  return data.node?.opportunities ?? null;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of USERS) {
    clients[who] = await t.as(who);
    userIds[who] = (await client(who).data<{ me: { id: string } }>('{ me { id } }')).me.id;
  }
  const all = await client('admin').data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNTS,
  );
  for (const { node } of all.accounts.edges) accountIds[node.name] = node.id;
});
afterAll(() => t.close());

describe('opportunities in the demo', () => {
  it('lists the win-win opportunities of an account, newest first', async () => {
    const list = await opportunitiesOf('ana', 'Supermercados Alba');
    expect(list?.map((o) => o.title)).toEqual([
      'Promoción conjunta Navidad',
      'Reposición automática con datos de sell-out',
      'Gama sin lactosa en exclusiva',
    ]);
    expect(list?.[0]?.owner.email).toBe('ana@clave.dev');
  });

  it('shows the plan actions the Christmas promotion was turned into', async () => {
    const [christmas] = (await opportunitiesOf('ana', 'Supermercados Alba')) ?? [];
    expect(christmas?.planActions).toEqual([
      { title: 'Cerrar surtido del lote navideño con compras', source: 'OPPORTUNITY' },
      { title: 'Planificar degustaciones en 60 tiendas', source: 'OPPORTUNITY' },
    ]);
  });
});

describe('creating and updating opportunities', () => {
  it('a KAM records an opportunity on their account; they own it; it starts as an IDEA', async () => {
    const before = await auditCount();
    const result = await create('ana', 'Coop Valle Verde', {
      valueForUs: 'Más referencias',
      valueForClient: 'Producto local',
      estimatedRevenue: 125_000.5,
    });
    expect(result).toMatchObject({
      __typename: 'CreateOpportunitySuccess',
      data: {
        title: 'Lineal de quesos frescos',
        description: '',
        valueForUs: 'Más referencias',
        valueForClient: 'Producto local',
        estimatedRevenue: 125_000.5,
        probability: 50,
        stage: 'IDEA',
        version: 1,
        owner: { email: 'ana@clave.dev' },
        account: { name: 'Coop Valle Verde' },
        planActions: [],
      },
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('updates the fields given with the version last read, and clears the revenue with null', async () => {
    const created = await create('ana', 'Coop Valle Verde', { estimatedRevenue: 1000 });
    const result = await update('ana', created.data.id, {
      expectedVersion: 1,
      stage: 'QUALIFIED',
      probability: 65,
      estimatedRevenue: null,
    });
    expect(result).toEqual({
      __typename: 'UpdateOpportunitySuccess',
      data: {
        title: 'Lineal de quesos frescos',
        stage: 'QUALIFIED',
        probability: 65,
        estimatedRevenue: null,
        version: 2,
      },
    });
  });

  it('a stale expectedVersion is a conflict carrying the current opportunity, and changes nothing', async () => {
    const created = await create('ana', 'Coop Valle Verde');
    await update('marta', created.data.id, { expectedVersion: 1, title: 'Versión de Marta' });
    const before = await auditCount();
    const result = await update('ana', created.data.id, { expectedVersion: 1, title: 'Versión de Ana' });
    expect(result).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      message: 'Someone else changed this Opportunity meanwhile',
      currentVersion: 2,
      current: { title: 'Versión de Marta', version: 2 },
    });
    expect(await auditCount()).toBe(before);
  });

  it('of two edits sent at once from the same version, one wins and the other gets a conflict', async () => {
    const created = await create('ana', 'Coop Valle Verde');
    const results = await Promise.all([
      update('ana', created.data.id, { expectedVersion: 1, probability: 10 }),
      update('marta', created.data.id, { expectedVersion: 1, probability: 90 }),
    ]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['ConflictError', 'UpdateOpportunitySuccess']);
  });

  it('bad input gets field errors and changes nothing', async () => {
    const before = await auditCount();
    const result = await create('ana', 'Coop Valle Verde', {
      title: '  ',
      probability: 101,
      estimatedRevenue: 10.555,
    });
    expect(result.__typename).toBe('ValidationError');
    expect(result.issues?.map((i) => i.path.join('.'))).toEqual(['title', 'estimatedRevenue', 'probability']);
    const empty = await update('ana', (await create('ana', 'Coop Valle Verde')).data.id, {
      expectedVersion: 1,
    });
    expect(empty.issues).toEqual([{ path: [], message: 'Nothing to update' }]);
    expect(await auditCount()).toBe(before + 1);
  });

  it('answers in Spanish', async () => {
    const ana = await t.as('ana', 'es');
    const result = (
      await ana.data<{ createOpportunity: Result }>(CREATE, {
        input: { accountId: accountIds['Coop Valle Verde'], title: 'Línea 1\nLínea 2', probability: 150 },
      })
    ).createOpportunity;
    expect(result).toMatchObject({ __typename: 'ValidationError', message: 'Los datos no son válidos' });
    expect(result.issues?.[0]).toEqual({ path: ['title'], message: 'Debe ser una sola línea de texto' });
    expect(result.issues?.[1]?.message).toMatch(/^Demasiado grande/);
    const created = await create('ana', 'Coop Valle Verde');
    await update('ana', created.data.id, { expectedVersion: 1, probability: 10 });
    const conflict = (
      await ana.data<{ updateOpportunity: Result }>(UPDATE, {
        id: created.data.id,
        input: { expectedVersion: 1, probability: 20 },
      })
    ).updateOpportunity;
    expect(conflict.message).toBe('Otra persona ha modificado este elemento (oportunidad) mientras tanto');
  });
});

describe('turning an opportunity into plan actions', () => {
  it("adds the actions to the account's active plan and links them to the opportunity", async () => {
    const created = await create('ana', 'Supermercados Alba', { title: 'Degustaciones de kéfir' });
    const before = await auditCount();
    const result = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [
          { title: 'Reservar promotoras', dueDate: soon(10) },
          { title: 'Enviar muestras a tiendas', dueDate: soon(20), ownerId: userIds.luis },
        ],
      })
    ).convertOpportunityToActions;
    expect(result.__typename).toBe('ConvertOpportunityToActionsSuccess');
    expect(result.data.createdActions).toMatchObject([
      { title: 'Reservar promotoras', source: 'OPPORTUNITY', owner: { email: 'ana@clave.dev' } },
      { title: 'Enviar muestras a tiendas', source: 'OPPORTUNITY', owner: { email: 'luis@clave.dev' } },
    ]);
    expect(result.data.opportunity.planActions).toEqual(
      result.data.createdActions.map((a: { id: string }) => ({ id: a.id })),
    );
    // two actions and the conversion itself
    expect(await auditCount()).toBe(before + 3);
    const action = await client('luis').data<{ node: { title: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on PlanAction { title } } }',
      { id: result.data.createdActions[1].id },
    );
    expect(action.node).toEqual({ title: 'Enviar muestras a tiendas' });
  });

  it('refuses an account without an active plan, naming the opportunity, and changes nothing', async () => {
    const created = await create('ana', 'Selecta Gourmet');
    const before = await auditCount();
    const result = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [{ title: 'Preparar propuesta', dueDate: soon(10) }],
      })
    ).convertOpportunityToActions;
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['opportunityId'], message: 'The account has no active plan to add actions to' }],
    });
    expect(await auditCount()).toBe(before);
  });

  it('reports bad actions on their position in the input, all or none', async () => {
    const created = await create('ana', 'Supermercados Alba');
    const before = await auditCount();
    const result = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [
          { title: 'Bien', dueDate: soon(5) },
          { title: ' ', dueDate: '2026-02-30' },
        ],
      })
    ).convertOpportunityToActions;
    expect(result.issues?.map((i) => i.path.join('.'))).toEqual(['actions.1.title', 'actions.1.dueDate']);
    const sofia = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [{ title: 'Para Sofía', dueDate: soon(5), ownerId: userIds.sofia }],
      })
    ).convertOpportunityToActions;
    expect(sofia.issues).toEqual([
      { path: ['actions', '0', 'ownerId'], message: 'The owner must be someone who works on this account' },
    ]);
    const afterPlan = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [
          { title: 'Dentro del plan', dueDate: soon(5) },
          { title: 'Después del plan', dueDate: '2099-01-01' },
        ],
      })
    ).convertOpportunityToActions;
    expect(afterPlan.issues).toEqual([
      { path: ['actions', '1', 'dueDate'], message: "Must fall within the plan's horizon" },
    ]);
    const none = (
      await client('ana').data<{ convertOpportunityToActions: Result }>(CONVERT, {
        id: created.data.id,
        actions: [],
      })
    ).convertOpportunityToActions;
    expect(none.issues?.map((i) => i.path.join('.'))).toEqual(['actions']);
    expect(await auditCount()).toBe(before);
  });
});

const soon = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('who may see and change an opportunity (authorization matrix)', () => {
  // An opportunity on Coop Valle Verde: owned by Ana, not supported by Luis, in Marta's team.
  const matrix: [string, string, boolean, string][] = [
    ['owner KAM', 'ana', true, 'UpdateOpportunitySuccess'],
    ['other KAM of the same team', 'luis', false, 'NotFoundError'],
    ['KAM of another team', 'sofia', false, 'NotFoundError'],
    ["the team's manager", 'marta', true, 'UpdateOpportunitySuccess'],
    ['the other manager', 'jorge', false, 'NotFoundError'],
    ['admin (reads, does not do the KAM work)', 'admin', true, 'ForbiddenError'],
  ];
  it.each(matrix)('%s (%s): sees it → %s; updating it → %s', async (_role, who, sees, updateResult) => {
    const created = await create('ana', 'Coop Valle Verde', { title: `Para ${who}` });
    const node = await client(who).data<{ node: { title: string } | null }>(NODE, { id: created.data.id });
    expect(node.node?.title ?? null).toBe(sees ? `Para ${who}` : null);
    const nested = await opportunitiesOf(who, 'Coop Valle Verde');
    expect(nested?.some((o) => o.id === created.data.id) ?? false).toBe(sees);
    const result = await update(who, created.data.id, { expectedVersion: 1, stage: 'QUALIFIED' });
    expect(result.__typename).toBe(updateResult);
    const creating = await create(who, 'Coop Valle Verde');
    expect(creating.__typename).toBe(updateResult.replace('Update', 'Create'));
  });

  it('a hidden opportunity looks exactly like a missing one', async () => {
    const created = await create('ana', 'Coop Valle Verde');
    const denied = await update('jorge', created.data.id, { expectedVersion: 1, title: 'X' });
    const missing = await update(
      'jorge',
      Buffer.from('Opportunity:01900000-0000-7000-8000-000000000000').toString('base64'),
      {
        expectedVersion: 1,
        title: 'X',
      },
    );
    expect(denied).toEqual(missing);
    expect(denied).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: 'Opportunity not found',
    });
  });
});
