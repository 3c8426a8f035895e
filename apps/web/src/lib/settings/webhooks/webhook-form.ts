// Webhooks in Settings: the draft of a new or edited webhook, the checks made before sending (the
// API checks again, including the network rules on the URL), the variables of createWebhook /
// updateWebhook and where the server's field issues go.
import { type Role, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@clave/domain';

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
export const DESCRIPTION_MAX = 200;

export interface WebhookDraft {
  url: string;
  events: WebhookEventType[];
  description: string;
}

export type WebhookField = 'url' | 'events' | 'description';
/** `true` for a problem found here (the form words it), a string for the server's message. */
export type WebhookErrors = Partial<Record<WebhookField, true | string>>;
export const WEBHOOK_FIELDS: readonly WebhookField[] = ['url', 'events', 'description'];

/** In the app only admins register and change webhooks (API tokens with write:webhooks do it for themselves). */
export const canManageWebhooks = (role: Role): boolean => role === 'ADMIN';

export function emptyWebhookDraft(): WebhookDraft {
  return { url: '', events: [], description: '' };
}

export function draftOfWebhook(webhook: {
  url: string;
  events: readonly string[];
  description: string;
}): WebhookDraft {
  return {
    url: webhook.url,
    events: EVENT_TYPES.filter((type) => webhook.events.includes(type)),
    description: webhook.description,
  };
}

/** An absolute http(s) URL without a user name or password (whether http and private addresses are allowed is the server's call). */
export function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
  );
}

const hasControlCharacter = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export function validateWebhook(draft: WebhookDraft): WebhookErrors {
  const errors: WebhookErrors = {};
  if (!isWebhookUrl(draft.url)) errors.url = true;
  if (draft.events.length === 0) errors.events = true;
  const description = draft.description.trim();
  if (description.length > DESCRIPTION_MAX || hasControlCharacter(description)) errors.description = true;
  return errors;
}

/** The chosen events in the API's order, each once. */
const ordered = (events: readonly WebhookEventType[]) => EVENT_TYPES.filter((type) => events.includes(type));

export function toCreateWebhookInput(draft: WebhookDraft): {
  url: string;
  events: string[];
  description?: string;
} {
  const description = draft.description.trim();
  return {
    url: draft.url.trim(),
    events: ordered(draft.events),
    ...(description === '' ? {} : { description }),
  };
}

export interface WebhookUpdateInput {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
  expectedVersion: number;
}

/** `updateWebhook` input with only what changed, guarded by the version read; null when nothing changed. */
export function toUpdateWebhookInput(
  draft: WebhookDraft,
  original: WebhookDraft,
  expectedVersion: number,
): WebhookUpdateInput | null {
  const input: WebhookUpdateInput = { expectedVersion };
  if (draft.url.trim() !== original.url) input.url = draft.url.trim();
  const events = ordered(draft.events);
  if (events.join(' ') !== ordered(original.events).join(' ')) input.events = events;
  if (draft.description.trim() !== original.description) input.description = draft.description.trim();
  return Object.keys(input).length > 1 ? input : null;
}

export interface ServerIssue {
  path: readonly (string | number)[];
  message: string;
}

/** The server's issues on the fields they name (`events.1` on events); the rest are general. */
export function placeWebhookIssues(issues: readonly ServerIssue[]): {
  fields: WebhookErrors;
  general: string[];
} {
  const fields: WebhookErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const head = String(issue.path[0] === 'input' ? (issue.path[1] ?? '') : (issue.path[0] ?? ''));
    if ((WEBHOOK_FIELDS as readonly string[]).includes(head)) {
      const field = head as WebhookField;
      if (typeof fields[field] !== 'string') fields[field] = issue.message;
    } else {
      general.push(issue.message);
    }
  }
  return { fields, general };
}

/** A delivery's last answer in short: the HTTP status when one came, else the error (e.g. "Timed out"). */
export function lastAnswer(delivery: {
  lastStatusCode: number | null;
  lastError: string | null;
}): string | null {
  if (delivery.lastStatusCode !== null) return `HTTP ${delivery.lastStatusCode}`;
  return delivery.lastError;
}

/** Only delivered and failed deliveries can be sent again (a pending one is still being tried). */
export const canRedeliver = (delivery: { state: string }): boolean => delivery.state !== 'PENDING';
