import { addDays, addMonths } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newToken, ORIGIN, type TestApp } from '../../../test/helpers.js';
import { customKpi } from '../kpis/kpi-test-helpers.js';
import { type Any, activePlan, auditCount, setUpWorld, type Who, type World } from './plan.fixtures.js';

/*
 * An objective's links (the plan inputs and the account's opportunities it answers), its progress
 * from its KPI, and who may own the account's actions. Supermercados Alba: owned by ana, supported
 * by luis, in Marta's team; sofia is a KAM of Jorge's team.
 */

const OBJECTIVE_FIELDS = `id title answers opportunities { id title }
  progress { latestValue latestPeriod attainment forecastAtTargetDate onTrack }`;
const RESULT = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }`;
const CREATE = `mutation($input: CreateObjectiveInput!) { createObjective(input: $input) {
  ${RESULT} ... on CreateObjectiveSuccess { data { ${OBJECTIVE_FIELDS} version } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateObjectiveInput!) { updateObjective(id: $id, input: $input) {
  ${RESULT} ... on UpdateObjectiveSuccess { data { ${OBJECTIVE_FIELDS} version } } } }`;
const OBJECTIVE = `query($id: ID!) { node(id: $id) { ... on Objective { ${OBJECTIVE_FIELDS} } } }`;
const PLAN_OBJECTIVES = `query($id: ID!) { node(id: $id) { ... on Account { activePlan {
  objectives { ${OBJECTIVE_FIELDS} } } } } }`;
const OWNERS = `query($id: ID!) { node(id: $id) { ... on Account { assignableOwners { email } } } }`;
const OPPORTUNITIES = `query($id: ID!) { node(id: $id) { ... on Account { opportunities { id title } } } }`;
const RECORD = `mutation($input: RecordKpiMeasurementsInput!) { recordKpiMeasurements(input: $input) { ${RESULT} } }`;

let t: TestApp;
let w: World;
let alba: string;
let albaPlan: Any;
let albaOpportunities: { id: string; title: string }[];
let hiperOpportunity: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
  alba = w.accounts['Supermercados Alba'] as string;
  albaPlan = await activePlan(w.clients.ana, alba);
  albaOpportunities = (await w.clients.ana.data<Any>(OPPORTUNITIES, { id: alba })).node.opportunities;
  const hiper = await w.clients.marta.data<Any>(OPPORTUNITIES, { id: w.accounts.HiperNorte });
  hiperOpportunity = hiper.node.opportunities[0].id;
});
afterAll(() => t.close());

const as = (who: Who) => w.clients[who];
const month = (offset: number) => addMonths(`${new Date().toISOString().slice(0, 7)}-01`, offset);

async function createObjective(who: Who, input: Record<string, unknown>): Promise<Any> {
  const result = await as(who).data<Any>(CREATE, {
    input: { planId: albaPlan.id, title: 'Objetivo', ...input },
  });
  return result.createObjective;
}

describe('what an objective answers (SPEC "Account plan": the three inputs joined)', () => {
  it('an objective names the plan inputs and the account opportunities it answers, in a set order', async () => {
    const [first, second] = albaOpportunities;
    const created = await createObjective('ana', {
      answers: ['MARKET_OPPORTUNITIES', 'COMPANY_OBJECTIVES'],
      opportunityIds: [second?.id, first?.id],
    });
    expect(created.__typename).toBe('CreateObjectiveSuccess');
    expect(created.data.answers).toEqual(['COMPANY_OBJECTIVES', 'MARKET_OPPORTUNITIES']);
    expect(created.data.opportunities.map((o: Any) => o.title)).toEqual(
      [first?.title, second?.title].sort((a, b) => String(a).localeCompare(String(b))),
    );
    const read = await as('marta').data<Any>(OBJECTIVE, { id: created.data.id });
    expect(read.node.answers).toEqual(['COMPANY_OBJECTIVES', 'MARKET_OPPORTUNITIES']);
  });

  it("refuses another account's opportunity on its own index, and repeats, changing nothing", async () => {
    const before = await auditCount(t);
    const foreign = await createObjective('ana', {
      opportunityIds: [albaOpportunities[0]?.id, hiperOpportunity],
    });
    expect(foreign).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['opportunityIds', '1'], message: 'The opportunity must belong to the same account' }],
    });
    const repeated = await createObjective('ana', { answers: ['CLIENT_NEEDS', 'CLIENT_NEEDS'] });
    expect(repeated.issues).toEqual([{ path: ['answers'], message: 'Values must not repeat' }]);
    const notAnId = await createObjective('ana', { opportunityIds: ['nonsense'] });
    expect(notAnId.issues).toEqual([{ path: ['opportunityIds', '0'], message: 'The input is not valid' }]);
    expect(await auditCount(t)).toBe(before);
  });

  it('an update replaces the whole lists; [] clears them; a refused update keeps the stored links', async () => {
    const [first, second] = albaOpportunities;
    const created = (await createObjective('ana', { answers: ['CLIENT_NEEDS'], opportunityIds: [first?.id] }))
      .data;
    const changed = await as('luis').data<Any>(UPDATE, {
      id: created.id,
      input: { answers: ['COMPANY_OBJECTIVES', 'CLIENT_NEEDS'], opportunityIds: [second?.id] },
    });
    expect(changed.updateObjective.data).toMatchObject({
      answers: ['COMPANY_OBJECTIVES', 'CLIENT_NEEDS'],
      opportunities: [{ id: second?.id }],
    });
    const refused = await as('luis').data<Any>(UPDATE, {
      id: created.id,
      input: { opportunityIds: [hiperOpportunity] },
    });
    expect(refused.updateObjective.issues).toEqual([
      { path: ['opportunityIds', '0'], message: 'The opportunity must belong to the same account' },
    ]);
    expect((await as('ana').data<Any>(OBJECTIVE, { id: created.id })).node.opportunities).toEqual([
      { id: second?.id, title: second?.title },
    ]);
    const cleared = await as('ana').data<Any>(UPDATE, {
      id: created.id,
      input: { answers: [], opportunityIds: [] },
    });
    expect(cleared.updateObjective.data).toMatchObject({ answers: [], opportunities: [] });
  });

  it('rolling the plan carries the links of open objectives over', async () => {
    const plan = await activePlan(as('ana'), w.accounts['Coop Valle Verde'] as string);
    const coopOpportunity = (await as('ana').data<Any>(OPPORTUNITIES, { id: w.accounts['Coop Valle Verde'] }))
      .node.opportunities[0];
    const objective = await as('ana').data<Any>(CREATE, {
      input: {
        planId: plan.id,
        title: 'Con enlaces',
        answers: ['CLIENT_NEEDS'],
        opportunityIds: [coopOpportunity.id],
      },
    });
    expect(objective.createObjective.__typename).toBe('CreateObjectiveSuccess');
    const rolled = await as('ana').data<Any>(
      `mutation($id: ID!) { rollPlan(id: $id) { ... on RollPlanSuccess { data {
        objectives { title answers opportunities { id } } } } } }`,
      { id: plan.id },
    );
    expect(rolled.rollPlan.data.objectives).toContainEqual({
      title: 'Con enlaces',
      answers: ['CLIENT_NEEDS'],
      opportunities: [{ id: coopOpportunity.id }],
    });
  });
});

describe("an objective's progress from its KPI (SPEC: objectives tied to a KPI and a target)", () => {
  let kpi: string;

  beforeAll(async () => {
    kpi = await customKpi(as('ana'), alba, {
      name: 'Tiendas con la gama',
      unit: 'tiendas',
      frequency: 'MONTHLY',
    });
    const recorded = await as('ana').data<Any>(RECORD, {
      input: {
        measurements: [
          { kpiDefinitionId: kpi, periodStart: month(-2), value: 10 },
          { kpiDefinitionId: kpi, periodStart: month(-1), value: 20 },
          { kpiDefinitionId: kpi, periodStart: month(0), value: 30 },
        ],
      },
    });
    expect(recorded.recordKpiMeasurements.__typename).toBe('RecordKpiMeasurementsSuccess');
  });

  it('shows the latest value, the attainment of the target and the trend forecast at the target date', async () => {
    const created = await createObjective('ana', {
      kpiDefinitionId: kpi,
      targetValue: 60,
      targetDate: month(3),
    });
    expect(created.data.progress).toEqual({
      latestValue: 30,
      latestPeriod: month(0),
      attainment: 0.5,
      forecastAtTargetDate: 60,
      onTrack: true,
    });
    const tougher = await as('ana').data<Any>(UPDATE, { id: created.data.id, input: { targetValue: 80 } });
    expect(tougher.updateObjective.data.progress).toMatchObject({ attainment: 30 / 80, onTrack: false });
  });

  it('without a target date it is on track when the latest value reaches the target', async () => {
    const created = await createObjective('ana', { kpiDefinitionId: kpi, targetValue: 25 });
    expect(created.data.progress).toMatchObject({
      forecastAtTargetDate: null,
      onTrack: true,
      attainment: 1.2,
    });
  });

  it('is null without a KPI or without a target value', async () => {
    expect((await createObjective('ana', { targetValue: 10 })).data.progress).toBeNull();
    expect((await createObjective('ana', { kpiDefinitionId: kpi })).data.progress).toBeNull();
  });

  it("a plan's objectives with their links and progress cost the same statements for 1 or 10 more", async () => {
    const statements = async () => {
      t.resetQueries();
      const data = await as('marta').data<Any>(PLAN_OBJECTIVES, { id: alba });
      return { count: t.queries.length, objectives: data.node.activePlan.objectives.length };
    };
    const before = await statements();
    for (let i = 0; i < 10; i++) {
      const k = await customKpi(as('ana'), alba, { name: `KPI ${i}`, frequency: 'MONTHLY' });
      await createObjective('ana', {
        kpiDefinitionId: k,
        targetValue: 5,
        opportunityIds: [albaOpportunities[i % albaOpportunities.length]?.id],
        answers: ['CLIENT_NEEDS'],
      });
    }
    const after = await statements();
    expect(after.objectives).toBe(before.objectives + 10);
    expect(after.count).toBe(before.count);
  });
});

describe('bounded target dates (issue 13: objectives inside the plan months)', () => {
  it("refuses a target date outside the plan's months, on create and update", async () => {
    const before = await auditCount(t);
    const late = await createObjective('ana', { targetDate: '2099-01-01' });
    expect(late).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['targetDate'], message: "Must fall within the plan's horizon" }],
    });
    expect(await auditCount(t)).toBe(before);
    const created = (await createObjective('ana', { targetDate: month(1) })).data;
    const early = await as('ana').data<Any>(UPDATE, {
      id: created.id,
      input: { targetDate: addDays(albaPlan.horizon.start, -1) },
    });
    expect(early.updateObjective.issues).toEqual([
      { path: ['targetDate'], message: "Must fall within the plan's horizon" },
    ]);
    const lastDay = await as('ana').data<Any>(UPDATE, {
      id: created.id,
      input: { targetDate: albaPlan.horizon.end },
    });
    expect(lastDay.updateObjective.__typename).toBe('UpdateObjectiveSuccess');
  });
});

describe('who may own actions of an account (Account.assignableOwners)', () => {
  it("lists the owner first, then the supporters and the team's manager by name", async () => {
    const data = await as('ana').data<Any>(OWNERS, { id: alba });
    expect(data.node.assignableOwners.map((u: Any) => u.email)).toEqual([
      'ana@clave.dev',
      'luis@clave.dev',
      'marta@clave.dev',
    ]);
    const coop = await as('ana').data<Any>(OWNERS, { id: w.accounts['Coop Valle Verde'] });
    expect(coop.node.assignableOwners.map((u: Any) => u.email)).toEqual(['ana@clave.dev', 'marta@clave.dev']);
  });

  it('is batched: a list of accounts with their owners costs the same statements for 2 or 6 accounts', async () => {
    const query = (n: number) =>
      `{ accounts(first: ${n}) { edges { node { name assignableOwners { email } } } } }`;
    t.resetQueries();
    await as('admin').data<Any>(query(2));
    const two = t.queries.length;
    t.resetQueries();
    await as('admin').data<Any>(query(6));
    expect(t.queries.length).toBe(two);
  });
});

/*
 * Who may read an objective's links and progress and an account's assignable owners, and write
 * links: SPEC "Who may do what" — a KAM their accounts, a manager their team's, admin reads all.
 */
//   who       reads   writes   denied write looks like
const MATRIX: [Who, string, boolean, boolean, string][] = [
  ['ana', 'owner KAM', true, true, ''],
  ['luis', 'supporting KAM', true, true, ''],
  ['sofia', 'KAM of another team', false, false, 'NOT_FOUND'],
  ['marta', 'the manager', true, true, ''],
  ['jorge', 'the other manager', false, false, 'NOT_FOUND'],
  ['admin', 'admin', true, false, 'FORBIDDEN'],
];

describe.each(MATRIX)('%s (%s)', (who, _role, reads, writes, deniedCode) => {
  let objective: Any;
  beforeAll(async () => {
    objective = (
      await createObjective('ana', { answers: ['CLIENT_NEEDS'], opportunityIds: [albaOpportunities[0]?.id] })
    ).data;
  });

  it(`${reads ? 'reads' : 'cannot see'} the objective's links through node(id:) and the plan`, async () => {
    const node = await as(who).data<Any>(OBJECTIVE, { id: objective.id });
    expect(node.node?.opportunities ?? null).toEqual(reads ? [albaOpportunities[0]] : null);
    const nested = await as(who).data<Any>(PLAN_OBJECTIVES, { id: alba });
    expect(nested.node?.activePlan.objectives.some((o: Any) => o.id === objective.id) ?? false).toBe(reads);
  });

  it(`${reads ? 'reads' : 'cannot see'} who may own the account's actions`, async () => {
    const data = await as(who).data<Any>(OWNERS, { id: alba });
    expect(data.node?.assignableOwners.length ?? 0).toBe(reads ? 3 : 0);
  });

  it(`${writes ? 'may' : 'may not'} link objectives to the account's opportunities`, async () => {
    const result = await as(who).data<Any>(UPDATE, {
      id: objective.id,
      input: { opportunityIds: [], answers: [] },
    });
    if (writes) expect(result.updateObjective.__typename).toBe('UpdateObjectiveSuccess');
    else expect(result.updateObjective.code).toBe(deniedCode);
  });
});

