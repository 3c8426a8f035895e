import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const ACCOUNTS = '{ accounts(first: 100) { edges { node { id name } } } }';
const PROFILE = `query($id: ID!) {
  node(id: $id) {
    ... on Account {
      profile { id version mission fears updatedBy { email } }
      profileHistory(first: 10) { section before after version author { email } at }
    }
  }
}`;
const PROFILE_NODE =
  'query($id: ID!) { node(id: $id) { __typename ... on AccountProfile { mission version } } }';
const UPDATE = `mutation($accountId: ID!, $input: UpdateAccountProfileInput!) {
  updateAccountProfile(accountId: $accountId, input: $input) {
    __typename
    ... on UpdateAccountProfileSuccess { data { id version mission vision fears updatedBy { email } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
    ... on ConflictError { currentVersion current { ... on AccountProfile { version mission } } }
  }
}`;

interface Profile {
  id: string;
  version: number;
  mission: string;
  fears: string;
  updatedBy: { email: string } | null;
}
interface Revision {
  section: string;
  before: string;
  after: string;
  version: number;
  author: { email: string } | null;
  at: string;
}
type ProfileResult = { node: { profile: Profile; profileHistory: Revision[] } | null };

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;

const as = (who: string) => clients[who] as Client;
const accountId = (name: string) => ids[name] as string;

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

async function profileOf(who: string, account: string): Promise<ProfileResult['node']> {
  return (await as(who).data<ProfileResult>(PROFILE, { id: accountId(account) })).node;
}

async function profileFor(who: string, account: string): Promise<Profile> {
  const node = await profileOf(who, account);
  if (!node) throw new Error(`${who} cannot read ${account}`);
  return node.profile;
}

