import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, newToken, type TestApp } from '../../../test/helpers.js';
import { asToken, CREATE_WEBHOOK, type NewWebhook, PERMISSIVE_ENV } from './webhook-test-helpers.js';

const UPDATE = `mutation($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    __typename
    ... on UpdateWebhookSuccess { data { id url events active description version } }
    ... on ConflictError { currentVersion current { ... on Webhook { url } } }
    ... on ValidationError { issues { path message } }
    ... on Error { code message }
  }
}`;
const DELETE = `mutation($id: ID!) {
  deleteWebhook(id: $id) { __typename ... on DeleteWebhookSuccess { data } ... on Error { code message } }
}`;
const ROTATE = `mutation($id: ID!) {
  rotateWebhookSecret(id: $id) {
    __typename ... on RotateWebhookSecretSuccess { data { secret webhook { id } } } ... on Error { code message }
  }
}`;
const LIST = '{ webhooks { id url events owner { email } } }';
const NODE = 'query($id: ID!) { node(id: $id) { __typename ... on Webhook { url } } }';

let t: TestApp;
let admin: Client;
let ana: Client;
let anaHooks: string;
let anaReadOnly: string;
let luisHooks: string;
const URL_OK = 'https://hooks.example.com/clave';

beforeAll(async () => {
  t = await createTestApp({ env: PERMISSIVE_ENV });
  admin = await t.as('admin');
  ana = await t.as('ana');
  anaHooks = await newToken(ana, ['WRITE_WEBHOOKS']);
  anaReadOnly = await newToken(ana, ['READ_ACCOUNTS']);
  luisHooks = await newToken(await t.as('luis'), ['WRITE_WEBHOOKS']);
});
afterAll(() => t.close());

async function count(table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}

async function create(client: Client, input: Record<string, unknown>) {
  const result = await client.data<{ createWebhook: Record<string, unknown> & { data?: NewWebhook } }>(
    CREATE_WEBHOOK,
    { input },
  );
  return result.createWebhook;
}

async function createWithToken(secret: string, input: Record<string, unknown>, locale = 'en') {
  const { body } = await asToken(t, secret, CREATE_WEBHOOK, { input }, locale);
  return body.data?.createWebhook as Record<string, unknown> & { data?: NewWebhook };
}

describe('registering a webhook', () => {
  it('is allowed to an admin and returns the signing secret once', async () => {
    const result = await create(admin, {
      url: URL_OK,
      events: ['visit.logged', 'kpi.status_changed'],
      description: 'ERP central',
    });
    expect(result).toMatchObject({
      __typename: 'CreateWebhookSuccess',
      data: {
        webhook: { url: URL_OK, events: ['visit.logged', 'kpi.status_changed'], active: true, version: 1 },
      },
    });
    const secret = result.data?.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // Never again: not in the list, not on the type, not in the audit trail.
    const list = await admin.data(LIST);
    expect(JSON.stringify(list)).not.toContain(secret);
    const type = await admin.data<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Webhook") { fields { name } } }',
    );
    expect(type.__type.fields.map((f) => f.name)).not.toContain('secret');
    const audit = await t.app.orm.em.fork().getConnection().execute('select before, after from audit_entry');
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('is allowed to an API token with write:webhooks, for its own user', async () => {
    const result = await createWithToken(anaHooks, { url: URL_OK, events: ['plan_action.updated'] });
    expect(result).toMatchObject({
      __typename: 'CreateWebhookSuccess',
      data: { webhook: { owner: { email: 'ana@clave.dev' }, description: '' } },
    });
  });

  it('is refused to a token without the write:webhooks scope, naming the scope, in either language', async () => {
    const before = await count('webhook');
    const en = await asToken(t, anaReadOnly, CREATE_WEBHOOK, {
      input: { url: URL_OK, events: ['visit.logged'] },
    });
    expect(en.body.errors?.[0]).toMatchObject({
      message: 'This API token lacks the write:webhooks scope',
      extensions: { code: 'FORBIDDEN', scope: 'write:webhooks' },
    });
    const es = await asToken(
      t,
      anaReadOnly,
      CREATE_WEBHOOK,
      { input: { url: URL_OK, events: ['visit.logged'] } },
      'es',
    );
    expect(es.body.errors?.[0]?.message).toBe('Este token de API no tiene el permiso write:webhooks');
    expect(await count('webhook')).toBe(before);
  });

  it('is refused to a KAM or a manager signed in to the app (they use a token)', async () => {
    const before = await count('webhook');
    for (const who of ['ana', 'marta']) {
      const result = await create(await t.as(who), { url: URL_OK, events: ['visit.logged'] });
      expect(result).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    }
    expect(await count('webhook')).toBe(before);
  });

  it('is refused to anonymous callers', async () => {
    const result = await t
      .anonymous()
      .gql(CREATE_WEBHOOK, { input: { url: URL_OK, events: ['visit.logged'] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown event, no events, repeated events and a bad URL, naming each field, in Spanish too', async () => {
    const before = await count('webhook');
    const en = await create(admin, {
      url: 'not a url',
      events: ['visit.deleted'],
      description: 'x'.repeat(201),
    });
    expect(en).toMatchObject({
      __typename: 'ValidationError',
      issues: expect.arrayContaining([
        {
          path: ['events', '0'],
          message:
            'Unknown event; use visit.logged, plan_action.updated, kpi.status_changed or resource_request.decided',
        },
        { path: ['url'], message: 'Enter an absolute http(s) URL, e.g. https://example.com/hooks/clave' },
        { path: ['description'], message: expect.stringContaining('200') },
      ]),
    });
    const es = await create(await t.as('admin', 'es'), { url: 'ftp://files.example.com', events: [] });
    expect(es).toMatchObject({
      __typename: 'ValidationError',
      issues: expect.arrayContaining([
        { path: ['events'], message: 'Elige al menos un evento' },
        {
          path: ['url'],
          message: 'Introduce una URL http(s) completa, p. ej. https://example.com/hooks/clave',
        },
      ]),
    });
    const repeated = await create(admin, { url: URL_OK, events: ['visit.logged', 'visit.logged'] });
    expect(repeated).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['events'], message: 'Values must not repeat' }],
    });
    const credentials = await create(admin, {
      url: 'https://user:pw@hooks.example.com/',
      events: ['visit.logged'],
    });
    expect(credentials).toMatchObject({
      issues: [{ path: ['url'], message: 'The webhook URL must not contain a user name or password' }],
    });
    expect(await count('webhook')).toBe(before);
  });
});

