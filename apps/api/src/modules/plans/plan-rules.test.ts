import { randomUUID } from 'node:crypto';
import { addMonths } from '@clave/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import {
  type Any,
  activePlan,
  auditCount,
  CREATE_ACTION,
  CREATE_PLAN,
  inDays,
  ROLL_PLAN,
  setUpWorld,
  UPDATE_ACTION,
  UPDATE_PLAN,
  type Who,
  type World,
} from './plan.fixtures.js';

/*
 * Issue 13's rules for plans: bounded dates (a plan starts within 5 years of today and lasts 1–60
 * months; actions and objectives fall inside its months), idempotent creation of actions from the
 * phone's outbox, and who may reassign an action. Supermercados Alba: owned by ana, supported by
 * luis, in Marta's team; sofia is a KAM of Jorge's team.
 */

let t: TestApp;
let w: World;
let albaPlan: Any;

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
  albaPlan = await activePlan(w.clients.ana, w.accounts['Supermercados Alba'] as string);
});
afterAll(() => t.close());

const as = (who: Who) => w.clients[who];
const currentMonth = () => new Date().toISOString().slice(0, 7);
const monthsFromNow = (n: number) => addMonths(`${currentMonth()}-01`, n).slice(0, 7);

async function createPlan(extra: Record<string, unknown>): Promise<Any> {
  const result = await as('ana').data<Any>(CREATE_PLAN, {
    input: { accountId: w.accounts['Selecta Gourmet'], title: 'Plan', startMonth: currentMonth(), ...extra },
  });
  return result.createPlan;
}

async function newAction(who: Who, input: Record<string, unknown>): Promise<Any> {
  const result = await as(who).data<Any>(CREATE_ACTION, {
    input: {
      planId: albaPlan.id,
      title: 'Revisar surtido',
      ownerId: w.users.ana,
      dueDate: inDays(30),
      ...input,
    },
  });
  return result.createPlanAction;
}

