import { randomUUID } from 'node:crypto';
import { type ActionStatus, relationshipHealth } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/helpers.js';
import { HEALTH_TREND_DAYS } from './health.service.js';

interface HealthNode {
  id: string;
  name: string;
  health: {
    score: number | null;
    trend: number | null;
    recency: number | null;
    reasons: { code: string; impact: string; message: string }[];
  };
}
const LIST = `{ accounts(first: 100) { edges { node {
  id name health { score trend recency reasons { code impact message } }
} } } }`;
const LOG_VISIT = `mutation($input: LogVisitInput!) {
  logVisit(input: $input) { __typename ... on Error { message } }
}`;

let t: TestApp;
let ana: Client;
const byName = async (client: Client) => {
  const data = await client.data<{ accounts: { edges: { node: HealthNode }[] } }>(LIST);
  return new Map(data.accounts.edges.map((e) => [e.node.name, e.node]));
};

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.as('ana');
});
afterAll(() => t.close());

describe('relationship health', () => {
  it('scores every account 0–100 with its reasons, and flags an account past its visit cadence', async () => {
    const accounts = await byName(ana);
    for (const account of accounts.values()) {
      expect(account.health.score).toBeGreaterThanOrEqual(0);
      expect(account.health.score).toBeLessThanOrEqual(100);
      expect(account.health.reasons.length).toBeGreaterThan(0);
    }
    const overdue = accounts.get('Coop Valle Verde')?.health;
    expect(overdue?.reasons.map((r) => r.code)).toContain('VISIT_OVERDUE');
    expect(overdue?.recency).toBeLessThan(100);
  });

  it('explains itself in the caller language', async () => {
    const english = (await byName(ana)).get('Coop Valle Verde')?.health.reasons ?? [];
    const spanish = (await byName(await t.as('ana', 'es'))).get('Coop Valle Verde')?.health.reasons ?? [];
    expect(spanish.map((r) => r.code)).toEqual(english.map((r) => r.code));
    expect(spanish[0]?.message).not.toBe(english[0]?.message);
  });

  it('recovers when the KAM visits: a visit today makes recency 100 and drops the overdue reason', async () => {
    const before = (await byName(ana)).get('Coop Valle Verde') as HealthNode;
    const result = await ana.data<{ logVisit: { __typename: string } }>(LOG_VISIT, {
      input: {
        id: randomUUID(),
        accountId: before.id,
        occurredAt: new Date().toISOString(),
        kind: 'IN_PERSON',
        purpose: 'Revisión trimestral',
        acceptance: 5,
      },
    });
    expect(result.logVisit.__typename).toBe('LogVisitSuccess');
    const after = (await byName(ana)).get('Coop Valle Verde') as HealthNode;
    expect(after.health.recency).toBe(100);
    expect(after.health.reasons.map((r) => r.code)).not.toContain('VISIT_OVERDUE');
    expect(after.health.score).toBeGreaterThan(before.health.score ?? 0);
  });

  it('weighs exactly what the domain rule weighs from every visit, now and 30 days ago', async () => {
    // The service reads only the visits that can count (the latest few before the trend's day and
    // everything after it). Log visits on both sides of that day, more than the rule weighs, and
    // compare with the rule applied to all of an account's visits.
    const account = (await byName(ana)).get('Supermercados Alba') as HealthNode;
    const day = 86_400_000;
    const plan: [daysAgo: number, acceptance: number][] = [
      [200, 1],
      [120, 5],
      [90, 2],
      [60, 5],
      [45, 1],
      [40, 4],
      [33, 2],
      [31, 5],
      [29, 1],
      [12, 3],
      [2, 5],
    ];
    for (const [daysAgo, acceptance] of plan) {
      const logged = await ana.data<{ logVisit: { __typename: string } }>(LOG_VISIT, {
        input: {
          id: randomUUID(),
          accountId: account.id,
          occurredAt: new Date(Date.now() - daysAgo * day).toISOString(),
          kind: 'PHONE',
          purpose: 'Seguimiento',
          acceptance,
        },
      });
      expect(logged.logVisit.__typename).toBe('LogVisitSuccess');
    }
    const data = await ana.data<{
      node: {
        visitCadenceDays: number;
        health: { score: number; trend: number | null };
        visits: { edges: { node: { occurredAt: string; acceptance: number } }[] };
        activePlan: {
          actions: { dueDate: string; status: ActionStatus; completedAt: string | null }[];
        } | null;
      };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Account {
        visitCadenceDays health { score trend }
        visits(first: 100) { edges { node { occurredAt acceptance } } }
        activePlan { actions { dueDate status completedAt } }
      } } }`,
      { id: account.id },
    );
    const { node } = data;
    const input = {
      visitCadenceDays: node.visitCadenceDays,
      visits: node.visits.edges
        .filter((e) => Date.parse(e.node.occurredAt) >= Date.now() - 540 * day)
        .map((e) => ({ date: e.node.occurredAt.slice(0, 10), acceptance: e.node.acceptance })),
      actions: node.activePlan?.actions ?? [],
    };
    const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const now = relationshipHealth({ ...input, today: isoDay(Date.now()) });
    const then = relationshipHealth({ ...input, today: isoDay(Date.now() - HEALTH_TREND_DAYS * day) });
    expect(node.visits.edges.length).toBeGreaterThan(plan.length);
    expect(node.health.score).toBe(now.score);
    expect(node.health.trend).toBe((now.score ?? 0) - (then.score ?? 0));
  });

  it('costs the same number of SQL statements for a page of 12 accounts as for 4', async () => {
    const admin = await t.as('admin');
    t.resetQueries();
    await byName(ana);
    const forAna = t.queries.length;
    t.resetQueries();
    await byName(admin);
    expect(t.queries.length).toBe(forAna);
  });
});

describe('plan execution and visit coverage', () => {
  it("summarises the active plan's actions consistently with the plan itself", async () => {
    const data = await ana.data<{
      accounts: {
        edges: {
          node: {
            name: string;
            planExecution: { total: number; done: number; open: number; overdue: number; blocked: number };
            activePlan: { actions: { status: string; overdue: boolean }[] } | null;
          };
        }[];
      };
    }>(`{ accounts(first: 100) { edges { node {
      name planExecution { total done open overdue blocked } activePlan { actions { status overdue } }
    } } } }`);
    const alba = data.accounts.edges.find((e) => e.node.name === 'Supermercados Alba')?.node;
    const actions = (alba?.activePlan?.actions ?? []).filter((a) => a.status !== 'CANCELLED');
    expect(actions.length).toBeGreaterThan(0);
    expect(alba?.planExecution).toEqual({
      total: actions.length,
      done: actions.filter((a) => a.status === 'DONE').length,
      open: actions.filter((a) => a.status !== 'DONE').length,
      overdue: actions.filter((a) => a.overdue).length,
      blocked: actions.filter((a) => a.status === 'BLOCKED').length,
    });
  });

  it('tells which accounts are past their visit cadence, and clears it with a visit', async () => {
    const coverage = async () => {
      const data = await ana.data<{
        accounts: {
          edges: {
            node: {
              id: string;
              name: string;
              visitCoverage: { overdue: boolean; daysSinceLastVisit: number | null; cadenceDays: number };
            };
          }[];
        };
      }>(
        '{ accounts(first: 100) { edges { node { id name visitCoverage { overdue daysSinceLastVisit cadenceDays } } } } }',
      );
      return data.accounts.edges.find((e) => e.node.name === 'Distribuciones Cantábrico')?.node;
    };
    const before = await coverage();
    await ana.data(LOG_VISIT, {
      input: {
        id: randomUUID(),
        accountId: before?.id,
        occurredAt: new Date().toISOString(),
        kind: 'VIDEO',
        purpose: 'Seguimiento de surtido',
        acceptance: 4,
      },
    });
    const after = await coverage();
    expect(after?.visitCoverage).toEqual({
      overdue: false,
      daysSinceLastVisit: 0,
      cadenceDays: before?.visitCoverage.cadenceDays,
    });
  });
});

describe('derived figures next to the full objects', () => {
  it('leave the full plan actions and revenue records intact in the same request', async () => {
    const marta = await t.as('marta');
    const result = await marta.gql<{
      accounts: {
        edges: {
          node: { revenue: { year: number }[]; activePlan: { actions: { version: number }[] } | null };
        }[];
      };
    }>(`{
      portfolio { hhi }
      accounts(first: 100) { edges { node {
        planExecution { open } health { score } revenueShare(year: 2025)
        activePlan { actions { id version status } }
        revenue { year amount }
      } } }
    }`);
    expect(result.errors).toBeUndefined();
    const first = result.data?.accounts.edges.find((e) => e.node.activePlan)?.node;
    expect(first?.activePlan?.actions.every((a) => Number.isInteger(a.version))).toBe(true);
    expect(first?.revenue.every((r) => Number.isInteger(r.year))).toBe(true);
  });
});
