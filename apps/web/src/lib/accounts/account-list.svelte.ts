import type { AccountTier } from '@clave/domain';
import { QueryFailure } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { classifyError, type Failure } from '$lib/graphql/errors';
import { cachedQuery } from '$lib/offline/cache';
import { type AccountSearch, appendPage, toAccountFilter } from './account-search';
import { type AccountRow, AccountsQuery } from './documents';

export const PAGE_SIZE = 20;
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The accounts list: what the user typed and picked, the rows loaded so far and the cursor for the
 * next page. A newer search supersedes a request still in flight, so late answers never overwrite
 * fresher ones.
 */
export class AccountList {
  searchText = $state('');
  tier = $state<AccountTier | null>(null);

  rows = $state.raw<AccountRow[]>([]);
  totalCount = $state(0);
  hasNextPage = $state(false);
  phase = $state<'idle' | 'loading' | 'loadingMore' | 'ready' | 'failed'>('idle');
  failure = $state<Failure | null>(null);
  /** When the rows shown were saved, if they come from the device rather than the network. */
  savedAt = $state<Date | null>(null);
  fromCache = $state(false);
  /** The search the rows belong to (the typed text may be ahead of it while debouncing). */
  shown = $state.raw<AccountSearch>({ search: '', tier: null });

  #endCursor: string | null = null;
  #lastRequest: 'first' | 'next' = 'first';
  #generation = 0;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #onUnauthenticated: () => void;

  constructor(onUnauthenticated: () => void) {
    this.#onUnauthenticated = onUnauthenticated;
  }

  get filtered(): boolean {
    return this.shown.search.trim() !== '' || this.shown.tier !== null;
  }

  /** Typing waits for a pause before searching, so each keystroke is not a request. */
  type(text: string): void {
    this.searchText = text;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.apply(), SEARCH_DEBOUNCE_MS);
  }

  pickTier(tier: AccountTier | null): void {
    this.tier = tier;
    this.apply();
  }

  clear(): void {
    this.searchText = '';
    this.tier = null;
    this.apply();
  }

  /** Searches now for what is typed and picked, unless that is already on screen. */
  apply(): void {
    clearTimeout(this.#debounce);
    const next = { search: this.searchText.trim(), tier: this.tier };
    const unchanged = next.search === this.shown.search && next.tier === this.shown.tier;
    if (unchanged && (this.phase === 'ready' || this.phase === 'loading')) return;
    this.shown = next;
    void this.#fetch('first');
  }

  loadMore(): void {
    if (!this.hasNextPage || this.phase === 'loading' || this.phase === 'loadingMore') return;
    void this.#fetch('next');
  }

  retry(): void {
    void this.#fetch(this.#lastRequest);
  }

  dispose(): void {
    clearTimeout(this.#debounce);
    this.#generation++;
  }

  async #fetch(which: 'first' | 'next'): Promise<void> {
    const generation = ++this.#generation;
    this.#lastRequest = which;
    this.phase = which === 'first' ? 'loading' : 'loadingMore';
    this.failure = null;
    const variables = {
      first: PAGE_SIZE,
      after: which === 'first' ? null : this.#endCursor,
      filter: toAccountFilter(this.shown),
    };
    const run = async () => {
      const result = await getClient()
        .query(AccountsQuery, variables, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) throw new QueryFailure(classifyError(result.error), result.error);
      if (!result.data) throw new QueryFailure('unexpected');
      return result.data;
    };
    let data: Awaited<ReturnType<typeof run>>;
    try {
      // The first page of each search is kept on the device, so the list opens offline.
      if (which === 'first') {
        const saved = await cachedQuery(`accounts:${JSON.stringify(variables.filter)}`, run);
        data = saved.data;
        this.savedAt = saved.savedAt;
        this.fromCache = saved.fromCache;
      } else {
        data = await run();
      }
    } catch (error) {
      if (generation !== this.#generation) return;
      this.failure = error instanceof QueryFailure ? error.failure : 'network';
      this.phase = 'failed';
      if (which === 'first') {
        // Rows of the previous search must not pass for results of this one.
        this.rows = [];
        this.totalCount = 0;
        this.hasNextPage = false;
      }
      if (this.failure === 'unauthenticated') this.#onUnauthenticated();
      return;
    }
    if (generation !== this.#generation) return;
    const { edges, pageInfo, totalCount } = data.accounts;
    const nodes = edges.map((edge) => edge.node);
    this.rows = which === 'first' ? nodes : appendPage(this.rows, nodes);
    this.totalCount = totalCount;
    this.hasNextPage = pageInfo.hasNextPage;
    this.#endCursor = pageInfo.endCursor;
    this.phase = 'ready';
  }
}
