import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

const PAGE = `query($first: Int) {
  accounts(first: $first) {
    totalCount
    edges { node { id name owner { name email } supporters { name } revenue { year amount } } }
  }
}`;

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

async function statementsFor(first: number): Promise<{ statements: number; rows: number }> {
  t.resetQueries();
  const data = await admin.data<{ accounts: { edges: unknown[] } }>(PAGE, { first });
  return {
    statements: t.queries.filter((q) => /\b(select|insert|update|delete)\b/i.test(q)).length,
    rows: data.accounts.edges.length,
  };
}

describe('the accounts list', () => {
  it('runs the same number of SQL statements for 2 accounts as for 12 (no N+1)', async () => {
    const small = await statementsFor(2);
    const large = await statementsFor(12);
    expect(small.rows).toBe(2);
    expect(large.rows).toBe(12);
    expect(large.statements).toBe(small.statements);
    // session lookup, teams led, page, count, supporters, revenue — a handful, whatever the page size
    expect(large.statements).toBeLessThanOrEqual(8);
  });
});
