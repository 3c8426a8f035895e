import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { hostname } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';
import {
  deliverDueWebhooks,
  LOG_RETENTION_DAYS,
  pruneWebhookLog,
  startWebhookWorker,
} from './webhook-delivery.js';
import {
  asToken,
  CREATE_WEBHOOK,
  type NewWebhook,
  PERMISSIVE_ENV,
  POLICY,
  Receiver,
} from './webhook-test-helpers.js';
import { isPrivateAddress } from './webhook-url.js';

const LOG_VISIT = `mutation($input: LogVisitInput!) {
  logVisit(input: $input) { __typename ... on LogVisitSuccess { data { id } } ... on Error { code } }
}`;
const DELIVERIES = `query($id: ID!, $state: WebhookDeliveryState) {
  webhookDeliveries(webhookId: $id, first: 100, state: $state) {
    totalCount
    edges { node {
      id deliveryId eventId eventType state attempts lastStatusCode lastError deliveredAt nextAttemptAt payload
      log { at statusCode error }
    } }
  }
}`;

interface Delivery {
  id: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  payload: string | null;
  log: { at: string; statusCode: number | null; error: string | null }[];
}

let t: TestApp;
const clients: Record<string, Client> = {};
const accounts: Record<string, string> = {};
const as = (who: string) => clients[who] as Client;

/** One receiver and one webhook per subscriber, so each test can tell who got what. */
const receivers: Record<string, Receiver> = {};
const hooks: Record<string, NewWebhook> = {};

/** The worker's clock: tests move it forward instead of sleeping. */
let clock = Date.now();
const pass = (minutesLater = 0) => {
  clock += minutesLater * 60_000;
  return deliverDueWebhooks(t.app.orm, { ...POLICY, now: new Date(clock), random: () => 0.5 });
};

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

async function register(who: string, events: string[], viaToken: boolean): Promise<void> {
  const receiver = new Receiver();
  await receiver.up();
  receivers[who] = receiver;
  const input = { url: receiver.url, events, description: `Integración de ${who}` };
  if (viaToken) {
    const token = await newToken(as(who), ['WRITE_WEBHOOKS']);
    const { body } = await asToken(t, token, CREATE_WEBHOOK, { input });
    hooks[who] = body.data?.createWebhook.data;
  } else {
    const result = await as(who).data<{ createWebhook: { data: NewWebhook } }>(CREATE_WEBHOOK, { input });
    hooks[who] = result.createWebhook.data;
  }
  if (!hooks[who]) throw new Error(`could not register ${who}'s webhook`);
}

