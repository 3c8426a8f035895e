import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import {
  ACCOUNT_PLANS,
  ACTIVATE_PLAN,
  type Any,
  activePlan,
  auditCount,
  CLOSE_PLAN,
  CREATE_ACTION,
  CREATE_OBJECTIVE,
  CREATE_PLAN,
  inDays,
  NODE,
  ROLL_PLAN,
  setUpWorld,
  UPDATE_ACTION,
  UPDATE_OBJECTIVE,
  UPDATE_PLAN,
  type Who,
  type World,
} from './plan.fixtures.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
});
afterAll(() => t.close());

const as = (who: Who) => w.clients[who];

async function createPlan(who: Who, account: string, extra: Record<string, unknown> = {}): Promise<Any> {
  const result = await as(who).data<Any>(CREATE_PLAN, {
    input: { accountId: w.accounts[account], title: 'Plan 2027', startMonth: '2027-01', ...extra },
  });
  return result.createPlan;
}

describe('creating and editing plans (SPEC "Account plan")', () => {
  it('a new plan is a DRAFT over 18 months from its start month, joining the three inputs', async () => {
    const plan = await createPlan('ana', 'Selecta Gourmet', {
      companyObjectives: 'Entrar en la gama gourmet',
      clientNeeds: 'Quesos artesanos',
      marketOpportunities: 'Regalo navideño',
      revenueTargets: [
        { period: '2027-02', amount: 50_000 },
        { period: '2027-01', amount: 40_000.5 },
      ],
    });
    expect(plan).toMatchObject({
      __typename: 'CreatePlanSuccess',
      data: {
        status: 'DRAFT',
        startMonth: '2027-01',
        horizonMonths: 18,
        horizon: { start: '2027-01-01', end: '2028-06-30', months: 18 },
        companyObjectives: 'Entrar en la gama gourmet',
        clientNeeds: 'Quesos artesanos',
        marketOpportunities: 'Regalo navideño',
        revenueTargets: [
          { period: '2027-01', amount: 40_000.5 },
          { period: '2027-02', amount: 50_000 },
        ],
        previousPlan: null,
        version: 1,
      },
    });
    const periods = await as('ana').data<Any>(
      'query($id: ID!) { node(id: $id) { ... on AccountPlan { months: periods { label } quarters: periods(kind: QUARTER) { label partial } } } }',
      { id: plan.data.id },
    );
    expect(periods.node.months).toHaveLength(18);
    expect(periods.node.quarters.map((q: Any) => q.label)).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
      '2028-Q1',
      '2028-Q2',
    ]);
  });

  it('refuses revenue targets outside the horizon or repeated, naming each one, and changes nothing', async () => {
    const before = await auditCount(t);
    const result = await createPlan('ana', 'Selecta Gourmet', {
      horizonMonths: 6,
      revenueTargets: [
        { period: '2027-01', amount: 1 },
        { period: '2027-07', amount: 1 },
        { period: '2027-01', amount: 1 },
      ],
    });
    expect(result).toMatchObject({ __typename: 'ValidationError' });
    expect(result.issues).toEqual([
      { path: ['revenueTargets', '1', 'period'], message: "Must fall within the plan's horizon" },
      { path: ['revenueTargets', '2', 'period'], message: 'Values must not repeat' },
    ]);
    expect(await auditCount(t)).toBe(before);
  });

  it('re-checks the stored targets when only the start month or length changes', async () => {
    const plan = (
      await createPlan('ana', 'Selecta Gourmet', { revenueTargets: [{ period: '2028-06', amount: 9 }] })
    ).data;
    const shrink = await as('ana').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: plan.version, horizonMonths: 12 },
    });
    expect(shrink.updatePlan.issues).toEqual([
      { path: ['revenueTargets', '0', 'period'], message: "Must fall within the plan's horizon" },
    ]);
    const both = await as('ana').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: {
        expectedVersion: plan.version,
        horizonMonths: 12,
        revenueTargets: [{ period: '2027-12', amount: 7 }],
      },
    });
    expect(both.updatePlan.data).toMatchObject({
      horizon: { end: '2027-12-31' },
      revenueTargets: [{ period: '2027-12', amount: 7 }],
      version: plan.version + 1,
    });
  });

  it('answers in Spanish for Spanish clients', async () => {
    const ana = await t.as('ana', 'es');
    const result = await ana.data<Any>(CREATE_PLAN, {
      input: { accountId: w.accounts['Selecta Gourmet'], title: 'Plan', startMonth: '2027-13' },
    });
    expect(result.createPlan).toMatchObject({
      message: 'Los datos no son válidos',
      issues: [{ path: ['startMonth'], message: 'Debe ser un mes con el formato AAAA-MM' }],
    });
  });

  it('plans of archived accounts cannot change', async () => {
    const plan = (await createPlan('luis', 'Catering Escolar Sol')).data;
    await as('marta').data('mutation($id: ID!) { archiveAccount(id: $id) { __typename } }', {
      id: w.accounts['Catering Escolar Sol'],
    });
    const result = await as('luis').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: plan.version, title: 'Otro' },
    });
    expect(result.updatePlan).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ message: 'The account is archived' }],
    });
  });
});

