import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { ValidationError } from '../../errors.js';
import {
  ACCOUNT_PLANS,
  type Any,
  activePlan,
  auditCount,
  CREATE_ACTION,
  inDays,
  MY_ACTIONS,
  NODE,
  setUpWorld,
  UPDATE_ACTION,
  type Who,
  type World,
} from './plan.fixtures.js';
import { createPlanActions } from './plan-action.service.js';

let t: TestApp;
let w: World;
let albaPlan: Any;
let coopPlan: Any;

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
  albaPlan = await activePlan(w.clients.ana, w.accounts['Supermercados Alba'] as string);
  coopPlan = await activePlan(w.clients.ana, w.accounts['Coop Valle Verde'] as string);
});
afterAll(() => t.close());

const as = (who: Who) => w.clients[who];

async function newAction(who: Who, input: Record<string, unknown>, plan = albaPlan): Promise<Any> {
  const result = await as(who).data<Any>(CREATE_ACTION, {
    input: {
      planId: plan.id,
      title: 'Revisar surtido',
      ownerId: w.users[who],
      dueDate: inDays(30),
      ...input,
    },
  });
  return result.createPlanAction;
}

async function update(who: Who, action: Any, input: Record<string, unknown>): Promise<Any> {
  const result = await as(who).data<Any>(UPDATE_ACTION, {
    id: action.id,
    input: { expectedVersion: action.version, ...input },
  });
  return result.updatePlanAction;
}

describe('creating plan actions (SPEC "Plan action")', () => {
  it('starts PLANNED at 0 % with the creation as the first entry of its update log', async () => {
    const created = await newAction('ana', { note: 'Acordado en la reunión de octubre' });
    expect(created.data).toMatchObject({
      status: 'PLANNED',
      progress: 0,
      source: 'PLAN',
      overdue: false,
      completedAt: null,
      owner: { email: 'ana@clave.dev' },
      updates: [
        {
          fromStatus: null,
          toStatus: 'PLANNED',
          fromProgress: null,
          toProgress: 0,
          note: 'Acordado en la reunión de octubre',
          author: { email: 'ana@clave.dev' },
        },
      ],
    });
  });

  it("the owner must work on the account: its owner, a supporter or the team's manager", async () => {
    expect((await newAction('ana', { ownerId: w.users.luis })).data.owner.email).toBe('luis@clave.dev');
    expect((await newAction('ana', { ownerId: w.users.marta })).data.owner.email).toBe('marta@clave.dev');
    const before = await auditCount(t);
    for (const outsider of ['sofia', 'jorge', 'admin'] as const) {
      const refused = await newAction('ana', { ownerId: w.users[outsider] });
      expect(refused).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ path: ['ownerId'], message: 'The owner must be someone who works on this account' }],
      });
    }
    // Luis is in Ana's team but does not support Coop Valle Verde.
    const notSupporter = await newAction('ana', { ownerId: w.users.luis }, coopPlan);
    expect(notSupporter.issues).toEqual([
      { path: ['ownerId'], message: 'The owner must be someone who works on this account' },
    ]);
    expect(await auditCount(t)).toBe(before);
  });

  it('bad input names every bad field, in Spanish for Spanish users', async () => {
    const ana = await t.as('ana', 'es');
    const result = await ana.data<Any>(CREATE_ACTION, {
      input: { planId: albaPlan.id, title: ' ', ownerId: w.users.ana, dueDate: '2026-02-30', progress: 101 },
    });
    expect(result.createPlanAction.message).toBe('Los datos no son válidos');
    expect(result.createPlanAction.issues.map((i: Any) => i.path.join('.'))).toEqual([
      'title',
      'dueDate',
      'progress',
    ]);
  });
});

