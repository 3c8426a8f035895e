import type { TadaDocumentNode } from 'gql.tada';
import { CachedResource, unwrap } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { type DeskFilterValue, filterKey } from './filter';

/**
 * A desk screen's read for one filter: network first, else the copy last saved on this device
 * (with its age), like every other screen.
 */
export function deskResource<Data, Variables extends { filter?: unknown }>(
  screen: string,
  document: TadaDocumentNode<Data, Variables>,
  filter: DeskFilterValue,
  extra: Omit<Variables, 'filter'> = {} as Omit<Variables, 'filter'>,
): CachedResource<Data> {
  const variables = { ...extra, filter } as unknown as Variables;
  return new CachedResource(`desk:${screen}:${filterKey(filter)}`, async () =>
    unwrap(
      await getClient()
        .query(document, variables as never, { requestPolicy: 'network-only' })
        .toPromise(),
    ),
  );
}
