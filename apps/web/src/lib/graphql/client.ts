import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { locale } from '$lib/i18n/locale.svelte';

function createClient(): Client {
  return new Client({
    // Same origin as the app: the API serves both, and the dev server proxies /graphql.
    url: '/graphql',
    // The API accepts cookie-authenticated operations only as POST with a JSON body (CSRF defence).
    preferGetMethod: false,
    fetchOptions: () => ({
      credentials: 'same-origin',
      // The server localizes error messages from this header; it follows the language picked in the UI.
      headers: { 'accept-language': locale.current },
    }),
    exchanges: [cacheExchange, fetchExchange],
  });
}

let client = createClient();

/** The GraphQL client for the current session. */
export function getClient(): Client {
  return client;
}

/**
 * Starts over with an empty cache. Call it when the signed-in user changes (sign in, sign out,
 * expired session), so that nothing cached for one user is ever shown to the next.
 */
export function resetClient(): void {
  client = createClient();
}
