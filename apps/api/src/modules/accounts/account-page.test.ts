import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';

/** What the PWA's account page asks for in one request. */
const ACCOUNT_PAGE = `query($id: ID!) { node(id: $id) { ... on Account {
  name tier owner { name }
  health { score trend reasons { code message } }
  planExecution { total overdue blocked }
  visitCoverage { daysSinceLastVisit overdue }
  profile { mission currentNeeds fears version }
  activePlan {
    title horizon { start end }
    objectives { title }
    actions { title status progress overdue dueDate owner { name } }
  }
  visits(first: 20) { edges { node { occurredAt kind acceptance purpose kam { name } stakeholders { name } } } }
  stakeholders { name title attitude decisionRole reportsTo { name } lastContact }
  kpis { name unit latest { value } trend(months: 12) { status points { periodStart value } } }
} } }`;

interface Page {
  node: {
    activePlan: { actions: unknown[] } | null;
    visits: { edges: unknown[] };
    stakeholders: unknown[];
    kpis: unknown[];
  };
}

let t: TestApp;
let marta: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  marta = await t.as('marta');
  const data = await marta.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  for (const { node } of data.accounts.edges) ids[node.name] = node.id;
});
afterAll(() => t.close());

async function load(name: string): Promise<{ page: Page; statements: number }> {
  t.resetQueries();
  const page = await marta.data<Page>(ACCOUNT_PAGE, { id: ids[name] });
  return { page, statements: t.queries.length };
}

describe('the account page', () => {
  it('runs the same number of SQL statements for a large account as for a small one (no N+1)', async () => {
    const large = await load('Supermercados Alba');
    const small = await load('Distribuciones Cantábrico');
    const size = (p: Page) =>
      (p.node.activePlan?.actions.length ?? 0) +
      p.node.visits.edges.length +
      p.node.stakeholders.length +
      p.node.kpis.length;
    expect(size(large.page)).toBeGreaterThan(size(small.page));
    expect(large.page.node.kpis.length).toBeGreaterThan(small.page.node.kpis.length);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThan(40);
  });
});