describe('bounded plan dates (issue 13)', () => {
  it('createPlan(startMonth: "9999-12") is a ValidationError on startMonth, not an internal error', async () => {
    const before = await auditCount(t);
    for (const startMonth of ['9999-12', '1990-01', monthsFromNow(61), monthsFromNow(-61)]) {
      const result = await createPlan({ startMonth, revenueTargets: [{ period: startMonth, amount: 1 }] });
      expect(result, startMonth).toMatchObject({
        __typename: 'ValidationError',
        issues: [
          { path: ['startMonth'], message: 'The start month must be within 5 years of the current month' },
        ],
      });
    }
    expect(await auditCount(t)).toBe(before);
  });

  it('accepts a start exactly 5 years either side of the current month', async () => {
    expect((await createPlan({ startMonth: monthsFromNow(60) })).__typename).toBe('CreatePlanSuccess');
    expect((await createPlan({ startMonth: monthsFromNow(-60) })).__typename).toBe('CreatePlanSuccess');
  });

  it('a plan lasts 1 to 60 months', async () => {
    for (const horizonMonths of [0, 61]) {
      const result = await createPlan({ horizonMonths });
      expect(result.issues.map((i: Any) => i.path.join('.'))).toEqual(['horizonMonths']);
    }
    expect((await createPlan({ horizonMonths: 60 })).data.horizonMonths).toBe(60);
  });

  it('updatePlan and rollPlan check the start month the same way', async () => {
    const plan = (await createPlan({})).data;
    const update = await as('ana').data<Any>(UPDATE_PLAN, {
      id: plan.id,
      input: { expectedVersion: plan.version, startMonth: '9999-12' },
    });
    expect(update.updatePlan.issues).toEqual([
      { path: ['startMonth'], message: 'The start month must be within 5 years of the current month' },
    ]);
    const roll = await as('ana').data<Any>(ROLL_PLAN, { id: plan.id, input: { startMonth: '2100-01' } });
    expect(roll.rollPlan.issues).toEqual([
      { path: ['startMonth'], message: 'The start month must be within 5 years of the current month' },
    ]);
    // The default start of a roll is the month after the old plan; from a plan of five years ago
    // with one month, that month is still allowed; the next roll would be too, and so on.
    const old = (await createPlan({ startMonth: monthsFromNow(-60), horizonMonths: 60 })).data;
    const rolled = await as('ana').data<Any>(ROLL_PLAN, { id: old.id, input: { horizonMonths: 60 } });
    expect(rolled.rollPlan.data.startMonth).toBe(currentMonth());
    const tooFar = await as('ana').data<Any>(ROLL_PLAN, {
      id: (await createPlan({ startMonth: monthsFromNow(50), horizonMonths: 60 })).data.id,
    });
    expect(tooFar.rollPlan.issues).toEqual([
      { path: ['startMonth'], message: 'The start month must be within 5 years of the current month' },
    ]);
  });

  it("an action's due date falls inside the plan's months, on create and on reschedule", async () => {
    const before = await auditCount(t);
    const late = await newAction('ana', { dueDate: addMonths(albaPlan.horizon.end, 1) });
    expect(late).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['dueDate'], message: "Must fall within the plan's horizon" }],
    });
    const early = await newAction('ana', { dueDate: '2020-01-01' });
    expect(early.issues).toEqual([{ path: ['dueDate'], message: "Must fall within the plan's horizon" }]);
    expect(await auditCount(t)).toBe(before);
    const action = (await newAction('ana', { dueDate: albaPlan.horizon.end })).data;
    const moved = await as('ana').data<Any>(UPDATE_ACTION, {
      id: action.id,
      input: { expectedVersion: action.version, dueDate: '2099-12-31' },
    });
    expect(moved.updatePlanAction.issues).toEqual([
      { path: ['dueDate'], message: "Must fall within the plan's horizon" },
    ]);
  });

  it('in Spanish for a Spanish user', async () => {
    const ana = await t.as('ana', 'es');
    const result = await ana.data<Any>(CREATE_PLAN, {
      input: { accountId: w.accounts['Selecta Gourmet'], title: 'Plan', startMonth: '9999-12' },
    });
    expect(result.createPlan.issues).toEqual([
      { path: ['startMonth'], message: 'El mes de inicio debe estar a menos de 5 años del mes actual' },
    ]);
  });
});

describe('creating an action from the outbox (client-made id)', () => {
  it('a re-send with the same id and content stores it once and answers the stored action', async () => {
    const id = randomUUID();
    const input = { id, title: 'Llamar al comprador', note: 'Desde el móvil' };
    const first = await newAction('ana', input);
    const before = await auditCount(t);
    const again = await newAction('ana', input);
    expect(first.__typename).toBe('CreatePlanActionSuccess');
    expect(again).toEqual(first);
    expect(await auditCount(t)).toBe(before);
    const stored = await as('ana').data<Any>('query($id: ID!) { node(id: $id) { id } }', {
      id: first.data.id,
    });
    expect(stored.node.id).toBe(first.data.id);
  });

  it('the id is the same object whatever its letter case', async () => {
    const id = randomUUID();
    const first = await newAction('ana', { id, title: 'Mayúsculas' });
    const upper = await newAction('ana', { id: id.toUpperCase(), title: 'Mayúsculas' });
    expect(upper).toEqual(first);
  });

  it('the same id with other content is a ConflictError carrying the stored action', async () => {
    const id = randomUUID();
    const first = await newAction('ana', { id, title: 'Primera versión' });
    const before = await auditCount(t);
    const other = await as('ana').data<Any>(
      `mutation($input: CreatePlanActionInput!) { createPlanAction(input: $input) { __typename
        ... on ConflictError { code current { ... on PlanAction { id title } } } } }`,
      { input: { id, planId: albaPlan.id, title: 'Otra cosa', ownerId: w.users.ana, dueDate: inDays(30) } },
    );
    expect(other.createPlanAction).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      current: { id: first.data.id, title: 'Primera versión' },
    });
    expect(await auditCount(t)).toBe(before);
  });

  it('two identical sends racing each other store one action and both get it', async () => {
    const input = { id: randomUUID(), title: 'A la vez' };
    const [a, b] = await Promise.all([newAction('ana', input), newAction('ana', input)]);
    expect(a.__typename).toBe('CreatePlanActionSuccess');
    expect(b).toEqual(a);
  });

  it('an id taken on an account the caller cannot see says only that it is taken', async () => {
    const id = randomUUID();
    await newAction('ana', { id, title: 'De Ana' });
    const sofiaPlan = await activePlan(as('sofia'), w.accounts['Grupo Hostelero Brisa'] as string);
    const result = await as('sofia').data<Any>(CREATE_ACTION, {
      input: { id, planId: sofiaPlan.id, title: 'De Sofía', ownerId: w.users.sofia, dueDate: inDays(30) },
    });
    expect(result.createPlanAction).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'This action id is already in use' }],
    });
  });
});

