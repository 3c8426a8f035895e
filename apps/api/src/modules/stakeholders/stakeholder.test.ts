import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const ACCOUNTS = '{ accounts(first: 100) { edges { node { id name } } } }';
const MAP = `query($id: ID!, $all: Boolean) {
  node(id: $id) {
    ... on Account {
      stakeholders(includeArchived: $all) {
        id name title decisionRole attitude archived version
        reportsTo { name }
        directReports { name directReports { name } }
      }
    }
  }
}`;
const NODE = 'query($id: ID!) { node(id: $id) { __typename ... on Stakeholder { name account { name } } } }';
const RESULT = `
    __typename
    ... on Error { code message }
    ... on ValidationError { issues { path message } }`;
const CREATE = `mutation($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) {
    ${RESULT}
    ... on CreateStakeholderSuccess { data { id name attitude reportsTo { name } account { name } } }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateStakeholderInput!) {
  updateStakeholder(id: $id, input: $input) {
    ${RESULT}
    ... on UpdateStakeholderSuccess { data { name title attitude version reportsTo { name } } }
    ... on ConflictError { currentVersion current { ... on Stakeholder { attitude account { name } } } }
  }
}`;
const ARCHIVE = `mutation($id: ID!) {
  archiveStakeholder(id: $id) { ${RESULT} ... on ArchiveStakeholderSuccess { data { archived } } }
}`;

interface Person {
  id: string;
  name: string;
  title: string | null;
  decisionRole: string;
  attitude: string;
  archived: boolean;
  version: number;
  reportsTo: { name: string } | null;
  directReports: { name: string; directReports: { name: string }[] }[];
}
type Mutation = Record<string, unknown> & { __typename: string };

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;
const as = (who: string) => clients[who] as Client;

async function map(who: string, account: string, all = false): Promise<Person[] | null> {
  const result = await as(who).data<{ node: { stakeholders: Person[] } | null }>(MAP, {
    id: ids[account],
    all,
  });
  return result.node?.stakeholders ?? null;
}

async function person(account: string, name: string): Promise<Person> {
  const found = (await map('ana', account, true))?.find((p) => p.name === name);
  if (!found) throw new Error(`no stakeholder ${name}`);
  return found;
}

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

async function mutate(
  who: string | Client,
  query: string,
  variables: Record<string, unknown>,
): Promise<Mutation> {
  const client = typeof who === 'string' ? as(who) : who;
  const data = await client.data<Record<string, Mutation>>(query, variables);
  return Object.values(data)[0] as Mutation;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of USERS) clients[who] = await t.as(who);
  const all = await as('admin').data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNTS,
  );
  for (const { node } of all.accounts.edges) ids[node.name] = node.id;
});
afterAll(() => t.close());

describe('the relationship map an API user can walk', () => {
  it('lists the people of an account with their reporting line, both ways', async () => {
    const people = (await map('ana', 'Supermercados Alba')) ?? [];
    expect(people.length).toBeGreaterThanOrEqual(3);
    const buyer = people.find((p) => p.title === 'Directora de Compras');
    expect(buyer).toMatchObject({
      decisionRole: 'DECISION_MAKER',
      reportsTo: { name: 'Ricardo Alba Montes' },
    });
    expect(buyer?.directReports.map((r) => r.name)).toContain('Carmen Ortega Ruiz');
    const carmen = people.find((p) => p.name === 'Carmen Ortega Ruiz');
    expect(carmen).toMatchObject({
      title: 'Jefa de Categoría Lácteos',
      reportsTo: { name: 'Elena Vidal Sanz' },
    });
    const ceo = people.find((p) => p.reportsTo === null);
    expect(ceo?.directReports.flatMap((r) => r.directReports.map((x) => x.name))).toContain(
      'Carmen Ortega Ruiz',
    );
  });

  it('walks the whole map of a page of accounts in a fixed number of SQL statements', async () => {
    const query = `{ accounts(first: 100) { edges { node { stakeholders {
      name reportsTo { name } directReports { name reportsTo { name } }
    } } } } }`;
    t.resetQueries();
    await as('admin').data(query);
    const statements = t.queries.filter((q) => /\b(select|insert|update|delete)\b/i.test(q)).length;
    expect(statements).toBeLessThanOrEqual(12);
  });
});

