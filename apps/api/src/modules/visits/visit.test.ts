import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

/** An ISO date `days` from today (UTC): inside the demo's active plans, which run well past it. */
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const ACCOUNTS = '{ accounts(first: 100) { edges { node { id name } } } }';
const PEOPLE = `query($id: ID!) {
  node(id: $id) { ... on Account { stakeholders { id name lastContact lastVisit { purpose } } } }
}`;
const VISIT_FIELDS = `id uuid occurredAt kind purpose notes outcomes acceptance
  kam { email } account { name } stakeholders { name } location { lat lng label }
  nextSteps { title dueDate owner { email } }
  createdActions { title dueDate source owner { email } }`;
const LOG = `mutation($input: LogVisitInput!) {
  logVisit(input: $input) {
    __typename
    ... on LogVisitSuccess { data { ${VISIT_FIELDS} } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
    ... on ConflictError { current { ... on Visit { purpose acceptance } } }
  }
}`;
const ACCOUNT_VISITS = `query($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on Account {
      visits(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id occurredAt acceptance kam { name } stakeholders { name } location { label } } }
      }
    }
  }
}`;
const MY_VISITS = `query($first: Int, $after: String) {
  myVisits(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id occurredAt kam { email } account { name } } }
  }
}`;
const NODE = 'query($id: ID!) { node(id: $id) { __typename ... on Visit { purpose } } }';

interface Visit {
  id: string;
  uuid: string;
  occurredAt: string;
  purpose: string;
  kam: { email: string } | null;
  stakeholders: { name: string }[];
  createdActions: { title: string; dueDate: string; source: string; owner: { email: string } }[];
}
type LogResult = Record<string, unknown> & { __typename: string; data?: Visit };
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; occurredAt: string; kam: { email?: string; name?: string } | null } }[];
}

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const userIds: Record<string, string> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;
const as = (who: string) => clients[who] as Client;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

async function people(account: string) {
  const result = await as('ana').data<{
    node: {
      stakeholders: {
        id: string;
        name: string;
        lastContact: string | null;
        lastVisit: { purpose: string } | null;
      }[];
    };
  }>(PEOPLE, { id: ids[account] });
  return result.node.stakeholders;
}

async function stakeholderId(account: string, name: string): Promise<string> {
  const found = (await people(account)).find((p) => p.name === name);
  if (!found) throw new Error(`no stakeholder ${name}`);
  return found.id;
}

async function log(who: string | Client, input: Record<string, unknown>): Promise<LogResult> {
  const client = typeof who === 'string' ? as(who) : who;
  return (await client.data<{ logVisit: LogResult }>(LOG, { input })).logVisit;
}

function visitInput(account: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    accountId: ids[account],
    occurredAt: hoursAgo(2),
    kind: 'IN_PERSON',
    purpose: 'Revisión del plan promocional de verano',
    notes: 'Repasamos las cabeceras de julio.',
    outcomes: 'De acuerdo con dos acciones de folleto.',
    acceptance: 4,
    ...extra,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of USERS) {
    clients[who] = await t.as(who);
    userIds[who] = (await as(who).data<{ me: { id: string } }>('{ me { id } }')).me.id;
  }
  const all = await as('admin').data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNTS,
  );
  for (const { node } of all.accounts.edges) ids[node.name] = node.id;
});
afterAll(() => t.close());

describe('logging a visit', () => {
  it('stores the visit with the stakeholders met and turns next steps into plan actions', async () => {
    const carmen = await stakeholderId('Supermercados Alba', 'Carmen Ortega Ruiz');
    const elena = await stakeholderId('Supermercados Alba', 'Elena Vidal Sanz');
    const actionsBefore = await count('plan_action');
    const result = await log(
      'ana',
      visitInput('Supermercados Alba', {
        stakeholderIds: [carmen, elena],
        location: { lat: 42.3439, lng: -3.6969, label: 'Oficinas centrales, Burgos' },
        nextSteps: [
          { title: 'Enviar propuesta de cabeceras', dueDate: inDays(30) },
          { title: 'Preparar datos de sell-out', dueDate: inDays(35), ownerId: userIds.luis },
        ],
      }),
    );
    expect(result).toMatchObject({
      __typename: 'LogVisitSuccess',
      data: {
        kind: 'IN_PERSON',
        acceptance: 4,
        kam: { email: 'ana@clave.dev' },
        account: { name: 'Supermercados Alba' },
        location: { lat: 42.3439, lng: -3.6969, label: 'Oficinas centrales, Burgos' },
        createdActions: [
          { title: 'Enviar propuesta de cabeceras', source: 'VISIT', owner: { email: 'ana@clave.dev' } },
          { title: 'Preparar datos de sell-out', source: 'VISIT', owner: { email: 'luis@clave.dev' } },
        ],
      },
    });
    expect(result.data?.stakeholders.map((s) => s.name).sort()).toEqual([
      'Carmen Ortega Ruiz',
      'Elena Vidal Sanz',
    ]);
    expect(await count('plan_action')).toBe(actionsBefore + 2);
  });

  it("derives a stakeholder's last contact from the latest visit that met them", async () => {
    const before = (await people('Distribuciones Cantábrico')).find((p) => p.name === 'Beatriz Sainz');
    const occurredAt = hoursAgo(1);
    await log(
      'ana',
      visitInput('Distribuciones Cantábrico', {
        occurredAt,
        purpose: 'Revisión de condiciones de pago',
        stakeholderIds: [before?.id],
      }),
    );
    await log(
      'ana',
      visitInput('Distribuciones Cantábrico', { occurredAt: hoursAgo(30), stakeholderIds: [before?.id] }),
    );
    const after = (await people('Distribuciones Cantábrico')).find((p) => p.name === 'Beatriz Sainz');
    expect(after?.lastContact).toBe(occurredAt);
    expect(after?.lastVisit).toEqual({ purpose: 'Revisión de condiciones de pago' });
    if (before?.lastContact) expect(Date.parse(before.lastContact)).toBeLessThan(Date.parse(occurredAt));
  });

  it('a stakeholder nobody has met has no last contact', async () => {
    const created = await as('ana').data<{ createStakeholder: { data: { lastContact: string | null } } }>(
      `mutation($input: CreateStakeholderInput!) {
        createStakeholder(input: $input) { ... on CreateStakeholderSuccess { data { lastContact } } }
      }`,
      { input: { accountId: ids['Coop Valle Verde'], name: 'Persona Nueva', decisionRole: 'USER' } },
    );
    expect(created.createStakeholder.data.lastContact).toBeNull();
  });
});