describe('status changes and the update log', () => {
  it('DONE sets progress 100 and completedAt; reopening clears completedAt', async () => {
    const action = (await newAction('ana', {})).data;
    const done = (await update('ana', action, { status: 'DONE', note: 'Firmado' })).data;
    expect(done).toMatchObject({ status: 'DONE', progress: 100 });
    expect(done.completedAt).not.toBeNull();
    const reopened = (
      await update('luis', done, { status: 'IN_PROGRESS', progress: 80, note: 'Faltan 20 tiendas' })
    ).data;
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', progress: 80, completedAt: null });
    expect(
      reopened.updates.map((u: Any) => [
        u.fromStatus,
        u.toStatus,
        u.fromProgress,
        u.toProgress,
        u.note,
        u.author.email,
      ]),
    ).toEqual([
      [null, 'PLANNED', null, 0, '', 'ana@clave.dev'],
      ['PLANNED', 'DONE', 0, 100, 'Firmado', 'ana@clave.dev'],
      ['DONE', 'IN_PROGRESS', 100, 80, 'Faltan 20 tiendas', 'luis@clave.dev'],
    ]);
  });

  it('refuses moves out of DONE other than reopening, and any move out of CANCELLED, with a clear message', async () => {
    const done = (await update('ana', (await newAction('ana', {})).data, { status: 'DONE' })).data;
    const ana = await t.as('ana', 'es');
    const before = await auditCount(t);
    const blocked = await update('ana', done, { status: 'BLOCKED' });
    expect(blocked).toMatchObject({
      __typename: 'ValidationError',
      issues: [
        { path: ['status'], message: 'A completed action can only be reopened (back to IN_PROGRESS)' },
      ],
    });
    const cancelled = (await update('ana', (await newAction('ana', {})).data, { status: 'CANCELLED' })).data;
    const revived = await ana.data<Any>(UPDATE_ACTION, {
      id: cancelled.id,
      input: { expectedVersion: cancelled.version, status: 'PLANNED' },
    });
    expect(revived.updatePlanAction.issues).toEqual([
      { path: ['status'], message: 'Una acción cancelada no puede cambiar de estado; crea una acción nueva' },
    ]);
    expect(await auditCount(t)).toBe(before + 2); // the two set-up actions only
    expect((await as('ana').data<Any>(NODE, { id: done.id })).node.actionStatus).toBe('DONE');
  });

  it('logs every status or progress change and every note, but not a plain edit; each change is audited', async () => {
    const action = (await newAction('ana', {})).data;
    const before = await auditCount(t);
    const a1 = (await update('ana', action, { progress: 30 })).data;
    const a2 = (await update('ana', a1, { status: 'BLOCKED', note: 'Esperando al comité de compras' })).data;
    const a3 = (await update('ana', a2, { note: 'Llamé al comprador; responde el lunes' })).data;
    const a4 = (await update('ana', a3, { title: 'Revisar surtido de verano', dueDate: inDays(45) })).data;
    expect(a4.updates.map((u: Any) => [u.toStatus, u.toProgress, u.note])).toEqual([
      ['PLANNED', 0, ''],
      ['PLANNED', 30, ''],
      ['BLOCKED', 30, 'Esperando al comité de compras'],
      ['BLOCKED', 30, 'Llamé al comprador; responde el lunes'],
    ]);
    expect(a4).toMatchObject({
      title: 'Revisar surtido de verano',
      dueDate: inDays(45),
      version: action.version + 4,
    });
    expect(await auditCount(t)).toBe(before + 4);
  });
});

describe('overdue', () => {
  it('is true once the due date has passed and the action is not DONE or CANCELLED', async () => {
    const yesterday = (await newAction('ana', { dueDate: inDays(-1), status: 'IN_PROGRESS' })).data;
    const today = (await newAction('ana', { dueDate: inDays(0) })).data;
    const finished = (await newAction('ana', { dueDate: inDays(-3), status: 'DONE' })).data;
    expect([yesterday.overdue, today.overdue, finished.overdue]).toEqual([true, false, false]);
    const overdue = await as('ana').data<Any>(MY_ACTIONS, { filter: { overdue: true } });
    const ids = overdue.myActions.map((a: Any) => a.id);
    expect(ids).toContain(yesterday.id);
    expect(ids).not.toContain(today.id);
    expect(overdue.myActions.every((a: Any) => a.overdue)).toBe(true);
  });
});

describe('optimistic concurrency', () => {
  it('two clients read version N; the first wins, the second gets a ConflictError with the current action and nothing changes', async () => {
    const action = (await newAction('ana', { ownerId: w.users.luis })).data;
    const first = await update('ana', action, { status: 'IN_PROGRESS', progress: 10, note: 'Ana' });
    expect(first.data.version).toBe(action.version + 1);
    const before = await auditCount(t);
    const second = await update('luis', action, { status: 'CANCELLED', note: 'Luis' });
    expect(second).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: action.version + 1,
      current: { id: action.id, actionStatus: 'IN_PROGRESS', progress: 10, version: action.version + 1 },
    });
    expect(await auditCount(t)).toBe(before);
    const now = await as('luis').data<Any>(ACCOUNT_PLANS, { id: w.accounts['Supermercados Alba'] });
    const stored = now.node.activePlan.actions.find((a: Any) => a.id === action.id);
    expect(stored.status).toBe('IN_PROGRESS');
    expect(stored.updates.map((u: Any) => u.note)).toEqual(['', 'Ana']);
  });
});

