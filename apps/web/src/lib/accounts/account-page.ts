import { CachedResource, unwrap } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { type AccountPageData, AccountPageQuery, accountPageKey } from './documents';

/** The year whose revenue share is shown: the last full year (this year's records are partial). */
export function shareYear(now: Date = new Date()): number {
  return now.getFullYear() - 1;
}

export function accountPageResource(id: string): CachedResource<AccountPageData> {
  return new CachedResource(accountPageKey(id), async () =>
    unwrap(
      await getClient()
        .query(AccountPageQuery, { id, year: shareYear() }, { requestPolicy: 'network-only' })
        .toPromise(),
    ),
  );
}
