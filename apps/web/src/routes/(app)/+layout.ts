import { error, redirect } from '@sveltejs/kit';
import { loginPathFor } from '$lib/auth/redirect';
import { QueryFailure } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { MeQuery } from '$lib/graphql/documents';
import { classifyError } from '$lib/graphql/errors';
import { cachedQuery } from '$lib/offline/cache';
import type { LayoutLoad } from './$types';

/**
 * Every screen of the app needs a signed-in user; without one, go to the login page and come back.
 * Offline, the user last seen on this device opens the app on their saved data.
 */
export const load: LayoutLoad = async ({ url, untrack }) => {
  let me: { id: string; email: string; name: string; role: 'ADMIN' | 'MANAGER' | 'KAM' } | null;
  try {
    const saved = await cachedQuery('me', async () => {
      const result = await getClient().query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) {
        const failure = classifyError(result.error);
        // An expired session is an answer, not an outage: it must not fall back to the saved user.
        if (failure === 'unauthenticated') return { me: null };
        throw new QueryFailure(failure, result.error);
      }
      return { me: result.data?.me ?? null };
    });
    me = saved.data.me;
  } catch (cause) {
    const failure = cause instanceof QueryFailure ? cause.failure : 'network';
    error(failure === 'network' ? 503 : 500, failure);
  }
  if (!me)
    redirect(
      307,
      untrack(() => loginPathFor(url)),
    );
  return { me };
};