describe('one ACTIVE plan per account', () => {
  it('activating a draft closes the plan that was ACTIVE, in the same step', async () => {
    const old = await activePlan(as('ana'), w.accounts['Distribuciones Cantábrico'] as string);
    const draft = (await createPlan('ana', 'Distribuciones Cantábrico')).data;
    const before = await auditCount(t);
    const result = await as('ana').data<Any>(ACTIVATE_PLAN, { id: draft.id, v: draft.version });
    expect(result.activatePlan.data).toMatchObject({ status: 'ACTIVE', version: draft.version + 1 });
    expect(await auditCount(t)).toBe(before + 2);
    const account = await as('ana').data<Any>(ACCOUNT_PLANS, { id: w.accounts['Distribuciones Cantábrico'] });
    expect(account.node.activePlan.id).toBe(draft.id);
    const statuses = Object.fromEntries(account.node.plans.map((p: Any) => [p.id, p.status]));
    expect(statuses).toEqual({ [old.id]: 'CLOSED', [draft.id]: 'ACTIVE' });
  });

  it('a CLOSED plan is history: it can be neither edited nor re-activated', async () => {
    const draft = (await createPlan('ana', 'Selecta Gourmet')).data;
    const closed = (await as('ana').data<Any>(CLOSE_PLAN, { id: draft.id, v: draft.version })).closePlan.data;
    expect(closed.status).toBe('CLOSED');
    const edit = await as('ana').data<Any>(UPDATE_PLAN, {
      id: draft.id,
      input: { expectedVersion: closed.version, title: 'Otro' },
    });
    expect(edit.updatePlan.issues).toEqual([
      { path: [], message: 'The plan is closed and can no longer change' },
    ]);
    const activate = await as('ana').data<Any>(ACTIVATE_PLAN, { id: draft.id, v: closed.version });
    expect(activate.activatePlan).toMatchObject({ __typename: 'ValidationError' });
  });
});

describe('optimistic concurrency', () => {
  it('two clients read version N; the first update wins, the second gets a ConflictError with the current plan', async () => {
    const plan = await activePlan(as('ana'), w.accounts['Supermercados Alba'] as string);
    const seenByLuis = await activePlan(as('luis'), w.accounts['Supermercados Alba'] as string);
    expect(seenByLuis.version).toBe(plan.version);
    const first = await as('ana').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: plan.version, title: 'Plan Alba (Ana)' },
    });
    expect(first.updatePlan.data).toMatchObject({ title: 'Plan Alba (Ana)', version: plan.version + 1 });
    const before = await auditCount(t);
    const second = await as('luis').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: seenByLuis.version, title: 'Plan Alba (Luis)' },
    });
    expect(second.updatePlan).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: plan.version + 1,
      current: { id: plan.id, title: 'Plan Alba (Ana)', version: plan.version + 1 },
    });
    expect(await auditCount(t)).toBe(before);
    expect((await as('luis').data<Any>(NODE, { id: plan.id })).node.title).toBe('Plan Alba (Ana)');
  });
});