describe('webhook URLs on a server with the default, strict settings', () => {
  let strict: TestApp;
  let strictAdmin: Client;
  beforeAll(async () => {
    strict = await createTestApp();
    strictAdmin = await strict.as('admin');
  });
  afterAll(() => strict.close());

  const attempt = async (url: string, client = strictAdmin) =>
    (
      await client.data<{ createWebhook: Record<string, unknown> }>(CREATE_WEBHOOK, {
        input: { url, events: ['visit.logged'] },
      })
    ).createWebhook;

  it('require https', async () => {
    expect(await attempt('http://hooks.example.com/clave')).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['url'], message: 'The webhook URL must use https' }],
    });
    expect(await attempt('http://hooks.example.com/clave', await strict.as('admin', 'es'))).toMatchObject({
      issues: [{ path: ['url'], message: 'La URL del webhook debe usar https' }],
    });
  });

  it('refuse loopback, private and link-local targets', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost:8443/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[64:ff9b::7f00:1]/hook',
      'https://2130706433/hook',
    ]) {
      expect(await attempt(url), url).toMatchObject({
        __typename: 'ValidationError',
        issues: [
          {
            path: ['url'],
            message:
              'The webhook URL points at a loopback, private or link-local address, which webhooks may not reach',
          },
        ],
      });
    }
  });

  it('accept a public https URL', async () => {
    expect(await attempt('https://93.184.215.14/hooks')).toMatchObject({
      __typename: 'CreateWebhookSuccess',
    });
    expect(await attempt(URL_OK)).toMatchObject({ __typename: 'CreateWebhookSuccess' });
  });
});