describe('adding and changing stakeholders', () => {
  it('adds a person who reports to someone of the same account', async () => {
    const elena = await person('Supermercados Alba', 'Elena Vidal Sanz');
    const result = await mutate('ana', CREATE, {
      input: {
        accountId: ids['Supermercados Alba'],
        name: 'Sergio Llorente',
        title: 'Comprador Quesos',
        decisionRole: 'INFLUENCER',
        reportsToId: elena.id,
        email: 'Sergio.Llorente@Alba.example',
        phone: '+34 600 11 22 33',
      },
    });
    expect(result).toMatchObject({
      __typename: 'CreateStakeholderSuccess',
      data: { name: 'Sergio Llorente', attitude: 'NEUTRAL', reportsTo: { name: 'Elena Vidal Sanz' } },
    });
    expect(
      (await person('Supermercados Alba', 'Elena Vidal Sanz')).directReports.map((r) => r.name),
    ).toContain('Sergio Llorente');
  });

  it('refuses a manager from another account, and stores nothing', async () => {
    const otherAccount = await person('Coop Valle Verde', 'Inés Carrasco');
    const before = await count('stakeholder');
    const auditBefore = await count('audit_entry');
    const result = await mutate('ana', CREATE, {
      input: {
        accountId: ids['Supermercados Alba'],
        name: 'Nadie',
        decisionRole: 'USER',
        reportsToId: otherAccount.id,
      },
    });
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['reportsToId'], message: 'Must be a stakeholder of this account' }],
    });
    expect(await count('stakeholder')).toBe(before);
    expect(await count('audit_entry')).toBe(auditBefore);
  });

  it('refuses reporting lines that go round in a circle (also to oneself), in Spanish', async () => {
    const ana = await t.as('ana', 'es');
    const elena = await person('Supermercados Alba', 'Elena Vidal Sanz');
    const carmen = await person('Supermercados Alba', 'Carmen Ortega Ruiz');
    const cycle = await mutate(ana, UPDATE, { id: elena.id, input: { reportsToId: carmen.id } });
    expect(cycle).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['reportsToId'], message: 'Esta línea de dependencia formaría un círculo' }],
    });
    const self = await mutate(ana, UPDATE, { id: elena.id, input: { reportsToId: elena.id } });
    expect(self).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['reportsToId'] }] });
    expect((await person('Supermercados Alba', 'Elena Vidal Sanz')).reportsTo).toEqual({
      name: 'Ricardo Alba Montes',
    });
  });

  it('changes the fields sent, clears with null, and refuses a stale version with the current data', async () => {
    const javier = await person('Supermercados Alba', 'Javier Molina Torres');
    const changed = await mutate('luis', UPDATE, {
      id: javier.id,
      input: { expectedVersion: javier.version, attitude: 'NEUTRAL', title: null, reportsToId: null },
    });
    expect(changed).toMatchObject({
      __typename: 'UpdateStakeholderSuccess',
      data: {
        name: 'Javier Molina Torres',
        title: null,
        attitude: 'NEUTRAL',
        reportsTo: null,
        version: javier.version + 1,
      },
    });
    const stale = await mutate('ana', UPDATE, {
      id: javier.id,
      input: { expectedVersion: javier.version, attitude: 'CHAMPION' },
    });
    expect(stale).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: javier.version + 1,
      // Relations of the current object load too, though the refused transaction is over.
      current: { attitude: 'NEUTRAL', account: { name: 'Supermercados Alba' } },
    });
  });

  it('bad input names every bad field and changes nothing', async () => {
    const before = await count('stakeholder');
    const result = await mutate('ana', CREATE, {
      input: {
        accountId: ids['Supermercados Alba'],
        name: ' ',
        decisionRole: 'USER',
        email: 'no',
        phone: 'abc',
      },
    });
    expect(result.__typename).toBe('ValidationError');
    expect((result.issues as { path: string[] }[]).map((i) => i.path.join('.'))).toEqual([
      'name',
      'email',
      'phone',
    ]);
    expect(await count('stakeholder')).toBe(before);
  });

  it('archiving leaves the person off the map (kept on request); twice is harmless', async () => {
    const marta = await person('Supermercados Alba', 'Marta Esteban Ríos');
    expect(await mutate('ana', ARCHIVE, { id: marta.id })).toMatchObject({ data: { archived: true } });
    expect(await mutate('ana', ARCHIVE, { id: marta.id })).toMatchObject({ data: { archived: true } });
    expect((await map('ana', 'Supermercados Alba'))?.map((p) => p.name)).not.toContain('Marta Esteban Ríos');
    expect((await map('ana', 'Supermercados Alba', true))?.map((p) => p.name)).toContain(
      'Marta Esteban Ríos',
    );
    const edit = await mutate('ana', UPDATE, { id: marta.id, input: { attitude: 'CHAMPION' } });
    expect(edit).toMatchObject({ __typename: 'ValidationError', message: 'The input is not valid' });
  });
});

