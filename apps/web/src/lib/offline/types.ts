// The outbox's data, shared by the IndexedDB schema (db.ts) and the sync engine (outbox.svelte.ts).

export type OutboxKind = 'logVisit' | 'updatePlanAction' | 'recordKpiMeasurements';

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
  /** Client-made UUID (crypto.randomUUID()); for logVisit it IS the visit id. */
  id: string;
  kind: OutboxKind;
  /** The mutation's GraphQL variables. */
  variables: Record<string, unknown>;
  /** What the UI lists ("Visita a Supermercados Alba"). */
  label: string;
  /** Global id of the account, to show pending writes on the account page. */
  accountId?: string;
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