describe('simultaneous updates', () => {
  it('two updates sent at the same time with the same version: exactly one wins, one entry is logged', async () => {
    const action = (await newAction('ana', { ownerId: w.users.luis })).data;
    const results = await Promise.all([
      update('ana', action, { progress: 40, note: 'Ana' }),
      update('luis', action, { progress: 70, note: 'Luis' }),
    ]);
    const kinds = results.map((r) => r.__typename).sort();
    expect(kinds).toEqual(['ConflictError', 'UpdatePlanActionSuccess']);
    const winner = results.find((r) => r.__typename === 'UpdatePlanActionSuccess').data;
    const loser = results.find((r) => r.__typename === 'ConflictError');
    expect(loser.current).toMatchObject({ progress: winner.progress, version: winner.version });
    expect(winner.updates).toHaveLength(2);
  });
});

describe('objectives of actions', () => {
  it('an action may serve an objective of its own plan only', async () => {
    const coopObjective = (await as('ana').data<Any>(ACCOUNT_PLANS, { id: w.accounts['Coop Valle Verde'] }))
      .node.activePlan.objectives[0];
    const refused = await newAction('ana', { objectiveId: coopObjective.id });
    expect(refused.issues).toEqual([
      { path: ['objectiveId'], message: 'The objective belongs to another plan' },
    ]);
    const linked = await newAction('ana', { objectiveId: coopObjective.id }, coopPlan);
    expect(linked.data.objective).toEqual({ title: coopObjective.title });
    const unlinked = await update('ana', linked.data, { objectiveId: null });
    expect(unlinked.data.objective).toBeNull();
  });
});

