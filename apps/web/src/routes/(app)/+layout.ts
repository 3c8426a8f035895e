import { error, redirect } from '@sveltejs/kit';
import { loginPathFor } from '$lib/auth/redirect';
import { getClient } from '$lib/graphql/client';
import { MeQuery } from '$lib/graphql/documents';
import { classifyError } from '$lib/graphql/errors';
import type { LayoutLoad } from './$types';

/** Every screen of the app needs a signed-in user; without one, go to the login page and come back. */
export const load: LayoutLoad = async ({ url, untrack }) => {
  const result = await getClient().query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) {
    const failure = classifyError(result.error);
    if (failure !== 'unauthenticated') error(failure === 'network' ? 503 : 500, failure);
  }
  const me = result.data?.me;
  if (!me)
    redirect(
      307,
      untrack(() => loginPathFor(url)),
    );
  return { me };
};
