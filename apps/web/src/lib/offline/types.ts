// The outbox's data, shared by the IndexedDB schema (db.ts) and the sync engine (outbox.svelte.ts).

export type OutboxKind =
  | 'logVisit'
  | 'updatePlanAction'
  | 'createPlanAction'
  | 'recordKpiMeasurements'
  | 'createStakeholder'
  | 'updateStakeholder'
  | 'createResourceRequest'
  | 'updateAccountProfile';

/** Writes that create an object under the outbox id (the server stores one whatever the re-sends). */
export const CREATE_KINDS: readonly OutboxKind[] = [
  'logVisit',
  'createStakeholder',
  'createResourceRequest',
  'createPlanAction',
];

/** Writes guarded by `expectedVersion` (a stale one is a conflict the user settles). */
export const VERSIONED_KINDS: readonly OutboxKind[] = [
  'updatePlanAction',
  'updateStakeholder',
  'updateAccountProfile',
];

/**
 * pending: waiting to be sent (maybe after a backoff); syncing: on its way; rejected: the server
 * refused it as invalid, forbidden or unknown (shown, kept until the user discards it); conflict:
 * the object changed on the server since it was read (the user picks a version).
 */
export type OutboxState = 'pending' | 'syncing' | 'rejected' | 'conflict';

export interface OutboxIssue {
  path: string[];
  message: string;
}

export interface OutboxEntry {
  /**
   * Client-made UUID (crypto.randomUUID()); for a create (logVisit, createStakeholder,
   * createResourceRequest, createPlanAction) it IS the new object's id.
   */
  id: string;
  /**
   * Global id of the signed-in user who queued it: only their session sends it. Absent on entries
   * queued before the outbox recorded it (they wait until someone signed in claims them).
   */
  userId?: string;
  kind: OutboxKind;
  /** The mutation's GraphQL variables. */
  variables: Record<string, unknown>;
  /** What the UI lists ("Visita a Supermercados Alba"). */
  label: string;
  /** Global id of the account, to show pending writes on the account page. */
  accountId?: string;
  /** Names of the ids the variables hold (e.g. the new manager's), to show a conflict in words. */
  names?: Record<string, string>;
  createdAt: string;
  /** Failed deliveries (network or server errors) since the entry was made or last released. */
  attempts: number;
  /** Not sent again before this time (exponential backoff). */
  nextAttemptAt: string;
  state: OutboxState;
  /** Why the server rejected it: its message (in the UI language) and the field issues. */
  error?: { message: string; code?: string; issues?: OutboxIssue[] };
  /** The object as it is on the server, and the version to send to overwrite it. */
  conflict?: { current: unknown; currentVersion: number };
}