async function update(who: string | Client, account: string, input: Record<string, unknown>) {
  const client = typeof who === 'string' ? as(who) : who;
  const result = await client.data<{ updateAccountProfile: Record<string, unknown> }>(UPDATE, {
    accountId: accountId(account),
    input,
  });
  return result.updateAccountProfile;
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

describe('reading the account profile ("know the client")', () => {
  it('shows the demo profile of a strategic account with who wrote each section', async () => {
    const alba = await profileOf('ana', 'Supermercados Alba');
    expect(alba?.profile).toMatchObject({ version: 1, updatedBy: { email: 'ana@clave.dev' } });
    expect(alba?.profile.mission).toMatch(/frescura/);
    expect(alba?.profileHistory.map((r) => r.section)).toContain('mission');
    expect(alba?.profileHistory[0]).toMatchObject({
      before: '',
      version: 1,
      author: { email: 'ana@clave.dev' },
    });
  });

  it('an account nobody has written about has an empty profile at version 0, without storing a row', async () => {
    const before = await count('account_profile');
    const selecta = await profileOf('ana', 'Selecta Gourmet');
    expect(selecta?.profile).toMatchObject({ version: 0, mission: '', updatedBy: null });
    expect(selecta?.profileHistory).toEqual([]);
    expect(await count('account_profile')).toBe(before);
  });
});

describe('changing the profile', () => {
  it('the first edit creates the profile at version 1 and records the sections changed', async () => {
    const result = await update('ana', 'Selecta Gourmet', {
      expectedVersion: 0,
      mission: 'Lo mejor de cada región, seleccionado a mano.',
      fears: 'Que las grandes cadenas copien su surtido.',
    });
    expect(result).toMatchObject({
      __typename: 'UpdateAccountProfileSuccess',
      data: {
        version: 1,
        mission: 'Lo mejor de cada región, seleccionado a mano.',
        updatedBy: { email: 'ana@clave.dev' },
      },
    });
    const node = await as('ana').data<{ node: { __typename: string; mission: string } }>(PROFILE_NODE, {
      id: (result.data as Profile).id,
    });
    expect(node.node).toMatchObject({
      __typename: 'AccountProfile',
      mission: 'Lo mejor de cada región, seleccionado a mano.',
    });
  });

  it('every change is versioned: the history lists who changed which section when, newest first', async () => {
    const auditBefore = await count('audit_entry');
    const result = await update('marta', 'Coop Valle Verde', {
      expectedVersion: 1,
      mission: 'Alimentación de calidad, cercana y cooperativa.',
      fears: 'Pérdida de socios jóvenes.', // unchanged: not a revision
    });
    expect(result).toMatchObject({ data: { version: 2, updatedBy: { email: 'marta@clave.dev' } } });
    const coop = await profileOf('ana', 'Coop Valle Verde');
    const [latest, ...older] = coop?.profileHistory ?? [];
    expect(latest).toMatchObject({
      section: 'mission',
      before: 'Alimentación de calidad y cercana, con beneficio para socios y productores locales.',
      after: 'Alimentación de calidad, cercana y cooperativa.',
      version: 2,
      author: { email: 'marta@clave.dev' },
    });
    expect(Date.now() - Date.parse(latest?.at ?? '')).toBeLessThan(60_000);
    expect(older.every((r) => r.version === 1 && r.author?.email === 'ana@clave.dev')).toBe(true);
    expect(await count('audit_entry')).toBe(auditBefore + 1);
  });

  it('the history section is read as historyText (the field history lists the changes)', async () => {
    const text = 'Cliente desde 1998; la relación creció con la marca propia.';
    const before = await profileFor('ana', 'Supermercados Alba');
    const saved = await as('ana').data<{
      updateAccountProfile: { data: { historyText: string; version: number } };
    }>(
      `mutation($accountId: ID!, $input: UpdateAccountProfileInput!) {
        updateAccountProfile(accountId: $accountId, input: $input) {
          ... on UpdateAccountProfileSuccess { data { historyText version } }
        }
      }`,
      {
        accountId: accountId('Supermercados Alba'),
        input: { expectedVersion: before.version, history: text },
      },
    );
    expect(saved.updateAccountProfile.data).toEqual({ historyText: text, version: before.version + 1 });
    const read = await as('ana').data<{
      node: { profile: { historyText: string; history: { section: string; after: string }[] } };
    }>(
      'query($id: ID!) { node(id: $id) { ... on Account { profile { historyText history(first: 1, section: history) { section after } } } } }',
      { id: accountId('Supermercados Alba') },
    );
    expect(read.node.profile).toEqual({ historyText: text, history: [{ section: 'history', after: text }] });
  });

  it('a stale expectedVersion is a ConflictError carrying the current text, and changes nothing', async () => {
    await update('ana', 'Distribuciones Cantábrico', { expectedVersion: 1, vision: 'Líder del norte.' });
    const auditBefore = await count('audit_entry');
    const revisionsBefore = await count('account_profile_revision');
    const stale = await update('marta', 'Distribuciones Cantábrico', {
      expectedVersion: 1,
      mission: 'Sobrescritura desde un portátil sin conexión',
    });
    expect(stale).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: 2,
      current: {
        version: 2,
        mission: 'Que el pequeño comercio y la hostelería encuentren todo a buen precio y sin mínimos.',
      },
    });
    expect(await count('audit_entry')).toBe(auditBefore);
    expect(await count('account_profile_revision')).toBe(revisionsBefore);
    expect((await profileOf('ana', 'Distribuciones Cantábrico'))?.profile.mission).toMatch(
      /pequeño comercio/,
    );
  });

  it('two editors racing with the same version: one wins, the other gets a conflict', async () => {
    const { version } = await profileFor('sofia', 'Cesta Online');
    const [c, d] = await Promise.all([
      update('sofia', 'Cesta Online', { expectedVersion: version, fears: 'C' }),
      update('jorge', 'Cesta Online', { expectedVersion: version, fears: 'D' }),
    ]);
    expect([c.__typename, d.__typename].sort()).toEqual(['ConflictError', 'UpdateAccountProfileSuccess']);
  });

  it('bad input: field errors in Spanish and nothing changed', async () => {
    const ana = await t.as('ana', 'es');
    const auditBefore = await count('audit_entry');
    const empty = await update(ana, 'Supermercados Alba', { expectedVersion: 1 });
    expect(empty).toMatchObject({
      __typename: 'ValidationError',
      message: 'Los datos no son válidos',
      issues: [{ path: [], message: 'No hay nada que actualizar' }],
    });
    const long = await update(ana, 'Supermercados Alba', { expectedVersion: 1, history: 'x'.repeat(20_001) });
    expect(long).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['history'] }] });
    expect(await count('audit_entry')).toBe(auditBefore);
  });
});

describe('who may read and change a profile (Distribuciones Cantábrico, owned by Ana)', () => {
  const matrix: [string, string, boolean, string][] = [
    ['owner KAM', 'ana', true, 'UpdateAccountProfileSuccess'],
    ['other KAM of the same team', 'luis', false, 'NotFoundError'],
    ['KAM of another team', 'sofia', false, 'NotFoundError'],
    ["the team's manager", 'marta', true, 'UpdateAccountProfileSuccess'],
    ['another manager', 'jorge', false, 'NotFoundError'],
    ['admin (reads, does not write)', 'admin', true, 'ForbiddenError'],
  ];
  it.each(matrix)('%s (%s): read %s, update → %s', async (_who, user, canRead, mutation) => {
    const nested = await profileOf(user, 'Distribuciones Cantábrico');
    expect(nested?.profile.mission ?? null).toEqual(
      canRead ? expect.stringMatching(/pequeño comercio/) : null,
    );
    const profileId = (await profileOf('ana', 'Distribuciones Cantábrico'))?.profile.id;
    const node = await as(user).data<{ node: { mission: string } | null }>(PROFILE_NODE, { id: profileId });
    expect(node.node !== null).toBe(canRead);
    const { version } = await profileFor('ana', 'Distribuciones Cantábrico');
    const result = await update(user, 'Distribuciones Cantábrico', {
      expectedVersion: version,
      threats: `por ${user}`,
    });
    expect(result.__typename).toBe(mutation);
  });
});