describe('who may see and change stakeholders (Distribuciones Cantábrico, owned by Ana)', () => {
  const matrix: [string, string, boolean, string][] = [
    ['owner KAM', 'ana', true, 'UpdateStakeholderSuccess'],
    ['other KAM of the same team', 'luis', false, 'NotFoundError'],
    ['KAM of another team', 'sofia', false, 'NotFoundError'],
    ["the team's manager", 'marta', true, 'UpdateStakeholderSuccess'],
    ['another manager', 'jorge', false, 'NotFoundError'],
    ['admin (reads, does not write)', 'admin', true, 'ForbiddenError'],
  ];
  it.each(matrix)('%s (%s): read %s, update → %s', async (_who, user, canRead, outcome) => {
    const rosa = await person('Distribuciones Cantábrico', 'Rosa Cuesta');
    const nested = await map(user, 'Distribuciones Cantábrico');
    expect(nested?.some((p) => p.name === 'Rosa Cuesta') ?? false).toBe(canRead);
    const node = await as(user).data<{ node: { name: string } | null }>(NODE, { id: rosa.id });
    expect(node.node?.name ?? null).toBe(canRead ? 'Rosa Cuesta' : null);
    const update = await mutate(user, UPDATE, { id: rosa.id, input: { title: `Jefa de Compras (${user})` } });
    expect(update.__typename).toBe(outcome);
    const create = await mutate(user, CREATE, {
      input: {
        accountId: ids['Distribuciones Cantábrico'],
        name: `Contacto de ${user}`,
        decisionRole: 'USER',
      },
    });
    expect(create.__typename).toBe(outcome.replace('Update', 'Create'));
  });
});

