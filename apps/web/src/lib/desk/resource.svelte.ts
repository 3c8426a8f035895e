import type { TadaDocumentNode } from 'gql.tada';
import { page } from '$app/state';
import { CachedResource, unwrap } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { type DeskFilterValue, filterFromParams, filterKey } from './filter';

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

/**
 * The read behind the desk screen being shown, for the filter in its address: loaded when the
 * screen opens and again whenever the filter changes. Call it while the page initialises.
 */
export function deskScreen<Data extends { desk: unknown }, Variables extends { filter?: unknown }>(
  screen: string,
  document: TadaDocumentNode<Data, Variables>,
  extra?: Omit<Variables, 'filter'>,
) {
  const filter = $derived(filterFromParams(page.url.searchParams));
  const resource = $derived(deskResource(screen, document, filter, extra));
  $effect(() => {
    void resource.load();
  });
  return {
    get filter(): DeskFilterValue {
      return filter;
    },
    get resource(): CachedResource<Data> {
      return resource;
    },
    get desk(): Data['desk'] | undefined {
      return resource.data?.desk;
    },
  };
}