describe('a visit synced twice is stored once', () => {
  it('sending the same input twice stores it once and returns the same visit', async () => {
    const input = visitInput('Coop Valle Verde', {
      nextSteps: [{ title: 'Llamar a Inés', dueDate: inDays(40) }],
    });
    const visitsBefore = await count('visit');
    const actionsBefore = await count('plan_action');
    const first = await log('ana', input);
    const second = await log('ana', input);
    expect(first.__typename).toBe('LogVisitSuccess');
    expect(second).toEqual(first);
    expect(await count('visit')).toBe(visitsBefore + 1);
    expect(await count('plan_action')).toBe(actionsBefore + 1);
  });

  it('recognises a retry with the same meaning written differently (time zone, order of people)', async () => {
    const [a, b] = [
      await stakeholderId('Supermercados Alba', 'Carmen Ortega Ruiz'),
      await stakeholderId('Supermercados Alba', 'Pablo Núñez Gil'),
    ];
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000);
    const input = visitInput('Supermercados Alba', { occurredAt: at.toISOString(), stakeholderIds: [a, b] });
    const first = await log('luis', input);
    const local = new Date(at.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+02:00');
    const retry = await log('luis', {
      ...input,
      occurredAt: local,
      stakeholderIds: [b, a],
      purpose: ` ${input.purpose} `,
    });
    expect(retry).toEqual(first);
  });

  it('the same id with different content is a ConflictError carrying the stored visit, and changes nothing', async () => {
    const input = visitInput('Selecta Gourmet', { purpose: 'Cata de quesos curados', acceptance: 5 });
    await log('ana', input);
    const auditBefore = await count('audit_entry');
    const conflict = await log('ana', { ...input, acceptance: 2 });
    expect(conflict).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      current: { purpose: 'Cata de quesos curados', acceptance: 5 },
    });
    expect(await count('audit_entry')).toBe(auditBefore);
  });

  it('two identical sends racing each other store one visit and both get it', async () => {
    const input = visitInput('Supermercados Alba', {
      nextSteps: [{ title: 'Confirmar pedido de prueba', dueDate: inDays(45) }],
    });
    const visitsBefore = await count('visit');
    const actionsBefore = await count('plan_action');
    const [a, b] = await Promise.all([log('ana', input), log('ana', input)]);
    expect(a).toMatchObject({ __typename: 'LogVisitSuccess' });
    expect(b).toEqual(a);
    expect(await count('visit')).toBe(visitsBefore + 1);
    expect(await count('plan_action')).toBe(actionsBefore + 1);
  });
});

