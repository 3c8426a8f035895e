// Sends one outbox entry and reads the answer as what the sync engine must do next.
import type { Client, CombinedError, OperationResult } from '@urql/core';
import { OUTBOX_DOCUMENTS } from './mutations';
import { type OutboxEntry, type OutboxIssue, VERSIONED_KINDS } from './types';

export type Delivery =
  /** The server holds the write (now, or from an earlier send whose answer was lost). */
  | { kind: 'applied'; data: unknown; version?: number }
  /** Invalid, forbidden or unknown: sending it again cannot help. */
  | { kind: 'rejected'; error: { message: string; code?: string; issues?: OutboxIssue[] } }
  | { kind: 'conflict'; current: unknown; currentVersion: number }
  /** The session is gone: nothing can be sent until the user signs in again. */
  | { kind: 'unauthenticated' }
  /** No answer (offline, timeout, 5xx, rate limit): the server is out of reach for every entry. */
  | { kind: 'unreachable'; reason: string }
  /** The server failed on this entry only (a masked unexpected error): try it later, go on with the rest. */
  | { kind: 'failed'; reason: string };

/** A request still unanswered after this long counts as lost (it may still land: every write is idempotent). */
export const DELIVERY_TIMEOUT_MS = 30_000;

interface Payload {
  __typename: string;
  data?: { version?: number } & Record<string, unknown>;
  code?: string;
  message?: string;
  issues?: OutboxIssue[];
  current?: unknown;
  currentVersion?: number;
}

export async function deliver(
  client: Client,
  entry: OutboxEntry,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<Delivery> {
  let result: OperationResult | null;
  try {
    result = await mutate(client, entry, timeoutMs);
  } catch (error) {
    return { kind: 'unreachable', reason: String(error) };
  }
  if (!result) return { kind: 'unreachable', reason: 'timeout' };
  const payload = (result.data as Record<string, Payload | null | undefined> | undefined)?.[entry.kind];
  if (!payload) return failure(result.error);
  return readPayload(entry, payload);
}

function mutate(client: Client, entry: OutboxEntry, timeoutMs: number): Promise<OperationResult | null> {
  return new Promise((resolve) => {
    // Unsubscribing aborts the fetch; `settled` guards a result arriving synchronously.
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = client
      .mutation(OUTBOX_DOCUMENTS[entry.kind], entry.variables as never, { requestPolicy: 'network-only' })
      .subscribe((result) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      });
    if (settled) {
      subscription.unsubscribe();
      return;
    }
    timer = setTimeout(() => {
      settled = true;
      subscription.unsubscribe();
      resolve(null);
    }, timeoutMs);
  });
}

function failure(error: CombinedError | undefined): Delivery {
  if (!error) return { kind: 'failed', reason: 'empty answer' };
  if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
    return { kind: 'unauthenticated' };
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) return { kind: 'unauthenticated' };
  if (error.networkError && (status === undefined || status >= 500 || status === 429 || status === 408)) {
    return { kind: 'unreachable', reason: error.message };
  }
  if (status !== undefined && status >= 500) return { kind: 'unreachable', reason: error.message };
  return { kind: 'failed', reason: error.message };
}

function readPayload(entry: OutboxEntry, payload: Payload): Delivery {
  if (payload.__typename.endsWith('Success')) {
    const version = typeof payload.data?.version === 'number' ? payload.data.version : undefined;
    return { kind: 'applied', data: payload.data, ...(version === undefined ? {} : { version }) };
  }
  if (payload.__typename === 'ConflictError') {
    const currentVersion = payload.currentVersion ?? 0;
    if (VERSIONED_KINDS.includes(entry.kind) && alreadyApplied(entry, payload.current)) {
      return { kind: 'applied', data: payload.current, version: currentVersion };
    }
    return { kind: 'conflict', current: payload.current, currentVersion };
  }
  return {
    kind: 'rejected',
    error: {
      message: payload.message ?? payload.__typename,
      ...(payload.code ? { code: payload.code } : {}),
      ...(payload.issues ? { issues: payload.issues } : {}),
    },
  };
}

/** Slack between the phone's clock and the server's when matching a note to the entry's time. */
const CLOCK_SKEW_MS = 10 * 60_000;