describe('adding a stakeholder from the phone outbox (client-made id)', () => {
  const CREATE_WITH_VERSION = `mutation($input: CreateStakeholderInput!) {
    createStakeholder(input: $input) {
      ${RESULT}
      ... on CreateStakeholderSuccess { data { id name title version } }
      ... on ConflictError { currentVersion current { __typename ... on Stakeholder { id name title } } }
    }
  }`;
  const input = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    accountId: ids['Supermercados Alba'],
    name: 'Lucía Ferrer',
    title: 'Jefa de Frescos',
    decisionRole: 'INFLUENCER',
    ...extra,
  });

  it('stores a stakeholder once however often the same send arrives, with one audit entry', async () => {
    const id = crypto.randomUUID();
    const first = await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    expect(first.__typename).toBe('CreateStakeholderSuccess');
    const rows = await count('stakeholder');
    const audits = await count('audit_entry');
    // The answer was lost and the phone sends again, with the fields in another order and spelling.
    const again = await mutate('ana', CREATE_WITH_VERSION, {
      input: { ...input(id), title: '  Jefa de Frescos ', attitude: 'NEUTRAL' },
    });
    expect(again).toMatchObject({ __typename: 'CreateStakeholderSuccess', data: first.data as object });
    expect(await count('stakeholder')).toBe(rows);
    expect(await count('audit_entry')).toBe(audits);
    const stored = await t.app.orm.em
      .fork()
      .getConnection()
      .execute('select id from stakeholder where id = ?', [id]);
    expect(stored).toHaveLength(1);
  });

  it('two identical sends racing each other store one stakeholder and answer both with it', async () => {
    const id = crypto.randomUUID();
    const audits = await count('audit_entry');
    const [a, b] = await Promise.all([
      mutate('ana', CREATE_WITH_VERSION, { input: input(id) }),
      mutate('ana', CREATE_WITH_VERSION, { input: input(id) }),
    ]);
    expect(a).toMatchObject({ __typename: 'CreateStakeholderSuccess' });
    expect(b).toMatchObject({ __typename: 'CreateStakeholderSuccess', data: a.data as object });
    const rows = await t.app.orm.em
      .fork()
      .getConnection()
      .execute('select id from stakeholder where id = ?', [id]);
    expect(rows).toHaveLength(1);
    expect(await count('audit_entry')).toBe(audits + 1);
  });

  it('the same id with other content is a conflict carrying the stored stakeholder, and changes nothing', async () => {
    const id = crypto.randomUUID();
    await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    const rows = await count('stakeholder');
    const audits = await count('audit_entry');
    const other = await mutate('ana', CREATE_WITH_VERSION, { input: input(id, { name: 'Otra Persona' }) });
    expect(other).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: 1,
      current: { __typename: 'Stakeholder', name: 'Lucía Ferrer', title: 'Jefa de Frescos' },
    });
    expect(await count('stakeholder')).toBe(rows);
    expect(await count('audit_entry')).toBe(audits);
  });

  it('a re-send after the stakeholder was edited still returns it, edits included', async () => {
    const id = crypto.randomUUID();
    const first = await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    const globalId = (first.data as { id: string }).id;
    await mutate('ana', UPDATE, { id: globalId, input: { title: 'Directora de Frescos' } });
    const again = await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    expect(again).toMatchObject({
      __typename: 'CreateStakeholderSuccess',
      data: { id: globalId, title: 'Directora de Frescos', version: 2 },
    });
  });

  it('the same id sent by another colleague of the account is a conflict, not a second person', async () => {
    const id = crypto.randomUUID();
    await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    const byLuis = await mutate('luis', CREATE_WITH_VERSION, { input: input(id) });
    expect(byLuis).toMatchObject({ __typename: 'ConflictError', current: { name: 'Lucía Ferrer' } });
  });

  it('an id taken on an account the caller cannot see says only that it is taken (in Spanish too)', async () => {
    const id = crypto.randomUUID();
    await mutate('ana', CREATE_WITH_VERSION, { input: input(id) });
    const sofia = await mutate('sofia', CREATE_WITH_VERSION, {
      input: { ...input(id), accountId: ids['FreshMarket Europa'] },
    });
    expect(sofia).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'This stakeholder id is already in use' }],
    });
    expect(JSON.stringify(sofia)).not.toContain('Lucía');
    const es = await t.as('sofia', 'es');
    const inSpanish = await mutate(es, CREATE_WITH_VERSION, { input: input(id) });
    expect(inSpanish).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'Este identificador de persona de contacto ya está en uso' }],
    });
  });

  it('refuses an id that is not a UUID, naming the field', async () => {
    const result = await mutate('ana', CREATE_WITH_VERSION, { input: input('not-a-uuid') });
    expect(result).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['id'] }] });
  });
});
