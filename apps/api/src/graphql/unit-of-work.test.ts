import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (sql: string) => Number((await t.app.orm.em.fork().getConnection().execute(sql))[0].n);

describe('several mutations in one request', () => {
  it('never save the change of a refused mutation through a later one, and audit exactly what was saved', async () => {
    const marta = await t.as('marta');
    const ids = await marta.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
      '{ accounts(first: 100) { edges { node { id name } } } }',
    );
    const coop = ids.accounts.edges.find((e) => e.node.name === 'Coop Valle Verde')?.node.id;
    const sofia = await (await t.as('sofia')).data<{ me: { id: string } }>('{ me { id } }');
    const audits = await count("select count(*) as n from audit_entry where entity_type = 'Account'");
    const result = await marta.data<Record<string, { __typename: string }>>(
      `mutation($id: ID!, $sofia: ID!) {
        a: updateAccount(id: $id, input: { segment: "Cooperativas" }) { __typename }
        b: updateAccount(id: $id, input: { name: "REFUSED", supporterIds: [$sofia] }) { __typename }
        c: updateAccount(id: $id, input: { visitCadenceDays: 21 }) { __typename }
      }`,
      { id: coop, sofia: sofia.me.id },
    );
    expect([result.a?.__typename, result.b?.__typename, result.c?.__typename]).toEqual([
      'UpdateAccountSuccess',
      'ValidationError',
      'UpdateAccountSuccess',
    ]);
    const account = await marta.data<{ node: { name: string; segment: string; visitCadenceDays: number } }>(
      'query($id: ID!) { node(id: $id) { ... on Account { name segment visitCadenceDays } } }',
      { id: coop },
    );
    expect(account.node).toEqual({ name: 'Coop Valle Verde', segment: 'Cooperativas', visitCadenceDays: 21 });
    expect(await count("select count(*) as n from audit_entry where entity_type = 'Account'")).toBe(
      audits + 2,
    );
  });

  it('forget an entity changed by a refused mutation before the next mutation flushes', async () => {
    const ana = await t.as('ana');
    const sofia = await t.as('sofia');
    const page = await ana.data<{
      accounts: {
        edges: {
          node: { name: string; activePlan: { objectives: { id: string; title: string }[] } | null };
        }[];
      };
    }>('{ accounts(first: 100) { edges { node { name activePlan { objectives { id title } } } } } }');
    const objective = page.accounts.edges.find((e) => e.node.name === 'Supermercados Alba')?.node.activePlan
      ?.objectives[0];
    const foreign = await sofia.data<{ accounts: { edges: { node: { kpis: { id: string }[] } }[] } }>(
      '{ accounts(first: 1) { edges { node { kpis { id } } } } }',
    );
    const result = await ana.data<Record<string, { __typename: string }>>(
      `mutation($id: ID!, $kpi: ID!) {
        a: updateObjective(id: $id, input: { description: "Revisado" }) { __typename }
        b: updateObjective(id: $id, input: { title: "REFUSED", kpiDefinitionId: $kpi }) { __typename }
        c: updateObjective(id: $id, input: { description: "Revisado de nuevo" }) { __typename }
      }`,
      { id: objective?.id, kpi: foreign.accounts.edges[0]?.node.kpis[0]?.id },
    );
    expect(result.b?.__typename).toBe('ValidationError');
    expect(result.c?.__typename).toBe('UpdateObjectiveSuccess');
    const after = await ana.data<{ node: { title: string; description: string } }>(
      'query($id: ID!) { node(id: $id) { ... on Objective { title description } } }',
      { id: objective?.id },
    );
    expect(after.node).toEqual({ title: objective?.title, description: 'Revisado de nuevo' });
  });

  it("a manager cannot give another team's KAM access to an account as a supporter", async () => {
    const marta = await t.as('marta');
    const sofiaClient = await t.as('sofia');
    const sofia = await sofiaClient.data<{ me: { id: string } }>('{ me { id } }');
    const ids = await marta.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
      '{ accounts(first: 100) { edges { node { id name } } } }',
    );
    const hiper = ids.accounts.edges.find((e) => e.node.name === 'HiperNorte')?.node.id;
    const result = await marta.data<{
      updateAccount: { __typename: string; issues?: { path: string[]; message: string }[] };
    }>(
      'mutation($id: ID!, $s: ID!) { updateAccount(id: $id, input: { supporterIds: [$s] }) { __typename ... on ValidationError { issues { path message } } } }',
      { id: hiper, s: sofia.me.id },
    );
    expect(result.updateAccount).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['supporterIds', '0'], message: 'This user cannot support accounts' }],
    });
    const seen = await sofiaClient.data<{ node: null }>('query($id: ID!) { node(id: $id) { id } }', {
      id: hiper,
    });
    expect(seen.node).toBeNull();
  });
});
