// A stale update's ConflictError carries the action as it is now, relations included: the phone
// shows it next to the user's version, and its outbox reads the update log to recognise a resend
// whose first answer was lost. (Found by apps/web/test/fault-injection.test.ts: the action used to
// come from the rolled-back transaction, so `owner` could not be loaded.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { type Any, activePlan, inDays, setUpWorld, type World } from './plan.fixtures.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await setUpWorld(t);
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreatePlanActionInput!) {
  createPlanAction(input: $input) { ... on CreatePlanActionSuccess { data { id version } } }
}`;

const STALE_UPDATE = `mutation($id: ID!, $input: UpdatePlanActionInput!) {
  updatePlanAction(id: $id, input: $input) {
    __typename
    ... on ConflictError {
      currentVersion
      current { ... on PlanAction { version progress owner { email name } updates { note toProgress author { email } } } }
    }
  }
}`;

it('a stale update gets the current action with its owner and update log, whoever owns it', async () => {
  const plan = await activePlan(w.clients.ana, w.accounts['Supermercados Alba'] as string);
  for (const owner of ['marta', 'luis', 'ana'] as const) {
    const created = await w.clients.ana.data<Any>(CREATE, {
      input: {
        planId: plan.id,
        title: `Revisar lineal (${owner})`,
        ownerId: w.users[owner],
        dueDate: inDays(20),
      },
    });
    const action = created.createPlanAction.data;
    const moved = await w.clients.ana.data<Any>(
      'mutation($id: ID!, $input: UpdatePlanActionInput!) { updatePlanAction(id: $id, input: $input) { __typename } }',
      { id: action.id, input: { expectedVersion: action.version, progress: 30, note: 'Primera revisión' } },
    );
    expect(moved.updatePlanAction.__typename).toBe('UpdatePlanActionSuccess');

    const stale = await w.clients.luis.data<Any>(STALE_UPDATE, {
      id: action.id,
      input: { expectedVersion: action.version, progress: 60, note: 'Segunda revisión' },
    });

    expect(stale.updatePlanAction).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: action.version + 1,
      current: {
        version: action.version + 1,
        progress: 30,
        owner: { email: `${owner}@clave.dev` },
        updates: [
          { note: '', toProgress: 0, author: { email: 'ana@clave.dev' } },
          { note: 'Primera revisión', toProgress: 30, author: { email: 'ana@clave.dev' } },
        ],
      },
    });
  }
});
