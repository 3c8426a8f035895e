import { describe, expect, it } from 'vitest';
import {
  canManageWebhooks,
  canRedeliver,
  draftOfWebhook,
  emptyWebhookDraft,
  isWebhookUrl,
  lastAnswer,
  placeWebhookIssues,
  toCreateWebhookInput,
  toUpdateWebhookInput,
  validateWebhook,
} from './webhook-form';

describe('who manages webhooks in the app', () => {
  it('is admins only', () => {
    expect(canManageWebhooks('ADMIN')).toBe(true);
    expect(canManageWebhooks('MANAGER')).toBe(false);
    expect(canManageWebhooks('KAM')).toBe(false);
  });
});

describe('isWebhookUrl', () => {
  it('takes absolute http and https URLs', () => {
    expect(isWebhookUrl('https://erp.example.com/hooks/clave')).toBe(true);
    expect(isWebhookUrl(' http://127.0.0.1:8080/x ')).toBe(true);
  });

  it('refuses other schemes, relative paths and credentials', () => {
    for (const url of ['ftp://example.com', '/hooks', 'example.com', 'https://user:pw@example.com/', '']) {
      expect(isWebhookUrl(url), url).toBe(false);
    }
  });
});

describe('validateWebhook', () => {
  it('names the URL and the events when missing', () => {
    expect(Object.keys(validateWebhook(emptyWebhookDraft())).sort()).toEqual(['events', 'url']);
  });

  it('refuses a description over 200 characters or on several lines', () => {
    const draft = {
      url: 'https://a.example/h',
      events: ['visit.logged' as const],
      description: 'x'.repeat(201),
    };
    expect(validateWebhook(draft).description).toBe(true);
    expect(validateWebhook({ ...draft, description: 'one\ntwo' }).description).toBe(true);
    expect(validateWebhook({ ...draft, description: 'ERP' })).toEqual({});
  });
});

describe('variables', () => {
  it('sends events in the API order and leaves an empty description out', () => {
    expect(
      toCreateWebhookInput({
        url: ' https://a.example/h ',
        events: ['kpi.status_changed', 'visit.logged'],
        description: '  ',
      }),
    ).toEqual({ url: 'https://a.example/h', events: ['visit.logged', 'kpi.status_changed'] });
  });

  const original = draftOfWebhook({
    url: 'https://a.example/h',
    events: ['visit.logged', 'plan_action.updated'],
    description: 'ERP',
  });

  it('sends only what changed, with the version read', () => {
    expect(
      toUpdateWebhookInput({ ...original, events: ['plan_action.updated', 'visit.logged'] }, original, 3),
    ).toBeNull();
    expect(toUpdateWebhookInput({ ...original, description: '' }, original, 3)).toEqual({
      description: '',
      expectedVersion: 3,
    });
    expect(toUpdateWebhookInput({ ...original, events: ['visit.logged'] }, original, 4)).toEqual({
      events: ['visit.logged'],
      expectedVersion: 4,
    });
  });
});

describe('server issues and the delivery log', () => {
  it('puts issues on their field', () => {
    const placed = placeWebhookIssues([
      { path: ['url'], message: 'Not on a private network' },
      { path: ['events', '0'], message: 'Unknown event' },
      { path: [], message: 'At most 20 webhooks' },
    ]);
    expect(placed.fields).toEqual({ url: 'Not on a private network', events: 'Unknown event' });
    expect(placed.general).toEqual(['At most 20 webhooks']);
  });

  it('says the last answer and whether a delivery can be sent again', () => {
    expect(lastAnswer({ lastStatusCode: 204, lastError: null })).toBe('HTTP 204');
    expect(lastAnswer({ lastStatusCode: null, lastError: 'Timed out' })).toBe('Timed out');
    expect(lastAnswer({ lastStatusCode: null, lastError: null })).toBeNull();
    expect(canRedeliver({ state: 'PENDING' })).toBe(false);
    expect(canRedeliver({ state: 'FAILED' })).toBe(true);
    expect(canRedeliver({ state: 'DELIVERED' })).toBe(true);
  });
});