describe('refused visits change nothing', () => {
  it('a stakeholder of another account is a ValidationError on that stakeholder', async () => {
    const other = await stakeholderId('Coop Valle Verde', 'Inés Carrasco');
    const own = await stakeholderId('Supermercados Alba', 'Carmen Ortega Ruiz');
    const [visits, audit] = [await count('visit'), await count('audit_entry')];
    const result = await log('ana', visitInput('Supermercados Alba', { stakeholderIds: [own, other] }));
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['stakeholderIds', '1'], message: 'Must be a stakeholder of this account' }],
    });
    expect([await count('visit'), await count('audit_entry')]).toEqual([visits, audit]);
  });

  it('if a next step cannot become a plan action, the visit is not stored either', async () => {
    const [visits, actions] = [await count('visit'), await count('plan_action')];
    const badOwner = await log(
      'ana',
      visitInput('Supermercados Alba', {
        nextSteps: [
          { title: 'Paso válido', dueDate: inDays(20) },
          { title: 'Paso de otra persona', dueDate: inDays(20), ownerId: userIds.sofia },
        ],
      }),
    );
    expect(badOwner).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['nextSteps', '1', 'ownerId'] }],
    });
    // A next step due after the active plan ends names its own date.
    const afterPlan = await log(
      'ana',
      visitInput('Supermercados Alba', {
        nextSteps: [
          { title: 'Paso válido', dueDate: inDays(20) },
          { title: 'Paso fuera del plan', dueDate: '2099-01-01' },
        ],
      }),
    );
    expect(afterPlan).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['nextSteps', '1', 'dueDate'], message: "Must fall within the plan's horizon" }],
    });
    // Selecta Gourmet (a development account) has no active plan in the demo.
    const noPlan = await log(
      'ana',
      visitInput('Selecta Gourmet', { nextSteps: [{ title: 'Enviar catálogo', dueDate: inDays(20) }] }),
    );
    expect(noPlan).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['nextSteps'] }] });
    expect([await count('visit'), await count('plan_action')]).toEqual([visits, actions]);
  });

  it('a visit dated more than a day ahead is refused, in Spanish for a Spanish phone', async () => {
    const ana = await t.as('ana', 'es');
    const result = await log(
      ana,
      visitInput('Supermercados Alba', { occurredAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
    );
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      message: 'Los datos no son válidos',
      issues: [
        { path: ['occurredAt'], message: 'Una visita no puede tener fecha de más de un día en el futuro' },
      ],
    });
    const tomorrowMorning = await log(
      ana,
      visitInput('Supermercados Alba', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    expect(tomorrowMorning.__typename).toBe('LogVisitSuccess');
  });

  it('bad input names every bad field', async () => {
    const result = await log('ana', {
      ...visitInput('Supermercados Alba'),
      id: 'not-a-uuid',
      occurredAt: '2026-01-01 10:00',
      acceptance: 6,
      purpose: '',
    });
    expect(result.__typename).toBe('ValidationError');
    expect((result.issues as { path: string[] }[]).map((i) => i.path.join('.')).sort()).toEqual([
      'acceptance',
      'id',
      'occurredAt',
      'purpose',
    ]);
  });
});

describe('reading visits', () => {
  it("the account page's last 20 visits, newest first, in a fixed number of SQL statements", async () => {
    const statements = async (first: number) => {
      t.resetQueries();
      const data = await as('ana').data<{ node: { visits: Page } }>(ACCOUNT_VISITS, {
        id: ids['Supermercados Alba'],
        first,
      });
      return {
        page: data.node.visits,
        n: t.queries.filter((q) => /\b(select|insert|update|delete)\b/i.test(q)).length,
      };
    };
    const small = await statements(3);
    const large = await statements(20);
    expect(large.page.edges).toHaveLength(20);
    expect(large.n).toBe(small.n);
    const times = large.page.edges.map((e) => Date.parse(e.node.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(large.page.totalCount).toBeGreaterThan(50);
  });

  it("myVisits pages through the viewer's own visits only, newest first", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const data: { myVisits: Page } = await as('sofia').data<{ myVisits: Page }>(MY_VISITS, {
        first: 50,
        after,
      });
      total = data.myVisits.totalCount;
      for (const e of data.myVisits.edges) {
        expect(e.node.kam?.email).toBe('sofia@clave.dev');
        seen.push(e.node.id);
      }
      after = data.myVisits.pageInfo.hasNextPage ? data.myVisits.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThan(20);
    const admin = await as('admin').data<{ myVisits: Page }>(MY_VISITS, { first: 5 });
    expect(admin.myVisits.totalCount).toBe(0);
  });
});

describe('who may see and log visits (Distribuciones Cantábrico, owned by Ana)', () => {
  const matrix: [string, string, boolean, string][] = [
    ['owner KAM', 'ana', true, 'LogVisitSuccess'],
    ['other KAM of the same team', 'luis', false, 'NotFoundError'],
    ['KAM of another team', 'sofia', false, 'NotFoundError'],
    ["the team's manager", 'marta', true, 'LogVisitSuccess'],
    ['another manager', 'jorge', false, 'NotFoundError'],
    ['admin (reads, does not log visits)', 'admin', true, 'ForbiddenError'],
  ];
  it.each(matrix)('%s (%s): read %s, logVisit → %s', async (_who, user, canRead, outcome) => {
    const nested = await as(user).data<{ node: { visits: Page } | null }>(ACCOUNT_VISITS, {
      id: ids['Distribuciones Cantábrico'],
      first: 1,
    });
    expect(nested.node !== null).toBe(canRead);
    const anyVisit = (
      await as('ana').data<{ node: { visits: Page } }>(ACCOUNT_VISITS, {
        id: ids['Distribuciones Cantábrico'],
        first: 1,
      })
    ).node.visits.edges[0]?.node.id;
    const node = await as(user).data<{ node: { purpose: string } | null }>(NODE, { id: anyVisit });
    expect(node.node !== null).toBe(canRead);
    const result = await log(user, visitInput('Distribuciones Cantábrico'));
    expect(result.__typename).toBe(outcome);
  });
});