describe('managing webhooks', () => {
  it("lists one's own webhooks; an admin sees every webhook", async () => {
    await createWithToken(luisHooks, { url: `${URL_OK}/luis`, events: ['visit.logged'] });
    const mine = await asToken(t, anaHooks, LIST);
    const owners = new Set(mine.body.data?.webhooks.map((w: { owner: { email: string } }) => w.owner.email));
    expect([...owners]).toEqual(['ana@clave.dev']);
    const all = await admin.data<{ webhooks: { owner: { email: string } }[] }>(LIST);
    expect(new Set(all.webhooks.map((w) => w.owner.email))).toEqual(
      new Set(['admin@clave.dev', 'ana@clave.dev', 'luis@clave.dev']),
    );
  });

  it("cannot be seen or changed by another user's token: it answers as not found", async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const seen = await asToken(t, luisHooks, NODE, { id: hook.webhook.id });
    expect(seen.body.data?.node).toBeNull();
    const changed = await asToken(t, luisHooks, UPDATE, {
      id: hook.webhook.id,
      input: { url: `${URL_OK}/stolen`, expectedVersion: 1 },
    });
    expect(changed.body.data?.updateWebhook).toMatchObject({ __typename: 'NotFoundError' });
    const deleted = await asToken(t, luisHooks, DELETE, { id: hook.webhook.id });
    expect(deleted.body.data?.deleteWebhook).toMatchObject({ __typename: 'NotFoundError' });
    const owner = await asToken(t, anaHooks, NODE, { id: hook.webhook.id });
    expect(owner.body.data?.node).toMatchObject({ url: URL_OK });
  });

  it("the delivery log is for the webhook's owner and admins only", async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const LOG = 'query($id: ID!) { webhookDeliveries(webhookId: $id, first: 10) { totalCount } }';
    const owner = await asToken(t, anaHooks, LOG, { id: hook.webhook.id });
    expect(owner.body.data?.webhookDeliveries).toEqual({ totalCount: 0 });
    const byAdmin = await admin.data(LOG, { id: hook.webhook.id });
    expect(byAdmin).toEqual({ webhookDeliveries: { totalCount: 0 } });
    const other = await asToken(t, luisHooks, LOG, { id: hook.webhook.id });
    expect(other.body.errors?.[0]).toMatchObject({
      message: 'Webhook not found',
      extensions: { code: 'NOT_FOUND' },
    });
    const noScope = await asToken(t, anaReadOnly, LOG, { id: hook.webhook.id });
    expect(noScope.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'write:webhooks',
    });
  });

  it('a token without write:webhooks cannot read webhooks either', async () => {
    const { body } = await asToken(t, anaReadOnly, LIST);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'write:webhooks' });
  });

  it('changes with the version read; a stale version is a conflict carrying the current webhook', async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const first = await asToken(t, anaHooks, UPDATE, {
      id: hook.webhook.id,
      input: {
        url: `${URL_OK}/v2`,
        events: ['visit.logged', 'resource_request.decided'],
        active: false,
        expectedVersion: 1,
      },
    });
    expect(first.body.data?.updateWebhook).toMatchObject({
      __typename: 'UpdateWebhookSuccess',
      data: {
        url: `${URL_OK}/v2`,
        events: ['visit.logged', 'resource_request.decided'],
        active: false,
        version: 2,
      },
    });
    const stale = await asToken(t, anaHooks, UPDATE, {
      id: hook.webhook.id,
      input: { url: `${URL_OK}/v3`, expectedVersion: 1 },
    });
    expect(stale.body.data?.updateWebhook).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: 2,
      current: { url: `${URL_OK}/v2` },
    });
  });

  it('an admin can change and delete any webhook; deleting removes it', async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const paused = await admin.data<{ updateWebhook: { __typename: string } }>(UPDATE, {
      id: hook.webhook.id,
      input: { active: false, expectedVersion: 1 },
    });
    expect(paused.updateWebhook.__typename).toBe('UpdateWebhookSuccess');
    const deleted = await admin.data<{ deleteWebhook: { data: string } }>(DELETE, { id: hook.webhook.id });
    expect(deleted.deleteWebhook.data).toBe(hook.webhook.id);
    expect((await asToken(t, anaHooks, NODE, { id: hook.webhook.id })).body.data?.node).toBeNull();
  });

  it('rotating the secret returns a new one, once', async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const { body } = await asToken(t, anaHooks, ROTATE, { id: hook.webhook.id });
    const rotated = body.data?.rotateWebhookSecret;
    expect(rotated.__typename).toBe('RotateWebhookSecretSuccess');
    expect(rotated.data.secret).toMatch(/^whsec_/);
    expect(rotated.data.secret).not.toBe(hook.secret);
  });

  it('a KAM signed in to the app can read but not change their webhooks', async () => {
    const hook = (await createWithToken(anaHooks, { url: URL_OK, events: ['visit.logged'] }))
      .data as NewWebhook;
    const list = await ana.data<{ webhooks: { id: string }[] }>(LIST);
    expect(list.webhooks.map((w) => w.id)).toContain(hook.webhook.id);
    const changed = await ana.data<{ updateWebhook: { __typename: string } }>(UPDATE, {
      id: hook.webhook.id,
      input: { active: false, expectedVersion: 1 },
    });
    expect(changed.updateWebhook.__typename).toBe('ForbiddenError');
  });
});
