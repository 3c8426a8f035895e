import { QueryFailure } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { classifyError } from '$lib/graphql/errors';
import { cachedQuery } from '$lib/offline/cache';
import { type CompanyBasics, CompanyQuery } from './documents';

/** The currency until the company's is known (the API's default). */
export const DEFAULT_CURRENCY = 'EUR';

/**
 * The company's currency and share year, read once per session and kept on the device like other
 * reads (offline, the last known copy). Reading `currency` starts the read the first time in a
 * session (each sign-in gets a new GraphQL client, see resetClient).
 */
class CompanyState {
  #data = $state.raw<CompanyBasics | null>(null);
  #loading: Promise<void> | null = null;
  /** The session's client the company was read with: a new session (sign-in, sign-out) reads again. */
  #client: unknown = null;

  /** ISO 4217 code of the company currency ('EUR' until known). */
  get currency(): string {
    this.ensure();
    return this.#data?.currency ?? DEFAULT_CURRENCY;
  }

  /** The year every share is of (the latest complete year with revenue), null until known or without revenue. */
  get shareYear(): number | null {
    this.ensure();
    return this.#data?.shareYear ?? null;
  }

  /**
   * What shares of a year (the share year by default) are of: the company's total revenue, the key
   * accounts' sum, or null when this person cannot know (KAMs do not see the company's revenue).
   */
  denominatorOf(year: number | null = this.shareYear): 'COMPANY_TOTAL' | 'KEY_ACCOUNTS' | null {
    const years = this.#data?.revenueYears ?? [];
    if (year === null || years.length === 0) return null;
    return years.some((y) => y.year === year && y.totalRevenue !== null) ? 'COMPANY_TOTAL' : 'KEY_ACCOUNTS';
  }

  /** Starts the read unless it ran in this session. */
  ensure(): Promise<void> {
    if (typeof window === 'undefined') return Promise.resolve();
    if (this.#client !== getClient()) {
      this.#client = getClient();
      this.#loading = null;
    }
    this.#loading ??= this.#load();
    return this.#loading;
  }

  /** Reads again (after an admin changed the settings). */
  refresh(): Promise<void> {
    this.#loading = this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    // Awaited first, so the state changes after the read that triggered it (never during a render).
    await Promise.resolve();
    try {
      const saved = await cachedQuery('company', async () => {
        const result = await getClient()
          .query(CompanyQuery, {}, { requestPolicy: 'network-only' })
          .toPromise();
        if (result.error) throw new QueryFailure(classifyError(result.error), result.error);
        if (!result.data) throw new QueryFailure('unexpected');
        return result.data.company;
      });
      this.#data = saved.data;
    } catch {
      // Without an answer or a saved copy the default currency stands; a later read tries again.
      setTimeout(() => {
        this.#loading = null;
      }, 30_000);
    }
  }
}

export const company = new CompanyState();