describe('rolling a plan', () => {
  it('starts a DRAFT from the plan: inputs copied, only open objectives and actions carried over', async () => {
    const luis = as('luis');
    const plan = (
      await luis.data<Any>(CREATE_PLAN, {
        input: {
          accountId: w.accounts['Farmacias Salud+'],
          title: 'Plan farmacias',
          startMonth: '2026-01',
          horizonMonths: 12,
          companyObjectives: 'A',
          clientNeeds: 'B',
          marketOpportunities: 'C',
          revenueTargets: [{ period: '2026-03', amount: 10 }],
        },
      })
    ).createPlan.data;
    await luis.data(ACTIVATE_PLAN, { id: plan.id, v: plan.version });
    const objective = async (title: string) =>
      (await luis.data<Any>(CREATE_OBJECTIVE, { input: { planId: plan.id, title } })).createObjective.data;
    const open = await objective('Entrar en 300 farmacias');
    const achieved = await objective('Lanzar el kéfir');
    await luis.data(UPDATE_OBJECTIVE, { id: achieved.id, input: { status: 'ACHIEVED' } });
    const action = async (title: string, status: string, progress = 0) =>
      (
        await luis.data<Any>(CREATE_ACTION, {
          input: {
            planId: plan.id,
            title,
            ownerId: w.users.luis,
            dueDate: inDays(-10),
            status,
            progress,
            objectiveId: open.id,
          },
        })
      ).createPlanAction.data;
    await action('Planificada', 'PLANNED');
    const moving = await action('En curso', 'IN_PROGRESS', 40);
    await luis.data(UPDATE_ACTION, {
      id: moving.id,
      input: { expectedVersion: moving.version, progress: 60, note: 'Reunión con compras' },
    });
    await action('Bloqueada', 'BLOCKED', 20);
    await action('Hecha', 'DONE');
    await action('Cancelada', 'CANCELLED');

    const before = (await luis.data<Any>(NODE, { id: plan.id })).node;
    const rolled = (await luis.data<Any>(ROLL_PLAN, { id: plan.id })).rollPlan.data;
    expect(rolled).toMatchObject({
      status: 'DRAFT',
      title: 'Plan farmacias',
      startMonth: '2027-01',
      horizonMonths: 12,
      companyObjectives: 'A',
      clientNeeds: 'B',
      marketOpportunities: 'C',
      revenueTargets: [],
      previousPlan: { id: plan.id },
      objectives: [{ title: 'Entrar en 300 farmacias', status: 'OPEN' }],
    });
    expect(rolled.actions.map((a: Any) => [a.title, a.status, a.progress, a.owner.email, a.dueDate])).toEqual(
      [
        ['Planificada', 'PLANNED', 0, 'luis@clave.dev', inDays(-10)],
        ['En curso', 'IN_PROGRESS', 60, 'luis@clave.dev', inDays(-10)],
        ['Bloqueada', 'BLOCKED', 20, 'luis@clave.dev', inDays(-10)],
      ],
    );
    expect(rolled.actions[1].objective).toEqual({ title: 'Entrar en 300 farmacias' });
    expect(rolled.actions[1].updates.map((u: Any) => [u.toProgress, u.note])).toEqual([
      [40, ''],
      [60, 'Reunión con compras'],
    ]);
    // The old plan is untouched until the new one is activated; then it is closed.
    expect((await luis.data<Any>(NODE, { id: plan.id })).node).toEqual(before);
    await luis.data(ACTIVATE_PLAN, { id: rolled.id, v: rolled.version });
    expect((await luis.data<Any>(NODE, { id: plan.id })).node.status).toBe('CLOSED');
    // The closed plan's own copies of the actions are history now.
    const stale = await luis.data<Any>(UPDATE_ACTION, {
      id: moving.id,
      input: { expectedVersion: 2, progress: 90 },
    });
    expect(stale.updatePlanAction.issues).toEqual([
      { path: [], message: 'The plan is closed and can no longer change' },
    ]);
    const custom = (
      await luis.data<Any>(ROLL_PLAN, { id: rolled.id, input: { startMonth: '2027-06', horizonMonths: 24 } })
    ).rollPlan.data;
    expect(custom).toMatchObject({
      startMonth: '2027-06',
      horizonMonths: 24,
      previousPlan: { id: rolled.id },
    });
    expect(custom.actions).toHaveLength(3);
  });
});

