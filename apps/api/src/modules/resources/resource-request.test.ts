import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const ACCOUNTS = `{ accounts(first: 100) {
  edges { node { id name opportunities { id title } } }
} }`;
const FIELDS = `id kind amount description status decisionReason decidedAt createdAt version
  account { name } requestedBy { email } decidedBy { email }
  opportunity { title } planAction { id title }`;
const CREATE = `mutation($input: CreateResourceRequestInput!) {
  createResourceRequest(input: $input) {
    __typename
    ... on CreateResourceRequestSuccess { data { ${FIELDS} } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  decideResourceRequest(id: $id, approve: $approve, reason: $reason) {
    __typename
    ... on DecideResourceRequestSuccess { data { ${FIELDS} } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
const PENDING = `query($first: Int, $after: String) {
  pendingResourceRequests(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status createdAt description account { name } requestedBy { email } } }
  }
}`;
const MINE = `query($status: ResourceRequestStatus) {
  myResourceRequests(first: 100, status: $status) {
    totalCount
    edges { node { ${FIELDS} } }
  }
}`;
const NODE = 'query($id: ID!) { node(id: $id) { __typename ... on ResourceRequest { description status } } }';
const ACCOUNT_REQUESTS = `query($id: ID!) {
  node(id: $id) { ... on Account { resourceRequests { id status } } }
}`;
const ACTIONS = `query($id: ID!) {
  node(id: $id) { ... on Account { plans { status actions { id title } } } }
}`;

interface Request {
  id: string;
  kind: string;
  amount: number | null;
  description: string;
  status: string;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  version: number;
  account: { name: string };
  requestedBy: { email: string };
  decidedBy: { email: string } | null;
  opportunity: { title: string } | null;
  planAction: { id: string; title: string } | null;
}
interface Result {
  __typename: string;
  code?: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  data?: Request;
}
interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Request }[];
}

let t: TestApp;
const clients: Record<string, Client> = {};
const accountIds: Record<string, string> = {};
/** Opportunity ids by account name, then title. */
const opportunityIds: Record<string, Record<string, string>> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;

const client = (who: string) => clients[who] as Client;

async function auditCount(): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute('select count(*) as n from audit_entry');
  return Number(row.n);
}

const firstOpportunity = (account: string): string =>
  Object.values(opportunityIds[account] ?? {})[0] as string;

async function ask(who: string, account: string, input: Record<string, unknown> = {}): Promise<Result> {
  const result = await client(who).data<{ createResourceRequest: Result }>(CREATE, {
    input: {
      accountId: accountIds[account],
      kind: 'SAMPLES',
      description: '300 unidades para catas en tienda',
      ...(input.planActionId ? {} : { opportunityId: firstOpportunity(account) }),
      ...input,
    },
  });
  return result.createResourceRequest;
}

/** A fresh PENDING request by Ana on Supermercados Alba (Marta's team; Luis supports it). */
async function pendingAtAlba(description = '300 unidades para catas en tienda'): Promise<Request> {
  return (await ask('ana', 'Supermercados Alba', { description })).data as Request;
}

async function decide(who: string, id: string, approve: boolean, reason?: string): Promise<Result> {
  const result = await client(who).data<{ decideResourceRequest: Result }>(DECIDE, { id, approve, reason });
  return result.decideResourceRequest;
}

async function inbox(who: string): Promise<Request[]> {
  const data = await client(who).data<{ pendingResourceRequests: Connection }>(PENDING, { first: 100 });
  return data.pendingResourceRequests.edges.map((e) => e.node);
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of USERS) clients[who] = await t.as(who);
  const all = await client('admin').data<{
    accounts: {
      edges: { node: { id: string; name: string; opportunities: { id: string; title: string }[] } }[];
    };
  }>(ACCOUNTS);
  for (const { node } of all.accounts.edges) {
    accountIds[node.name] = node.id;
    opportunityIds[node.name] = Object.fromEntries(node.opportunities.map((o) => [o.title, o.id]));
  }
});
afterAll(() => t.close());

describe('resource requests in the demo', () => {
  it("Marta and Jorge each have their team's pending requests in their inbox", async () => {
    const marta = await inbox('marta');
    const jorge = await inbox('jorge');
    expect(marta.length).toBeGreaterThanOrEqual(2);
    expect(jorge.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marta.map((r) => r.account.name))).toEqual(new Set(['Supermercados Alba', 'HiperNorte']));
    expect(new Set(jorge.map((r) => r.account.name))).toEqual(
      new Set(['FreshMarket Europa', 'Cesta Online']),
    );
  });

  it('Ana sees her approved requests and the rejected one with its reason', async () => {
    const mine = await client('ana').data<{ myResourceRequests: Connection }>(MINE, { status: 'REJECTED' });
    expect(mine.myResourceRequests.edges.map((e) => e.node)).toMatchObject([
      {
        status: 'REJECTED',
        decidedBy: { email: 'marta@clave.dev' },
        decisionReason: expect.stringMatching(/intercambio de datos/),
        opportunity: { title: 'Reposición automática con datos de sell-out' },
      },
    ]);
    const approved = await client('ana').data<{ myResourceRequests: Connection }>(MINE, {
      status: 'APPROVED',
    });
    expect(approved.myResourceRequests.totalCount).toBe(2);
  });
});

describe('asking for resources', () => {
  it('a KAM asks for resources for an opportunity; it waits PENDING, audited', async () => {
    const before = await auditCount();
    const result = await ask('ana', 'Supermercados Alba', {
      kind: 'BUDGET',
      amount: 12_500.75,
      description: 'Folleto regional',
      opportunityId: opportunityIds['Supermercados Alba']?.['Promoción conjunta Navidad'],
    });
    expect(result).toMatchObject({
      __typename: 'CreateResourceRequestSuccess',
      data: {
        kind: 'BUDGET',
        amount: 12_500.75,
        description: 'Folleto regional',
        status: 'PENDING',
        account: { name: 'Supermercados Alba' },
        requestedBy: { email: 'ana@clave.dev' },
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        opportunity: { title: 'Promoción conjunta Navidad' },
        planAction: null,
      },
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('a KAM asks for resources for a plan action of the account', async () => {
    const plans = await client('luis').data<{
      node: { plans: { status: string; actions: { id: string; title: string }[] }[] };
    }>(ACTIONS, { id: accountIds.HiperNorte });
    const action = plans.node.plans.find((p) => p.status === 'ACTIVE')?.actions[0];
    const result = await ask('luis', 'HiperNorte', { kind: 'PEOPLE', planActionId: action?.id });
    expect(result).toMatchObject({
      __typename: 'CreateResourceRequestSuccess',
      data: { planAction: { id: action?.id, title: action?.title }, opportunity: null },
    });
  });

  it('asks for exactly one target: an action or an opportunity, of the same account', async () => {
    const before = await auditCount();
    const plans = await client('ana').data<{
      node: { plans: { actions: { id: string }[] }[] };
    }>(ACTIONS, { id: accountIds['Supermercados Alba'] });
    const actionId = plans.node.plans[0]?.actions[0]?.id;
    const both = await ask('ana', 'Supermercados Alba', {
      planActionId: actionId,
      opportunityId: firstOpportunity('Supermercados Alba'),
    });
    expect(both).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: [], message: 'Choose exactly one: a plan action or an opportunity' }],
    });
    const neither = await ask('ana', 'Supermercados Alba', { opportunityId: null });
    expect(neither.issues).toEqual([
      { path: [], message: 'Choose exactly one: a plan action or an opportunity' },
    ]);
    const otherAccount = await ask('ana', 'Coop Valle Verde', {
      opportunityId: firstOpportunity('Supermercados Alba'),
    });
    expect(otherAccount.issues).toEqual([
      { path: ['opportunityId'], message: 'It does not belong to this account' },
    ]);
    const actionElsewhere = await ask('ana', 'Coop Valle Verde', { planActionId: actionId });
    expect(actionElsewhere.issues).toEqual([
      { path: ['planActionId'], message: 'It does not belong to this account' },
    ]);
    const hiddenAccount = await ask('ana', 'Coop Valle Verde', {
      opportunityId: firstOpportunity('FreshMarket Europa'),
    });
    expect(hiddenAccount.issues).toEqual(otherAccount.issues);
    const blank = await ask('ana', 'Supermercados Alba', { description: ' ', amount: -1 });
    expect(blank.issues?.map((i) => i.path.join('.'))).toEqual(['amount', 'description']);
    expect(await auditCount()).toBe(before);
  });
});

describe('deciding on requests', () => {
  it('the manager approves; the KAM sees the decision, who took it and when', async () => {
    const request = await pendingAtAlba('Aprobar, por favor');
    const before = await auditCount();
    const result = await decide('marta', request.id, true);
    expect(result).toMatchObject({
      __typename: 'DecideResourceRequestSuccess',
      data: { status: 'APPROVED', decidedBy: { email: 'marta@clave.dev' }, decisionReason: null },
    });
    expect(await auditCount()).toBe(before + 1);
    const mine = await client('ana').data<{ myResourceRequests: Connection }>(MINE);
    const seen = mine.myResourceRequests.edges.find((e) => e.node.id === request.id)?.node;
    expect(seen).toMatchObject({ status: 'APPROVED', decidedBy: { email: 'marta@clave.dev' } });
    expect(seen?.decidedAt).toBe(result.data?.decidedAt);
  });

  it('the manager rejects with a reason, which the KAM reads', async () => {
    const request = await pendingAtAlba('Rechazar, por favor');
    await decide('marta', request.id, false, 'Ya hay catas este trimestre');
    const node = await client('ana').data<{ node: { status: string } }>(NODE, { id: request.id });
    expect(node.node.status).toBe('REJECTED');
    const mine = await client('ana').data<{ myResourceRequests: Connection }>(MINE, { status: 'REJECTED' });
    expect(mine.myResourceRequests.edges.find((e) => e.node.id === request.id)?.node.decisionReason).toBe(
      'Ya hay catas este trimestre',
    );
  });

  it('rejecting without a reason is refused and changes nothing', async () => {
    const request = await pendingAtAlba();
    const before = await auditCount();
    for (const reason of [undefined, '   ']) {
      const result = await decide('marta', request.id, false, reason);
      expect(result).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ path: ['reason'], message: 'A reason is required to reject' }],
      });
    }
    expect(await auditCount()).toBe(before);
    expect((await inbox('marta')).map((r) => r.id)).toContain(request.id);
  });

  it('a KAM cannot decide, not even on their own request', async () => {
    const request = await pendingAtAlba();
    expect(await decide('ana', request.id, true)).toMatchObject({
      __typename: 'ForbiddenError',
      code: 'FORBIDDEN',
    });
    expect(await decide('luis', request.id, true)).toMatchObject({ __typename: 'ForbiddenError' });
  });

  it("another team's manager cannot even see it", async () => {
    const request = await pendingAtAlba();
    expect(await decide('jorge', request.id, true)).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: 'Resource request not found',
    });
    expect((await client('jorge').data<{ node: unknown }>(NODE, { id: request.id })).node).toBeNull();
    expect((await inbox('jorge')).map((r) => r.id)).not.toContain(request.id);
  });

  it('re-sending the same decision returns the request unchanged; the opposite one is refused', async () => {
    const request = await pendingAtAlba();
    const first = await decide('marta', request.id, true, 'Adelante');
    const before = await auditCount();
    const again = await decide('marta', request.id, true);
    expect(again).toEqual(first);
    expect(await auditCount()).toBe(before);
    const opposite = await decide('marta', request.id, false, 'Me lo he pensado mejor');
    expect(opposite).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: [], message: 'This request has already been decided' }],
    });
    expect(await auditCount()).toBe(before);
  });

  it('two decisions sent at once are applied once: the same one twice succeeds, opposite ones do not', async () => {
    const same = await pendingAtAlba();
    const before = await auditCount();
    const [a, b] = await Promise.all([decide('marta', same.id, true), decide('marta', same.id, true)]);
    expect(a).toEqual(b);
    expect(await auditCount()).toBe(before + 1);
    const opposite = await pendingAtAlba();
    const results = await Promise.all([
      decide('marta', opposite.id, true),
      decide('marta', opposite.id, false, 'No'),
    ]);
    expect(results.map((r) => r.__typename).sort()).toEqual([
      'DecideResourceRequestSuccess',
      'ValidationError',
    ]);
  });

  it('answers in Spanish', async () => {
    const marta = await t.as('marta', 'es');
    const request = await pendingAtAlba();
    const noReason = (
      await marta.data<{ decideResourceRequest: Result }>(DECIDE, { id: request.id, approve: false })
    ).decideResourceRequest;
    expect(noReason).toMatchObject({
      message: 'Los datos no son válidos',
      issues: [{ path: ['reason'], message: 'Hace falta un motivo para rechazar' }],
    });
    await decide('marta', request.id, true);
    const twice = (
      await marta.data<{ decideResourceRequest: Result }>(DECIDE, {
        id: request.id,
        approve: false,
        reason: 'No',
      })
    ).decideResourceRequest;
    expect(twice.issues?.[0]?.message).toBe('Esta solicitud ya está decidida');
    const ana = await t.as('ana', 'es');
    const both = (
      await ana.data<{ createResourceRequest: Result }>(CREATE, {
        input: { accountId: accountIds['Supermercados Alba'], kind: 'BUDGET', description: 'x' },
      })
    ).createResourceRequest;
    expect(both.issues?.[0]?.message).toBe('Elige exactamente una: una acción del plan o una oportunidad');
    const forbidden = (
      await ana.data<{ decideResourceRequest: Result }>(DECIDE, { id: request.id, approve: true })
    ).decideResourceRequest;
    expect(forbidden.message).toBe('No tienes permiso para hacer esto');
  });
});

describe('the approvals inbox', () => {
  it('lists PENDING requests of the team, oldest first, and pages with cursors', async () => {
    const newest = await pendingAtAlba('La más reciente');
    const list = await inbox('marta');
    expect(list.every((r) => r.status === 'PENDING')).toBe(true);
    const times = list.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort());
    expect(list.at(-1)?.id).toBe(newest.id);
    const page1 = await client('marta').data<{ pendingResourceRequests: Connection }>(PENDING, { first: 2 });
    const page2 = await client('marta').data<{ pendingResourceRequests: Connection }>(PENDING, {
      first: 100,
      after: page1.pendingResourceRequests.pageInfo.endCursor,
    });
    expect(
      [...page1.pendingResourceRequests.edges, ...page2.pendingResourceRequests.edges].map((e) => e.node.id),
    ).toEqual(list.map((r) => r.id));
    expect(page1.pendingResourceRequests.totalCount).toBe(list.length);
  });

  it('a decided request leaves the inbox', async () => {
    const request = await pendingAtAlba();
    await decide('marta', request.id, true);
    expect((await inbox('marta')).map((r) => r.id)).not.toContain(request.id);
  });

  it('is empty for KAMs and admins, who decide nothing', async () => {
    expect(await inbox('ana')).toEqual([]);
    expect(await inbox('admin')).toEqual([]);
  });

  it('refuses a malformed cursor with a clear error', async () => {
    const bad = await client('marta').gql(PENDING, { first: 5, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });
});

describe('who may see, ask for and decide a request (authorization matrix)', () => {
  // A request by Ana on Supermercados Alba: Luis supports the account, Marta manages the team.
  // A request by Ana on Coop Valle Verde, which Luis does not support, tells the "other KAM" apart.
  const matrix: [string, string, string, boolean, string, string][] = [
    ['owner KAM', 'ana', 'Coop Valle Verde', true, 'CreateResourceRequestSuccess', 'ForbiddenError'],
    ['other KAM of the same team', 'luis', 'Coop Valle Verde', false, 'NotFoundError', 'NotFoundError'],
    ['supporting KAM', 'luis', 'Supermercados Alba', true, 'CreateResourceRequestSuccess', 'ForbiddenError'],
    ['KAM of another team', 'sofia', 'Coop Valle Verde', false, 'NotFoundError', 'NotFoundError'],
    [
      "the team's manager",
      'marta',
      'Coop Valle Verde',
      true,
      'CreateResourceRequestSuccess',
      'DecideResourceRequestSuccess',
    ],
    ['the other manager', 'jorge', 'Coop Valle Verde', false, 'NotFoundError', 'NotFoundError'],
    ['admin', 'admin', 'Coop Valle Verde', true, 'ForbiddenError', 'ForbiddenError'],
  ];
  it.each(matrix)(
    '%s (%s) on %s: sees it → %s; asking → %s; deciding → %s',
    async (_role, who, account, sees, asking, deciding) => {
      const request = (await ask('ana', account, { description: `Para ${who}` })).data as Request;
      const node = await client(who).data<{ node: { description: string } | null }>(NODE, { id: request.id });
      expect(node.node?.description ?? null).toBe(sees ? `Para ${who}` : null);
      const nested = await client(who).data<{ node: { resourceRequests: { id: string }[] } | null }>(
        ACCOUNT_REQUESTS,
        { id: accountIds[account] },
      );
      expect(nested.node?.resourceRequests.some((r) => r.id === request.id) ?? false).toBe(sees);
      const listed = [
        ...(await inbox(who)),
        ...(await client(who).data<{ myResourceRequests: Connection }>(MINE)).myResourceRequests.edges.map(
          (e) => e.node,
        ),
      ];
      // Only the asker's list and the deciding manager's inbox hold it.
      expect(listed.some((r) => r.id === request.id)).toBe(who === 'ana' || who === 'marta');
      expect((await ask(who, account)).__typename).toBe(asking);
      expect((await decide(who, request.id, true)).__typename).toBe(deciding);
    },
  );
});

describe('batching', () => {
  it('loads opportunities and requests of every account with a constant number of queries', async () => {
    const query = `{ accounts(first: 100) { edges { node {
      opportunities { title owner { email } planActions { title } resourceRequests { status } }
      resourceRequests { requestedBy { email } decidedBy { email } opportunity { title } planAction { title } account { name } }
    } } } }`;
    t.resetQueries();
    const data = await client('admin').data<{
      accounts: { edges: { node: { opportunities: unknown[]; resourceRequests: unknown[] } }[] };
    }>(query);
    const rows = data.accounts.edges.flatMap((e) => [...e.node.opportunities, ...e.node.resourceRequests]);
    expect(rows.length).toBeGreaterThan(20);
    expect(t.queries.length).toBeLessThanOrEqual(14);
  });
});

describe('asking for resources from the phone outbox (client-made id)', () => {
  const CONFLICTING = `mutation($input: CreateResourceRequestInput!) {
    createResourceRequest(input: $input) {
      __typename
      ... on CreateResourceRequestSuccess { data { id description status version } }
      ... on Error { code message }
      ... on ValidationError { issues { path message } }
      ... on ConflictError { currentVersion current { __typename ... on ResourceRequest { description amount } } }
    }
  }`;
  const send = async (
    who: string | Client,
    input: Record<string, unknown>,
  ): Promise<Result & Record<string, unknown>> => {
    const c = typeof who === 'string' ? client(who) : who;
    const result = await c.data<{ createResourceRequest: Result & Record<string, unknown> }>(CONFLICTING, {
      input,
    });
    return result.createResourceRequest;
  };
  const input = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    accountId: accountIds['Supermercados Alba'],
    kind: 'BUDGET',
    amount: 1500,
    description: 'Cabecera de góndola en 12 tiendas',
    opportunityId: firstOpportunity('Supermercados Alba'),
    ...extra,
  });
  const rowsWithId = async (id: string) =>
    (await t.app.orm.em.fork().getConnection().execute('select id from resource_request where id = ?', [id]))
      .length;

  it('stores the request once however often the same send arrives, with one audit entry', async () => {
    const id = crypto.randomUUID();
    const first = await send('ana', input(id));
    expect(first).toMatchObject({ __typename: 'CreateResourceRequestSuccess', data: { status: 'PENDING' } });
    const audits = await auditCount();
    const again = await send('ana', {
      ...input(id),
      amount: 1500.0,
      description: '  Cabecera de góndola en 12 tiendas ',
    });
    expect(again).toMatchObject({ __typename: 'CreateResourceRequestSuccess', data: first.data as object });
    expect(await rowsWithId(id)).toBe(1);
    expect(await auditCount()).toBe(audits);
  });

  it('two identical sends racing each other store one request and answer both with it', async () => {
    const id = crypto.randomUUID();
    const audits = await auditCount();
    const [a, b] = await Promise.all([send('ana', input(id)), send('ana', input(id))]);
    expect(a).toMatchObject({ __typename: 'CreateResourceRequestSuccess' });
    expect(b).toMatchObject({ __typename: 'CreateResourceRequestSuccess', data: a.data as object });
    expect(await rowsWithId(id)).toBe(1);
    expect(await auditCount()).toBe(audits + 1);
  });

  it('a late re-send after the manager decided returns the request as it is now', async () => {
    const id = crypto.randomUUID();
    const first = await send('ana', input(id));
    await decide('marta', (first.data as Request).id, true);
    const again = await send('ana', input(id));
    expect(again).toMatchObject({ __typename: 'CreateResourceRequestSuccess', data: { status: 'APPROVED' } });
    expect(await rowsWithId(id)).toBe(1);
  });

  it('the same id with other content is a conflict carrying the stored request, and changes nothing', async () => {
    const id = crypto.randomUUID();
    await send('ana', input(id));
    const audits = await auditCount();
    const other = await send('ana', input(id, { amount: 9000 }));
    expect(other).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: 1,
      current: {
        __typename: 'ResourceRequest',
        amount: 1500,
        description: 'Cabecera de góndola en 12 tiendas',
      },
    });
    expect(await rowsWithId(id)).toBe(1);
    expect(await auditCount()).toBe(audits);
  });

  it('an id taken on an account the caller cannot see says only that it is taken (in Spanish too)', async () => {
    const id = crypto.randomUUID();
    await send('ana', input(id));
    const bySofia = await send('sofia', {
      ...input(id),
      accountId: accountIds['FreshMarket Europa'],
      opportunityId: firstOpportunity('FreshMarket Europa'),
    });
    expect(bySofia).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'This request id is already in use' }],
    });
    expect(JSON.stringify(bySofia)).not.toContain('góndola');
    const es = await t.as('jorge', 'es');
    expect(await send(es, input(id))).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'Este identificador de solicitud ya está en uso' }],
    });
  });

  it('refuses an id that is not a UUID, naming the field, and stores nothing', async () => {
    const audits = await auditCount();
    const result = await send('ana', input('12345'));
    expect(result).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['id'] }] });
    expect(await auditCount()).toBe(audits);
  });
});
