import { redirect } from '@sveltejs/kit';
import { afterLoginPath } from '$lib/auth/redirect';
import { getClient } from '$lib/graphql/client';
import { MeQuery } from '$lib/graphql/documents';
import type { PageLoad } from './$types';

/** Someone already signed in has nothing to do here. If the API cannot be reached, show the form anyway. */
export const load: PageLoad = async ({ url }) => {
  const next = afterLoginPath(url.searchParams.get('next'));
  const result = await getClient().query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.data?.me) redirect(307, next);
  return { next };
};