describe('who may see and change plans', () => {
  // Coop Valle Verde: owned by Ana (Marta's team), Luis is in the same team but does not support it.
  const matrix: [Who, boolean, 'write' | 'read' | 'none'][] = [
    ['ana', true, 'write'], // owner KAM
    ['luis', false, 'none'], // other KAM of the same team
    ['sofia', false, 'none'], // KAM of another team
    ['marta', true, 'write'], // the team's manager
    ['jorge', false, 'none'], // another manager
    ['admin', true, 'read'], // reads everything, does not do the KAM's work
  ];
  it.each(matrix)('%s: reads the plan → %s; may change it → %s', async (who, reads, access) => {
    const plan = await activePlan(as('ana'), w.accounts['Coop Valle Verde'] as string);
    const node = await as(who).data<Any>(NODE, { id: plan.id });
    expect(node.node?.id ?? null).toBe(reads ? plan.id : null);
    const nested = await as(who).data<Any>(ACCOUNT_PLANS, { id: w.accounts['Coop Valle Verde'] });
    expect(nested.node?.activePlan?.id ?? null).toBe(reads ? plan.id : null);
    // A stale version: allowed callers get a conflict (nothing changes), others a denial.
    const probe = await as(who).data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: 9999, title: 'X' },
    });
    const expected = { write: 'ConflictError', read: 'ForbiddenError', none: 'NotFoundError' }[access];
    expect(probe.updatePlan.__typename).toBe(expected);
    const objective = await as(who).data<Any>(CREATE_OBJECTIVE, { input: { planId: plan.id, title: 'Y' } });
    const created = { write: 'CreateObjectiveSuccess', read: 'ForbiddenError', none: 'NotFoundError' }[
      access
    ];
    expect(objective.createObjective.__typename).toBe(created);
  });

  it('a supporter works on the plan of the account they support', async () => {
    const plan = await activePlan(as('luis'), w.accounts['Supermercados Alba'] as string);
    const result = await as('luis').data<Any>(CREATE_OBJECTIVE, {
      input: { planId: plan.id, title: 'Kéfir' },
    });
    expect(result.createObjective.__typename).toBe('CreateObjectiveSuccess');
  });
});

describe('batching', () => {
  it('plans, objectives, targets and actions of every account cost a fixed number of queries', async () => {
    const query = `{ accounts(first: 100) { edges { node { name
      activePlan { title revenueTargets { period } objectives { title } previousPlan { id } createdBy { email }
        actions { title owner { email } } }
      plans { id } } } } }`;
    t.resetQueries();
    const data = await as('marta').data<Any>(query);
    expect(data.accounts.edges.filter((e: Any) => e.node.activePlan).length).toBeGreaterThanOrEqual(4);
    expect(t.queries.length).toBeLessThanOrEqual(14);
  });
});

describe('objectives', () => {
  it('refuse a KPI of another account, and change nothing', async () => {
    const plan = await activePlan(as('sofia'), w.accounts['Cesta Online'] as string);
    const other = await as('sofia').data<Any>(
      'query($id: ID!) { node(id: $id) { ... on Account { kpis { id } } } }',
      {
        id: w.accounts['FreshMarket Europa'],
      },
    );
    const result = await as('sofia').data<Any>(CREATE_OBJECTIVE, {
      input: { planId: plan.id, title: 'Borrowed KPI', kpiDefinitionId: other.node.kpis[0].id },
    });
    expect(result.createObjective).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['kpiDefinitionId'], message: 'The KPI must belong to the same account' }],
    });
  });

  it('are tied optionally to a KPI and a target, and a stale version is a conflict', async () => {
    const plan = await activePlan(as('sofia'), w.accounts['Cesta Online'] as string);
    const kpis = await as('sofia').data<Any>(
      'query($id: ID!) { node(id: $id) { ... on Account { kpis { id name } } } }',
      {
        id: w.accounts['Cesta Online'],
      },
    );
    const kpi = kpis.node.kpis[0];
    const created = (
      await as('sofia').data<Any>(CREATE_OBJECTIVE, {
        input: { planId: plan.id, title: 'Double online sales', kpiDefinitionId: kpi.id, targetValue: 2 },
      })
    ).createObjective.data;
    const linked = await as('sofia').data<Any>(
      'query($id: ID!) { node(id: $id) { ... on Objective { kpiDefinition { name } } } }',
      {
        id: created.id,
      },
    );
    expect(linked.node.kpiDefinition.name).toBe(kpi.name);
    const updated = await as('sofia').data<Any>(UPDATE_OBJECTIVE, {
      id: created.id,
      input: { expectedVersion: created.version, kpiDefinitionId: null, targetValue: 3 },
    });
    expect(updated.updateObjective.data).toMatchObject({ kpiDefinitionId: null, targetValue: 3 });
    const stale = await as('sofia').data<Any>(UPDATE_OBJECTIVE, {
      id: created.id,
      input: { expectedVersion: created.version, title: 'Other' },
    });
    expect(stale.updateObjective.__typename).toBe('ConflictError');
  });
});
