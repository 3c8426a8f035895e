import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, ORIGIN, type TestApp } from '../../../test/helpers.js';

// Query.users (who each role may see), the admin's view of everyone's API tokens and revoking
// them, and Account.address — all through HTTP on a fresh database with the demo.

const USERS = `query($role: Role, $search: String, $first: Int, $after: String, $teamId: ID) {
  users(role: $role, search: $search, first: $first, after: $after, teamId: $teamId) {
    totalCount
    edges { node { id name email role } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type UsersAnswer = {
  users: {
    totalCount: number;
    edges: { node: { id: string; name: string; email: string; role: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const TOKENS = `query($userId: ID, $first: Int) {
  apiTokens(userId: $userId, first: $first) {
    totalCount
    edges { node { id name prefix scopes lastUsedAt expiresAt revokedAt user { id email } } }
  }
}`;
type TokensAnswer = {
  apiTokens: {
    totalCount: number;
    edges: {
      node: { id: string; name: string; prefix: string; revokedAt: string | null; user: { email: string } };
    }[];
  };
};

const REVOKE = `mutation($id: ID!) {
  revokeApiToken(id: $id) {
    __typename
    ... on RevokeApiTokenSuccess { data { id revokedAt } }
    ... on Error { code message }
  }
}`;

let t: TestApp;
let admin: Client;
let marta: Client;
let jorge: Client;
let ana: Client;
let sofia: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  marta = await t.as('marta');
  jorge = await t.as('jorge');
  ana = await t.as('ana');
  sofia = await t.as('sofia');
});
afterAll(() => t.close());

const emails = (answer: UsersAnswer) => answer.users.edges.map((e) => e.node.email.split('@')[0]);

async function bearer(secret: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await t.app.fetch(
    new Request(`${ORIGIN}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    }),
  );
  return (await response.json()) as {
    // biome-ignore lint/suspicious/noExplicitAny: each test reads its own shape
    data?: Record<string, any>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

describe('Query.users', () => {
  it('mirrors who may read whom: admins all, managers their team, KAMs teammates and manager', async () => {
    const matrix: [Client, string[]][] = [
      [admin, ['admin', 'ana', 'jorge', 'luis', 'marta', 'sofia']],
      [marta, ['ana', 'luis', 'marta']],
      [jorge, ['jorge', 'sofia']],
      [ana, ['ana', 'luis', 'marta']],
      [sofia, ['jorge', 'sofia']],
    ];
    for (const [client, expected] of matrix) {
      const answer = await client.data<UsersAnswer>(USERS);
      expect(emails(answer).sort()).toEqual(expected);
      expect(answer.users.totalCount).toBe(expected.length);
      // Each one is also readable one by one (the same rule as node).
      for (const edge of answer.users.edges) {
        const node = await client.data<{ node: { id: string } | null }>(
          'query($id: ID!) { node(id: $id) { id } }',
          { id: edge.node.id },
        );
        expect(node.node?.id).toBe(edge.node.id);
      }
    }
  });

  it('is sorted by name, filters by role, search and team, and pages', async () => {
    const all = await admin.data<UsersAnswer>(USERS);
    const names = all.users.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(emails(await admin.data<UsersAnswer>(USERS, { role: 'MANAGER' })).sort()).toEqual([
      'jorge',
      'marta',
    ]);
    // Any case, accents kept, name or email.
    expect(emails(await admin.data<UsersAnswer>(USERS, { search: 'MARÍN' }))).toEqual(['sofia']);
    expect(emails(await admin.data<UsersAnswer>(USERS, { search: 'luis@' }))).toEqual(['luis']);
    expect(emails(await admin.data<UsersAnswer>(USERS, { search: '%' }))).toEqual([]);
    const desk = await admin.data<{ desk: { teams: { id: string; name: string }[] } }>(
      '{ desk { teams { id name } } }',
    );
    const retail = desk.desk.teams.find((team) => team.name === 'Retail');
    expect(emails(await admin.data<UsersAnswer>(USERS, { teamId: retail?.id })).sort()).toEqual([
      'ana',
      'luis',
    ]);
    const first = await admin.data<UsersAnswer>(USERS, { first: 4 });
    expect(first.users.edges).toHaveLength(4);
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    const rest = await admin.data<UsersAnswer>(USERS, { first: 4, after: first.users.pageInfo.endCursor });
    expect([...emails(first), ...emails(rest)]).toEqual(emails(all));
  });

  it('refuses bad arguments with a ValidationError and never exposes password hashes', async () => {
    const bad = await admin.gql(USERS, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const badTeam = await admin.gql(USERS, { teamId: 'nope' });
    expect(badTeam.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const tooMany = await admin.gql(USERS, { first: 1000 });
    expect(tooMany.errors?.length).toBeGreaterThan(0);
    const hash = await admin.gql('{ users { edges { node { passwordHash } } } }');
    expect(hash.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify((await admin.data(USERS)) as object)).not.toMatch(/argon2/);
  });

  it('needs a session or a token with read:accounts', async () => {
    const anonymous = await t.anonymous().gql(USERS);
    expect(anonymous.data?.users ?? null).toBeNull();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    const kpisOnly = await newToken(ana, ['READ_KPIS']);
    const refused = await bearer(kpisOnly, USERS);
    expect(refused.errors?.length).toBeGreaterThan(0);
    const readAccounts = await newToken(ana, ['READ_ACCOUNTS']);
    const allowed = await bearer(readAccounts, USERS);
    expect(allowed.data?.users.totalCount).toBe(3);
  });
});

describe('API tokens for an admin', () => {
  it("lists everyone's tokens with their user, never the secret or its hash; others are refused", async () => {
    const secret = await newToken(sofia, ['READ_KPIS']);
    const answer = await admin.data<TokensAnswer>(TOKENS);
    const sofias = answer.apiTokens.edges.filter((e) => e.node.user.email === 'sofia@clave.dev');
    expect(sofias.length).toBeGreaterThan(0);
    expect(secret.startsWith(sofias[0]?.node.prefix ?? '-')).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(secret);
    const hash = await admin.gql('{ apiTokens { edges { node { tokenHash } } } }');
    expect(hash.errors?.length).toBeGreaterThan(0);

    for (const client of [marta, ana, sofia]) {
      const refused = await client.gql(TOKENS);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Even an admin's token cannot read them: tokens are managed from a session.
    const adminToken = await newToken(admin, ['READ_ACCOUNTS']);
    const byToken = await bearer(adminToken, TOKENS);
    expect(byToken.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("filters by user; an admin revokes anyone's token, which stops working at once", async () => {
    const secret = await newToken(ana, ['READ_ACCOUNTS']);
    expect((await bearer(secret, '{ accounts { totalCount } }')).data?.accounts.totalCount).toBe(4);
    const me = await ana.data<{ me: { id: string } }>('{ me { id } }');
    const listed = await admin.data<TokensAnswer>(TOKENS, { userId: me.me.id });
    expect(listed.apiTokens.edges.every((e) => e.node.user.email === 'ana@clave.dev')).toBe(true);
    const token = listed.apiTokens.edges.find((e) => secret.startsWith(e.node.prefix))?.node;
    expect(token?.revokedAt).toBeNull();

    // Another KAM or a manager cannot revoke it: it looks missing.
    for (const client of [await t.as('luis'), marta]) {
      const refused = await client.data<{ revokeApiToken: { __typename: string } }>(REVOKE, {
        id: token?.id,
      });
      expect(refused.revokeApiToken.__typename).toBe('NotFoundError');
    }
    expect((await bearer(secret, '{ accounts { totalCount } }')).data?.accounts.totalCount).toBe(4);

    const revoked = await admin.data<{ revokeApiToken: { __typename: string; data: { revokedAt: string } } }>(
      REVOKE,
      { id: token?.id },
    );
    expect(revoked.revokeApiToken.__typename).toBe('RevokeApiTokenSuccess');
    expect(revoked.revokeApiToken.data.revokedAt).toBeTruthy();
    const after = await bearer(secret, '{ accounts { totalCount } }');
    expect(after.data?.accounts ?? null).toBeNull();
    const again = await admin.data<TokensAnswer>(TOKENS, { userId: me.me.id });
    expect(again.apiTokens.edges.find((e) => e.node.id === token?.id)?.node.revokedAt).toBeTruthy();
    // Ana sees it revoked among her own tokens too.
    const mine = await ana.data<{ myApiTokens: { prefix: string; revokedAt: string | null }[] }>(
      '{ myApiTokens { prefix revokedAt } }',
    );
    expect(mine.myApiTokens.find((x) => secret.startsWith(x.prefix))?.revokedAt).toBeTruthy();
  });
});

const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) {
    __typename
    ... on CreateAccountSuccess { data { id address } }
    ... on ValidationError { issues { path message } }
    ... on Error { code }
  }
}`;
const UPDATE_ACCOUNT = `mutation($id: ID!, $input: UpdateAccountInput!) {
  updateAccount(id: $id, input: $input) {
    __typename
    ... on UpdateAccountSuccess { data { id address } }
    ... on ValidationError { issues { path message } }
    ... on Error { code }
  }
}`;
type AccountWrite = {
  __typename: string;
  data?: { id: string; address: string | null };
  issues?: { path: string[]; message: string }[];
};

describe('Account.address', () => {
  it('is set on create, changed and cleared on update, bounded, and shown to whoever reads the account', async () => {
    const owner = (await ana.data<{ me: { id: string } }>('{ me { id } }')).me.id;
    const created = await marta.data<{ createAccount: AccountWrite }>(CREATE_ACCOUNT, {
      input: {
        name: 'Frutas Osorio',
        segment: 'Grocery',
        tier: 'KEY',
        ownerId: owner,
        address: '  Calle Mayor 1, Madrid ',
      },
    });
    expect(created.createAccount.data?.address).toBe('Calle Mayor 1, Madrid');
    const id = created.createAccount.data?.id as string;
    const read = await ana.data<{ node: { address: string | null } }>(
      'query($id: ID!) { node(id: $id) { ... on Account { address } } }',
      { id },
    );
    expect(read.node.address).toBe('Calle Mayor 1, Madrid');

    // Descriptive: the owning KAM may change it.
    const changed = await ana.data<{ updateAccount: AccountWrite }>(UPDATE_ACCOUNT, {
      id,
      input: { address: 'Gran Vía 2, Madrid' },
    });
    expect(changed.updateAccount.data?.address).toBe('Gran Vía 2, Madrid');

    const tooLong = await ana.data<{ updateAccount: AccountWrite }>(UPDATE_ACCOUNT, {
      id,
      input: { address: 'x'.repeat(301) },
    });
    expect(tooLong.updateAccount.__typename).toBe('ValidationError');
    expect(tooLong.updateAccount.issues?.[0]?.path).toEqual(['address']);
    const unchanged = await ana.data<{ node: { address: string | null } }>(
      'query($id: ID!) { node(id: $id) { ... on Account { address } } }',
      { id },
    );
    expect(unchanged.node.address).toBe('Gran Vía 2, Madrid');

    // Someone who cannot read the account cannot change it (looks missing).
    const foreign = await sofia.data<{ updateAccount: AccountWrite }>(UPDATE_ACCOUNT, {
      id,
      input: { address: 'Elsewhere' },
    });
    expect(foreign.updateAccount.__typename).toBe('NotFoundError');

    const cleared = await ana.data<{ updateAccount: AccountWrite }>(UPDATE_ACCOUNT, {
      id,
      input: { address: '   ' },
    });
    expect(cleared.updateAccount.data?.address).toBeNull();

    const none = await marta.data<{ createAccount: AccountWrite }>(CREATE_ACCOUNT, {
      input: { name: 'Sin Dirección', segment: 'Grocery', tier: 'KEY', ownerId: owner },
    });
    expect(none.createAccount.data?.address).toBeNull();
  });
});