describe('API tokens', () => {
  async function asToken(secret: string, query: string, variables: Record<string, unknown>) {
    const response = await t.app.fetch(
      new Request(`${ORIGIN}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return (await response.json()) as { data?: Any; errors?: { extensions?: { code?: string } }[] };
  }

  it("read:plans reads objectives' links and progress; without it the objective is not served", async () => {
    const objective = (
      await createObjective('ana', { answers: ['CLIENT_NEEDS'], opportunityIds: [albaOpportunities[0]?.id] })
    ).data;
    const plans = await newToken(as('ana'), ['READ_PLANS']);
    const read = await asToken(plans, OBJECTIVE, { id: objective.id });
    expect(read.errors).toBeUndefined();
    expect(read.data.node).toMatchObject({
      answers: ['CLIENT_NEEDS'],
      opportunities: [albaOpportunities[0]],
    });
    const accountsOnly = await newToken(as('ana'), ['READ_ACCOUNTS']);
    const denied = await asToken(accountsOnly, OBJECTIVE, { id: objective.id });
    expect(denied.data?.node?.answers).toBeUndefined();
    expect(denied.errors?.length).toBeGreaterThan(0);
    // A token never sees more than its user: Sofia's token does not see Alba's objectives.
    const sofia = await newToken(as('sofia'), ['READ_PLANS']);
    expect((await asToken(sofia, OBJECTIVE, { id: objective.id })).data?.node ?? null).toBeNull();
  });

  it("read:accounts reads an account's assignable owners", async () => {
    const accounts = await newToken(as('ana'), ['READ_ACCOUNTS']);
    const read = await asToken(accounts, OWNERS, { id: alba });
    expect(read.data.node.assignableOwners).toHaveLength(3);
  });
});

describe('inactive people', () => {
  it('are no longer assignable owners, and a new action cannot be given to them', async () => {
    // Last in the file: it deactivates Luis (as `clave user deactivate` would).
    const em = t.app.orm.em.fork();
    await em
      .getConnection()
      .execute(`update app_user set active = ? where email = ?`, [false, 'luis@clave.dev']);
    const data = await as('ana').data<Any>(OWNERS, { id: alba });
    expect(data.node.assignableOwners.map((u: Any) => u.email)).toEqual(['ana@clave.dev', 'marta@clave.dev']);
    const result = await as('ana').data<Any>(
      `mutation($input: CreatePlanActionInput!) { createPlanAction(input: $input) { ${RESULT} } }`,
      {
        input: {
          planId: albaPlan.id,
          title: 'Para Luis',
          ownerId: w.users.luis,
          dueDate: new Date().toISOString().slice(0, 10),
        },
      },
    );
    expect(result.createPlanAction).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['ownerId'], message: 'The owner must be someone who works on this account' }],
    });
  });
});
