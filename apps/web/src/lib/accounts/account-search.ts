import type { AccountTier } from '@clave/domain';
import type { AccountsVariables } from './documents';

export interface AccountSearch {
  search: string;
  tier: AccountTier | null;
}

/** The API's filter for a search: blank text and "all tiers" are left out rather than sent empty. */
export function toAccountFilter({ search, tier }: AccountSearch): AccountsVariables['filter'] {
  const text = search.trim();
  return { ...(text ? { search: text } : {}), ...(tier ? { tier } : {}) };
}

/**
 * The next page appended to the rows shown. A row already shown is not repeated: cursor pages can
 * overlap when accounts change between requests, and the list is keyed by id.
 */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((row) => row.id));
  return [...shown, ...page.filter((row) => !seen.has(row.id))];
}