describe('the Today list (myActions)', () => {
  it('a KAM sees the open actions they own on ACTIVE plans, soonest due first', async () => {
    const list = (await as('luis').data<Any>(MY_ACTIONS)).myActions;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a: Any) => a.owner.email === 'luis@clave.dev')).toBe(true);
    expect(list.every((a: Any) => ['PLANNED', 'IN_PROGRESS', 'BLOCKED'].includes(a.status))).toBe(true);
    const dates = list.map((a: Any) => a.dueDate);
    expect(dates).toEqual([...dates].sort());
  });

  it("a manager also sees every action on their team's accounts, and nothing of other teams", async () => {
    const marta = (await as('marta').data<Any>(MY_ACTIONS)).myActions;
    const owners = new Set(marta.map((a: Any) => a.owner.email));
    expect(owners).toContain('ana@clave.dev');
    expect(owners).toContain('luis@clave.dev');
    const accounts = new Set(marta.map((a: Any) => a.account.name));
    expect(accounts).not.toContain('FreshMarket Europa');
    const jorge = (await as('jorge').data<Any>(MY_ACTIONS)).myActions;
    expect(
      jorge.every((a: Any) =>
        ['FreshMarket Europa', 'Grupo Hostelero Brisa', 'Cesta Online'].includes(a.account.name),
      ),
    ).toBe(true);
    expect((await as('admin').data<Any>(MY_ACTIONS)).myActions).toEqual([]);
  });

  it('filters by status and by due date within N days', async () => {
    const soon = (await as('ana').data<Any>(MY_ACTIONS, { filter: { dueWithinDays: 7 } })).myActions;
    expect(soon.every((a: Any) => a.dueDate <= inDays(7))).toBe(true);
    const done = (await as('ana').data<Any>(MY_ACTIONS, { filter: { status: ['DONE'] } })).myActions;
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((a: Any) => a.status === 'DONE')).toBe(true);
    const bad = await as('ana').gql(MY_ACTIONS, { filter: { dueWithinDays: -1 } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it('is batched: owners, accounts and logs of every action cost a fixed number of queries', async () => {
    const query = `{ myActions { id owner { email } account { name } plan { title } updates { note author { email } } } }`;
    t.resetQueries();
    const marta = (await as('marta').data<Any>(query)).myActions;
    expect(marta.length).toBeGreaterThan(20);
    expect(t.queries.length).toBeLessThanOrEqual(12);
  });
});

describe('who may see and change actions', () => {
  // Coop Valle Verde: owned by Ana (Marta's team); Luis is in the same team but does not support it.
  const matrix: [Who, boolean, 'write' | 'read' | 'none'][] = [
    ['ana', true, 'write'],
    ['luis', false, 'none'],
    ['sofia', false, 'none'],
    ['marta', true, 'write'],
    ['jorge', false, 'none'],
    ['admin', true, 'read'],
  ];
  it.each(matrix)('%s: reads the action → %s; may change it → %s', async (who, reads, access) => {
    const action = coopPlan.actions[0];
    const node = await as(who).data<Any>(NODE, { id: action.id });
    expect(node.node?.id ?? null).toBe(reads ? action.id : null);
    const nested = await as(who).data<Any>(ACCOUNT_PLANS, { id: w.accounts['Coop Valle Verde'] });
    expect(nested.node?.activePlan?.actions.some((a: Any) => a.id === action.id) ?? false).toBe(reads);
    const probe = await as(who).data<Any>(UPDATE_ACTION, {
      id: action.id,
      input: { expectedVersion: 9999, note: 'x' },
    });
    expect(probe.updatePlanAction.__typename).toBe(
      { write: 'ConflictError', read: 'ForbiddenError', none: 'NotFoundError' }[access],
    );
    const create = await newAction(who, { ownerId: w.users.ana }, coopPlan);
    expect(create.__typename).toBe(
      { write: 'CreatePlanActionSuccess', read: 'ForbiddenError', none: 'NotFoundError' }[access],
    );
  });
});

describe('createPlanActions, the entry point for visits and opportunities', () => {
  /** The database id inside a global id: this API takes database ids, as other modules hold them. */
  const db = (globalId: string | undefined) =>
    Buffer.from(globalId as string, 'base64')
      .toString()
      .split(':')[1] as string;
  const ana = () => ({ id: db(w.users.ana), role: 'KAM' as const, ledTeamIds: [] });

  it("adds the actions to the account's ACTIVE plan, owned by the actor unless told otherwise", async () => {
    const em = t.app.orm.em.fork();
    const created = await em.transactional((tx) =>
      createPlanActions(tx, ana(), {
        accountId: db(w.accounts['Supermercados Alba']),
        source: 'VISIT',
        items: [
          { title: 'Enviar tarifa de kéfir', dueDate: inDays(5) },
          {
            title: 'Preparar la cata',
            dueDate: inDays(9),
            ownerId: db(w.users.luis),
            description: 'Con el jefe de sección',
          },
        ],
      }),
    );
    expect(created.map((a) => [a.title, a.status, a.source, a.owner.id, a.plan.id])).toEqual([
      ['Enviar tarifa de kéfir', 'PLANNED', 'VISIT', db(w.users.ana), db(albaPlan.id)],
      ['Preparar la cata', 'PLANNED', 'VISIT', db(w.users.luis), db(albaPlan.id)],
    ]);
  });

  it('refuses accounts without an ACTIVE plan and bad items, with paths the caller can map', async () => {
    const em = t.app.orm.em.fork();
    const call = (accountId: string, items: Any[]) =>
      em.transactional((tx) => createPlanActions(tx, ana(), { accountId, source: 'OPPORTUNITY', items }));
    const noPlan = await call(db(w.accounts['Selecta Gourmet']), [{ title: 'X', dueDate: inDays(1) }]).catch(
      (e) => e,
    );
    expect(noPlan).toBeInstanceOf(ValidationError);
    expect(noPlan.issues).toEqual([{ path: ['accountId'], message: 'noActivePlan' }]);
    const bad = await call(db(w.accounts['Supermercados Alba']), [
      { title: 'Bien', dueDate: inDays(1) },
      { title: 'Mal', dueDate: 'mañana' },
      { title: 'Ajeno', dueDate: inDays(1), ownerId: db(w.users.sofia) },
    ]).catch((e) => e);
    expect(bad.issues.map((i: Any) => i.path)).toEqual([['items', 1, 'dueDate']]);
    const foreign = await call(db(w.accounts['Supermercados Alba']), [
      { title: 'Ajeno', dueDate: inDays(1), ownerId: db(w.users.sofia) },
    ]).catch((e) => e);
    expect(foreign.issues).toEqual([{ path: ['items', 0, 'ownerId'], message: 'actionOwnerNotAllowed' }]);
  });
});

describe('hidden plans and actions', () => {
  it("answer another team's KAM exactly as ids that do not exist", async () => {
    const action = (await newAction('ana', {})).data;
    const missingAction = Buffer.from('PlanAction:01900000-0000-7000-8000-000000000000').toString('base64');
    const update = (id: string) =>
      as('sofia').data<Any>(UPDATE_ACTION, { id, input: { expectedVersion: 1, progress: 50 } });
    expect((await update(action.id)).updatePlanAction).toEqual(
      (await update(missingAction)).updatePlanAction,
    );
    const missingPlan = Buffer.from('AccountPlan:01900000-0000-7000-8000-000000000000').toString('base64');
    const create = (planId: string) =>
      as('sofia').data<Any>(CREATE_ACTION, {
        input: { planId, title: 'x', ownerId: w.users.sofia, dueDate: inDays(3) },
      });
    expect((await create(albaPlan.id)).createPlanAction).toEqual(
      (await create(missingPlan)).createPlanAction,
    );
  });
});