interface ActionOnServer {
  title?: string;
  description?: string;
  dueDate?: string;
  status?: string;
  progress?: number;
  owner?: { id: string } | null;
  objective?: { id: string } | null;
  updates?: {
    at: string;
    note: string;
    toStatus?: string;
    toProgress?: number;
    author?: { id: string } | null;
  }[];
}

interface StakeholderOnServer {
  name?: string;
  title?: string | null;
  decisionRole?: string;
  attitude?: string;
  influence?: string | null;
  email?: string | null;
  phone?: string | null;
  reportsTo?: { id: string } | null;
}

/**
 * A stale-version answer to an update that the server already shows: the first send landed and its
 * answer was lost, so this one is a retry, not a conflict. Every field the update sets must already
 * hold, and (plan actions) its note must be in the action's log. For a stakeholder, a stale update
 * whose every field already holds has nothing left to do either way.
 */
export function alreadyApplied(entry: OutboxEntry, current: unknown): boolean {
  if (entry.kind === 'updateStakeholder') return stakeholderShows(entry, current);
  if (entry.kind === 'updateAccountProfile') return profileShows(entry, current);
  if (entry.kind !== 'updatePlanAction') return false;
  const input = (entry.variables.input ?? {}) as Record<string, unknown>;
  const action = (current ?? {}) as ActionOnServer;
  const expected: [unknown, unknown][] = [];
  for (const field of ['title', 'description', 'dueDate', 'status', 'progress'] as const) {
    if (input[field] !== undefined) expected.push([input[field], action[field]]);
  }
  if (input.ownerId !== undefined) expected.push([input.ownerId, action.owner?.id ?? null]);
  if (input.objectiveId !== undefined) expected.push([input.objectiveId, action.objective?.id ?? null]);
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  const since = Date.parse(entry.createdAt) - CLOCK_SKEW_MS;
  // The log shows the change itself — this user's note with this outcome, since the write was
  // queued — even after someone else changed the action again (then the fields no longer match,
  // and keeping "mine" would apply the update twice).
  const progress = input.status === 'DONE' ? 100 : input.progress;
  const logged = (action.updates ?? []).some(
    (u) =>
      note !== '' &&
      u.note.trim() === note &&
      Date.parse(u.at) >= since &&
      (input.status === undefined || u.toStatus === input.status) &&
      (progress === undefined || u.toProgress === progress) &&
      (!entry.userId || !u.author || u.author.id === entry.userId),
  );
  if (logged) return true;
  if (expected.length === 0 && !note) return false;
  if (!expected.every(([wanted, now]) => wanted === now)) return false;
  if (!note) return true;
  return (action.updates ?? []).some((u) => u.note.trim() === note && Date.parse(u.at) >= since);
}

/** Text the server may have trimmed or (emails) lower-cased, compared the way it stores it. */
const same = (wanted: unknown, now: unknown, field: string): boolean => {
  const norm = (v: unknown) =>
    typeof v === 'string' ? (field === 'email' ? v.trim().toLowerCase() : v.trim()) || null : (v ?? null);
  return norm(wanted) === norm(now);
};

function stakeholderShows(entry: OutboxEntry, current: unknown): boolean {
  const input = (entry.variables.input ?? {}) as Record<string, unknown>;
  const person = (current ?? {}) as StakeholderOnServer;
  const checks: boolean[] = [];
  for (const field of ['name', 'title', 'decisionRole', 'attitude', 'influence', 'email', 'phone'] as const) {
    if (input[field] !== undefined) checks.push(same(input[field], person[field], field));
  }
  if (input.reportsToId !== undefined)
    checks.push((input.reportsToId ?? null) === (person.reportsTo?.id ?? null));
  return checks.length > 0 && checks.every(Boolean);
}

/** Every section the update sets already reads, on the server, exactly as the user wrote it. */
function profileShows(entry: OutboxEntry, current: unknown): boolean {
  const input = (entry.variables.input ?? {}) as Record<string, unknown>;
  const profile = (current ?? {}) as Record<string, unknown>;
  const sections = Object.keys(input).filter((key) => key !== 'expectedVersion' && input[key] !== undefined);
  // The API names the history section's text `historyText` (its `history` lists the changes).
  const text = (section: string) => profile[section === 'history' ? 'historyText' : section] ?? '';
  return sections.length > 0 && sections.every((section) => input[section] === text(section));
}