/** What a receiver must do: recompute the signature over timestamp + "." + raw body. */
function signatureValid(headers: IncomingHttpHeaders, body: string, secret: string): boolean {
  const timestamp = String(headers['clave-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const given = String(headers['clave-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function logVisit(who: string, account: string): Promise<string> {
  const result = await as(who).data<{ logVisit: { __typename: string; data: { id: string } } }>(LOG_VISIT, {
    input: {
      id: randomUUID(),
      accountId: accounts[account],
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      kind: 'IN_PERSON',
      purpose: 'Revisión de surtido de verano',
      acceptance: 4,
    },
  });
  expect(result.logVisit.__typename).toBe('LogVisitSuccess');
  return result.logVisit.data.id;
}

async function deliveries(who: string, state?: string): Promise<Delivery[]> {
  const result = await as('admin').data<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(DELIVERIES, {
    id: hooks[who]?.webhook.id,
    state,
  });
  return result.webhookDeliveries.edges.map((e) => e.node);
}

beforeAll(async () => {
  t = await createTestApp({ env: PERMISSIVE_ENV });
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'admin']) clients[who] = await t.as(who);
  const all = await as('admin').data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  for (const { node } of all.accounts.edges) accounts[node.name] = node.id;
  // The admin (signed in) hears everything; KAMs' tokens hear visits of the accounts they may see.
  await register(
    'admin',
    ['visit.logged', 'plan_action.updated', 'kpi.status_changed', 'resource_request.decided'],
    false,
  );
  await register('luis', ['visit.logged'], true);
  await register('sofia', ['visit.logged'], true);
});
afterAll(async () => {
  for (const receiver of Object.values(receivers)) await receiver.down();
  await t.close();
});
beforeEach(async () => {
  // Each test starts with nothing due and every receiver up and answering 200.
  clock += 7 * 24 * 60 * 60_000;
  for (const receiver of Object.values(receivers)) {
    receiver.status = 200;
    await receiver.down();
    await receiver.up();
  }
  await pass();
  for (const receiver of Object.values(receivers)) receiver.received.length = 0;
});

describe('webhook deliveries', () => {
  it('POST a signed JSON event with the Clave headers, verifiable with the secret', async () => {
    const visitId = await logVisit('ana', 'Supermercados Alba');
    const result = await pass();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    const [got] = receivers.admin?.events('visit.logged') ?? [];
    expect(got?.headers).toMatchObject({
      'content-type': 'application/json',
      'clave-event': 'visit.logged',
      'clave-timestamp': String(Math.floor(clock / 1000)),
    });
    expect(got?.headers['clave-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    const raw = receivers.admin?.received[0]?.body as string;
    expect(signatureValid(got?.headers ?? {}, raw, hooks.admin?.secret as string)).toBe(true);
    expect(signatureValid(got?.headers ?? {}, raw, 'whsec_wrong')).toBe(false);
    expect(got?.payload).toMatchObject({
      id: expect.any(String),
      type: 'visit.logged',
      occurredAt: expect.any(String),
      data: {
        visitId,
        accountId: accounts['Supermercados Alba'],
        kind: 'IN_PERSON',
        purpose: 'Revisión de surtido de verano',
        acceptance: 4,
      },
    });
    // The delivery id receivers dedupe on is the one in the log.
    const [logged] = await deliveries('admin');
    expect(logged).toMatchObject({
      deliveryId: got?.headers['clave-delivery'],
      eventId: got?.payload.id,
      state: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 200,
      log: [{ statusCode: 200, error: null }],
    });
  });

  it("go only to webhooks whose owner may see the event's account", async () => {
    await logVisit('ana', 'Supermercados Alba'); // luis supports it
    await logVisit('ana', 'Coop Valle Verde'); // ana's alone
    await logVisit('sofia', 'FreshMarket Europa'); // another team
    await pass();
    const accountsSeenBy = (who: string) =>
      (receivers[who]?.events('visit.logged') ?? []).map((e) => e.payload.data.accountId).sort();
    expect(accountsSeenBy('luis')).toEqual([accounts['Supermercados Alba']]);
    expect(accountsSeenBy('sofia')).toEqual([accounts['FreshMarket Europa']]);
    expect(accountsSeenBy('admin')).toHaveLength(3);
  });

  it('are not created for a re-sent visit nor for a refused change', async () => {
    const input = {
      id: randomUUID(),
      accountId: accounts['Supermercados Alba'],
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      kind: 'PHONE',
      purpose: 'Llamada de seguimiento',
      acceptance: 3,
    };
    await as('ana').data(LOG_VISIT, { input });
    const events = await count('webhook_event');
    const queued = await count('webhook_delivery');
    const resent = await as('ana').data<{ logVisit: { __typename: string } }>(LOG_VISIT, { input });
    expect(resent.logVisit.__typename).toBe('LogVisitSuccess');
    expect(await count('webhook_event')).toBe(events);
    // Next steps that cannot become actions roll the whole visit back, its event included.
    const refused = await as('ana').data<{ logVisit: { __typename: string } }>(LOG_VISIT, {
      input: {
        ...input,
        id: randomUUID(),
        nextSteps: [
          {
            title: 'Enviar tarifa',
            dueDate: '2099-01-01',
            ownerId: btoa('User:00000000-0000-7000-8000-000000000000'),
          },
        ],
      },
    });
    expect(refused.logVisit.__typename).toBe('ValidationError');
    expect(await count('webhook_event')).toBe(events);
    expect(await count('webhook_delivery')).toBe(queued);
  });

  it('are created once for a visit sent twice at the same moment (the loser rolls back, event included)', async () => {
    const input = {
      id: randomUUID(),
      accountId: accounts['Selecta Gourmet'],
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      kind: 'VIDEO',
      purpose: 'Presentación de novedades',
      acceptance: 5,
    };
    type Logged = { logVisit: { __typename: string; data: { id: string } } };
    const both = await Promise.all([
      as('ana').data<Logged>(LOG_VISIT, { input }),
      as('ana').data<Logged>(LOG_VISIT, { input }),
    ]);
    expect(both.map((r) => r.logVisit.__typename)).toEqual(['LogVisitSuccess', 'LogVisitSuccess']);
    const visitId = both[0]?.logVisit.data.id;
    await pass();
    const got = (receivers.admin?.events('visit.logged') ?? []).filter(
      (e) => e.payload.data.visitId === visitId,
    );
    expect(got).toHaveLength(1);
  });

  it('reach a receiver that was down for a while: every event exactly once per delivery id, signed', async () => {
    const admin = receivers.admin as Receiver;
    admin.status = 500;
    const sent = [
      await logVisit('ana', 'Supermercados Alba'),
      await logVisit('luis', 'HiperNorte'),
      await logVisit('sofia', 'Cesta Online'),
    ];
    // Luis (Alba, HiperNorte) and Sofía (Cesta Online) get theirs; the admin's receiver answers 500.
    expect(await pass()).toEqual({ attempted: 6, delivered: 3, failedAttempts: 3 });
    await admin.down(); // connection refused from now on
    await pass(1); // retries due after 30 s
    await pass(3); // and after 2 min more
    expect(admin.received.every((r) => r.body.length > 0)).toBe(true);
    const failing = await deliveries('admin', 'PENDING');
    expect(failing).toHaveLength(3);
    for (const d of failing) {
      expect(d.attempts).toBe(3);
      expect(d.log.map((a) => a.statusCode)).toEqual([500, null, null]);
      expect(d.log[1]?.error).toMatch(/ECONNREFUSED/);
    }
    admin.status = 200;
    await admin.up();
    await pass(60); // the next retry, 10 min after the third attempt, is due
    await pass(24 * 60); // and nothing is sent twice afterwards
    const accepted = admin.received.filter((_, i) => i >= 3); // the first three got 500
    const ids = accepted.map((r) => r.headers['clave-delivery']);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toHaveLength(3);
    expect(accepted.map((r) => JSON.parse(r.body).data.visitId).sort()).toEqual(sent.map((id) => id).sort());
    for (const r of accepted)
      expect(signatureValid(r.headers, r.body, hooks.admin?.secret as string)).toBe(true);
    const done = await deliveries('admin', 'DELIVERED');
    expect(done.filter((d) => d.log.length === 4)).toHaveLength(3);
    expect(done.find((d) => d.log.length === 4)?.log.map((a) => a.statusCode)).toEqual([
      500,
      null,
      null,
      200,
    ]);
  });

  it('give up after 12 attempts over about a day, and can be sent again by hand', async () => {
    const admin = receivers.admin as Receiver;
    admin.status = 503;
    await logVisit('ana', 'Distribuciones Cantábrico');
    // Half-hour steps for two days: each retry is attempted within 30 minutes of being due.
    for (let i = 0; i < 96; i++) await pass(30);
    const [failed] = await deliveries('admin', 'FAILED');
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 12, lastStatusCode: 503 });
    expect(failed?.log).toHaveLength(12);
    const times = failed?.log.map((a) => Date.parse(a.at)) ?? [];
    const hours = ((times[11] ?? 0) - (times[0] ?? 0)) / 3_600_000;
    expect(hours).toBeGreaterThan(22);
    expect(hours).toBeLessThan(30);
    admin.status = 200;
    const redelivered = await as('admin').data<{
      redeliverWebhookDelivery: { __typename: string; data: Delivery };
    }>(
      `mutation($id: ID!) { redeliverWebhookDelivery(id: $id) {
        __typename ... on RedeliverWebhookDeliverySuccess { data { state attempts } } ... on Error { code }
      } }`,
      { id: failed?.id },
    );
    expect(redelivered.redeliverWebhookDelivery).toMatchObject({ data: { state: 'PENDING', attempts: 0 } });
    await pass();
    const last = admin.received[admin.received.length - 1];
    expect(last?.headers['clave-delivery']).toBe(failed?.deliveryId);
    const again = (await deliveries('admin')).find((d) => d.id === failed?.id);
    expect(again).toMatchObject({ state: 'DELIVERED', lastStatusCode: 200 });
  });

  it('are sent once even when two workers poll at the same time', async () => {
    await logVisit('ana', 'Selecta Gourmet');
    await logVisit('ana', 'Supermercados Alba');
    const [a, b] = await Promise.all([pass(), pass()]);
    expect((a?.attempted ?? 0) + (b?.attempted ?? 0)).toBe(3); // admin ×2, luis ×1
    const ids = Object.values(receivers).flatMap((r) => r.received.map((x) => x.headers['clave-delivery']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are sent by the background worker, which finishes the attempt in flight when stopped', async () => {
    const admin = receivers.admin as Receiver;
    let release = () => {};
    admin.hold = new Promise((resolve) => {
      release = resolve;
    });
    const arrived = admin.nextRequest();
    await logVisit('ana', 'Selecta Gourmet'); // only the admin's webhook hears it
    const worker = startWebhookWorker(t.app.orm, { ...POLICY, pollMs: 3_600_000 });
    await arrived;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // still waiting for the receiver's answer
    release();
    await stopping;
    admin.hold = null;
    const [latest] = await deliveries('admin');
    expect(latest).toMatchObject({ state: 'DELIVERED', attempts: 1, lastStatusCode: 200 });
  });

  it('count an answer that does not come in time as a failed attempt, retried later', async () => {
    const admin = receivers.admin as Receiver;
    let release = () => {};
    admin.hold = new Promise((resolve) => {
      release = resolve;
    });
    await logVisit('ana', 'Selecta Gourmet');
    const result = await deliverDueWebhooks(t.app.orm, { ...POLICY, now: new Date(clock), timeoutMs: 200 });
    release();
    admin.hold = null;
    expect(result).toMatchObject({ attempted: 1, delivered: 0 });
    const [latest] = await deliveries('admin');
    expect(latest).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'Timed out',
    });
    await pass(1);
    expect((await deliveries('admin'))[0]).toMatchObject({ state: 'DELIVERED', attempts: 2 });
  });

  it('wait while their webhook is paused, and are not recorded for it meanwhile', async () => {
    await logVisit('ana', 'Supermercados Alba');
    const luis = hooks.luis as NewWebhook;
    const token = await newToken(as('luis'), ['WRITE_WEBHOOKS']);
    const pause = `mutation($id: ID!, $active: Boolean!, $v: Int!) {
      updateWebhook(id: $id, input: { active: $active, expectedVersion: $v }) {
        __typename ... on UpdateWebhookSuccess { data { version } }
      }
    }`;
    const paused = await asToken(t, token, pause, {
      id: luis.webhook.id,
      active: false,
      v: luis.webhook.version,
    });
    const version = paused.body.data?.updateWebhook.data.version;
    await pass();
    expect(receivers.luis?.received).toHaveLength(0);
    await logVisit('ana', 'Supermercados Alba'); // not recorded for a paused webhook
    const resumed = await asToken(t, token, pause, { id: luis.webhook.id, active: true, v: version });
    luis.webhook.version = resumed.body.data?.updateWebhook.data.version;
    await pass();
    expect(receivers.luis?.received).toHaveLength(1);
  });
});

describe('events', () => {
  it('plan_action.updated carries the change', async () => {
    const plan = await as('ana').data<{
      node: { activePlan: { actions: { id: string; status: string; version: number }[] } };
    }>(
      'query($id: ID!) { node(id: $id) { ... on Account { activePlan { actions { id status version } } } } }',
      {
        id: accounts['Coop Valle Verde'],
      },
    );
    const action = plan.node.activePlan.actions.find((a) => a.status === 'PLANNED');
    if (!action) throw new Error('no planned action in the demo');
    const UPDATE = `mutation($id: ID!, $input: UpdatePlanActionInput!) {
      updatePlanAction(id: $id, input: $input) { __typename }
    }`;
    const stale = await as('ana').data<{ updatePlanAction: { __typename: string } }>(UPDATE, {
      id: action.id,
      input: { expectedVersion: action.version + 5, status: 'IN_PROGRESS' },
    });
    expect(stale.updatePlanAction.__typename).toBe('ConflictError');
    await pass();
    expect(receivers.admin?.events('plan_action.updated')).toHaveLength(0);
    await as('ana').data(UPDATE, {
      id: action.id,
      input: { expectedVersion: action.version, status: 'IN_PROGRESS', progress: 20, note: 'Empezamos' },
    });
    await pass();
    const [got] = receivers.admin?.events('plan_action.updated') ?? [];
    expect(got?.payload.data).toMatchObject({
      planActionId: action.id,
      accountId: accounts['Coop Valle Verde'],
      status: 'IN_PROGRESS',
      previousStatus: 'PLANNED',
      progress: 20,
      changedFields: expect.arrayContaining(['status', 'progress', 'note']),
      note: 'Empezamos',
    });
  });

  it('resource_request.decided is sent once, when the manager decides', async () => {
    const inbox = await as('marta').data<{ pendingResourceRequests: { edges: { node: { id: string } }[] } }>(
      '{ pendingResourceRequests(first: 1) { edges { node { id } } } }',
    );
    const id = inbox.pendingResourceRequests.edges[0]?.node.id;
    const DECIDE = `mutation($id: ID!) { decideResourceRequest(id: $id, approve: true) { __typename } }`;
    await as('marta').data(DECIDE, { id });
    await as('marta').data(DECIDE, { id }); // the same decision again changes nothing
    await pass();
    const got = receivers.admin?.events('resource_request.decided') ?? [];
    expect(got).toHaveLength(1);
    expect(got[0]?.payload.data).toMatchObject({ resourceRequestId: id, status: 'APPROVED' });
  });

  it('kpi.status_changed is sent when a value changes the status, not otherwise', async () => {
    const kpis = await as('ana').data<{
      node: {
        kpis: {
          id: string;
          direction: string;
          redThreshold: number | null;
          amberThreshold: number | null;
          latest: { status: string | null } | null;
        }[];
      };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Account {
        kpis { id direction redThreshold amberThreshold latest { status } }
      } } }`,
      { id: accounts['Supermercados Alba'] },
    );
    const kpi = kpis.node.kpis.find((k) => k.redThreshold !== null && k.latest?.status !== 'RED');
    if (!kpi || kpi.redThreshold === null) throw new Error('no KPI with a red threshold in the demo');
    const worse = (by: number) =>
      kpi.direction === 'HIGHER_IS_BETTER'
        ? (kpi.redThreshold as number) - by
        : (kpi.redThreshold as number) + by;
    const RECORD = `mutation($input: RecordKpiMeasurementsInput!) {
      recordKpiMeasurements(input: $input) { __typename }
    }`;
    const today = new Date().toISOString().slice(0, 10);
    await as('ana').data(RECORD, {
      input: { measurements: [{ kpiDefinitionId: kpi.id, periodStart: today, value: worse(1) }] },
    });
    await as('ana').data(RECORD, {
      input: { measurements: [{ kpiDefinitionId: kpi.id, periodStart: today, value: worse(2) }] },
    });
    await pass();
    const got = receivers.admin?.events('kpi.status_changed') ?? [];
    expect(got).toHaveLength(1);
    expect(got[0]?.payload.data).toMatchObject({
      kpiDefinitionId: kpi.id,
      accountId: accounts['Supermercados Alba'],
      previousStatus: kpi.latest?.status ?? null,
      status: 'RED',
      value: worse(1),
    });
  });
});

describe('the delivery log', () => {
  it(`keeps finished deliveries ${LOG_RETENTION_DAYS} days, and pending ones until they finish`, async () => {
    const admin = receivers.admin as Receiver;
    await logVisit('ana', 'Selecta Gourmet');
    await pass();
    admin.status = 500;
    await logVisit('ana', 'Coop Valle Verde');
    await pass();
    const events = await count('webhook_event');
    const [failing, delivered] = await deliveries('admin');
    expect([failing?.state, delivered?.state]).toEqual(['PENDING', 'DELIVERED']);
    // Measured from when they were queued (real time): a month on, only the pending one is left.
    const removed = await pruneWebhookLog(
      t.app.orm,
      new Date(Date.now() + (LOG_RETENTION_DAYS + 1) * 86_400_000),
    );
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = await deliveries('admin');
    expect(left.map((d) => d.id)).toEqual([failing?.id]);
    expect(await count('webhook_event')).toBeLessThan(events);
    expect(await count('webhook_event')).toBeGreaterThanOrEqual(1);
  });
});

// This machine's own name resolves to a loopback or private address on most hosts (not on all).
const ownAddresses = await lookup(hostname(), { all: true }).catch(() => []);
const ownNameIsPrivate = ownAddresses.length > 0 && ownAddresses.every((a) => isPrivateAddress(a.address));

describe('on a server that refuses private networks', () => {
  it.runIf(ownNameIsPrivate)(
    'a name that resolves to a private address is never connected to, and the attempt says why',
    async () => {
      const receiver = new Receiver();
      await receiver.up();
      const url = receiver.url.replace('127.0.0.1', hostname());
      const created = await as('admin').data<{ createWebhook: { data: NewWebhook } }>(CREATE_WEBHOOK, {
        input: { url, events: ['resource_request.decided'] },
      });
      const webhook = created.createWebhook.data.webhook;
      const inbox = await as('marta').data<{
        pendingResourceRequests: { edges: { node: { id: string } }[] };
      }>('{ pendingResourceRequests(first: 1) { edges { node { id } } } }');
      await as('marta').data(
        'mutation($id: ID!) { decideResourceRequest(id: $id, approve: true) { __typename } }',
        {
          id: inbox.pendingResourceRequests.edges[0]?.node.id,
        },
      );
      await deliverDueWebhooks(t.app.orm, {
        allowHttp: true,
        allowPrivateNetworks: false,
        now: new Date(clock),
      });
      expect(receiver.received).toHaveLength(0);
      const log = await as('admin').data<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(DELIVERIES, {
        id: webhook.id,
      });
      const [delivery] = log.webhookDeliveries.edges.map((e) => e.node);
      expect(delivery).toMatchObject({ state: 'PENDING', attempts: 1, lastStatusCode: null });
      expect(delivery?.log[0]?.error).toMatch(/EPRIVATEADDRESS/);
      await as('admin').data('mutation($id: ID!) { deleteWebhook(id: $id) { __typename } }', {
        id: webhook.id,
      });
      await receiver.down();
    },
  );
});