/*
 * Reassigning an action (updatePlanAction ownerId). Everyone who may work the account may change
 * its owner (as before); an admin may only reassign; the new owner must be one of the account's
 * assignableOwners.
 */
//   who       may reassign   denied reassignment looks like
const REASSIGN: [Who, string, boolean, string][] = [
  ['ana', 'owner KAM', true, ''],
  ['luis', 'supporting KAM', true, ''],
  ['sofia', 'KAM of another team', false, 'NOT_FOUND'],
  ['marta', 'the manager', true, ''],
  ['jorge', 'the other manager', false, 'NOT_FOUND'],
  ['admin', 'admin', true, ''],
];

describe.each(REASSIGN)('reassigning as %s (%s)', (who, _role, allowed, deniedCode) => {
  it(`${allowed ? 'may' : 'may not'} give an action to another of the account's people`, async () => {
    const action = (await newAction('ana', { title: `Para reasignar (${who})` })).data;
    const before = await auditCount(t);
    const result = await as(who).data<Any>(UPDATE_ACTION, {
      id: action.id,
      input: { expectedVersion: action.version, ownerId: w.users.luis, note: 'Lo lleva Luis' },
    });
    if (allowed) {
      expect(result.updatePlanAction.data.owner.email).toBe('luis@clave.dev');
      expect(await auditCount(t)).toBe(before + 1);
    } else {
      expect(result.updatePlanAction.code).toBe(deniedCode);
      expect(await auditCount(t)).toBe(before);
    }
  });

  if (allowed) {
    it('the new owner must be one of the assignable owners (ValidationError on ownerId)', async () => {
      const action = (await newAction('ana', {})).data;
      for (const outsider of ['sofia', 'jorge', 'admin'] as const) {
        const result = await as(who).data<Any>(UPDATE_ACTION, {
          id: action.id,
          input: { expectedVersion: action.version, ownerId: w.users[outsider] },
        });
        expect(result.updatePlanAction).toMatchObject({
          __typename: 'ValidationError',
          issues: [{ path: ['ownerId'], message: 'The owner must be someone who works on this account' }],
        });
      }
    });
  }
});

describe('an admin reassigns but does not do the KAM work', () => {
  it('any other change by an admin is FORBIDDEN', async () => {
    const action = (await newAction('ana', {})).data;
    for (const input of [{ title: 'Cambiado' }, { ownerId: w.users.luis, progress: 50 }, { note: 'Hola' }]) {
      const result = await as('admin').data<Any>(UPDATE_ACTION, {
        id: action.id,
        input: { expectedVersion: action.version, ...input },
      });
      expect(result.updatePlanAction.code).toBe('FORBIDDEN');
    }
  });

  it("the manager's reassignment is logged with the note in the action's audit and update log", async () => {
    const action = (await newAction('ana', {})).data;
    const result = await as('marta').data<Any>(UPDATE_ACTION, {
      id: action.id,
      input: { expectedVersion: action.version, ownerId: w.users.marta, note: 'La llevo yo' },
    });
    expect(result.updatePlanAction.data).toMatchObject({ owner: { email: 'marta@clave.dev' } });
    expect(result.updatePlanAction.data.updates.at(-1)).toMatchObject({
      note: 'La llevo yo',
      author: { email: 'marta@clave.dev' },
    });
  });
});
