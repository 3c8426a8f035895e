import { CachedResource, unwrap } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { type AccountPageData, AccountPageQuery, accountPageKey } from './documents';

export function accountPageResource(id: string): CachedResource<AccountPageData> {
  return new CachedResource(accountPageKey(id), async () =>
    unwrap(await getClient().query(AccountPageQuery, { id }, { requestPolicy: 'network-only' }).toPromise()),
  );
}
