import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { rows } from './rows.js';

// On SQLite the ORM's statements run with bound values (sqlite-driver.ts) instead of values
// written into the SQL text; on PostgreSQL as the ORM does. Either way, what a user stores is what
// they get back and can search for, and a value is never read as SQL.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const awkward = [
  "O'Brien; drop table app_user; --",
  'is it ? or ?? or \\? — ¿sí?',
  'back\\slash "quoted" `ticked` %_ wild',
  '🙂 Ñandú',
];

const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { __typename ... on CreateAccountSuccess { data { id name } } }
}`;
const SEARCH = `query($search: String!) {
  accounts(first: 10, filter: { search: $search }) { edges { node { id name } } }
}`;

describe('names that look like SQL', () => {
  it('are stored, searched for and read back exactly as given', async () => {
    const admin = await t.as('admin');
    const kam = await (await t.as('ana')).data<{ me: { id: string } }>('{ me { id } }');
    for (const name of awkward) {
      const created = await admin.data<{
        createAccount: { __typename: string; data: { id: string; name: string } };
      }>(CREATE, { input: { name, ownerId: kam.me.id, segment: 'Retail', tier: 'KEY' } });
      expect(created.createAccount.__typename).toBe('CreateAccountSuccess');
      expect(created.createAccount.data.name).toBe(name);
      const found = await admin.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
        SEARCH,
        {
          search: name,
        },
      );
      expect(found.accounts.edges.map((e) => e.node)).toEqual([created.createAccount.data]);
      const [plain] = await rows<{ name: string }>(
        t.app.orm.em.fork(),
        'select name from account where name = ?',
        [name],
      );
      expect(plain?.name).toBe(name);
    }
  });
});
