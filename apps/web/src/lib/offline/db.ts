import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxEntry } from './types';

/** A screen's last good answer, kept so it can be read offline with its age. */
export interface CacheRecord {
  key: string;
  data: unknown;
  savedAt: string;
}

export interface ClaveDB extends DBSchema {
  /** Writes not yet accepted by the server, keyed by their client-made UUID. */
  outbox: { key: string; value: OutboxEntry; indexes: { byCreatedAt: string } };
  /** Last copies of reads, keyed by the screen's cache key. */
  cache: { key: string; value: CacheRecord };
}

export const DB_NAME = 'clave';
/** Bump with a new `if (oldVersion < n)` step in `upgrade`; never edit a step that has shipped. */
export const DB_VERSION = 1;

let opening: Promise<IDBPDatabase<ClaveDB>> | null = null;

/** The one connection of this tab, opened on first use. */
export function getDB(): Promise<IDBPDatabase<ClaveDB>> {
  if (!opening) {
    opening = openDB<ClaveDB>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
          outbox.createIndex('byCreatedAt', 'createdAt');
          db.createObjectStore('cache', { keyPath: 'key' });
        }
      },
      // A newer version of the app (in another tab) wants to upgrade: let it, and reopen on next use.
      blocking(_current, _blocked, event) {
        (event.target as IDBDatabase | null)?.close();
        opening = null;
      },
      terminated() {
        opening = null;
      },
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

/** Closes this tab's connection (tests, or before deleting the database). */
export async function closeDB(): Promise<void> {
  const pending = opening;
  opening = null;
  if (pending) (await pending.catch(() => null))?.close();
}
