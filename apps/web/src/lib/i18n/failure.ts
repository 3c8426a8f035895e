import { translate } from '@clave/domain';
import type { Failure } from '$lib/graphql/errors';
import { m } from '$lib/paraglide/messages';
import { locale } from './locale.svelte';

/** A sentence for the user about a failed request, in the current language (call it from markup). */
export function failureMessage(failure: Failure): string {
  switch (failure) {
    case 'network':
      return m.error_network();
    case 'unauthenticated':
      return translate('unauthenticated', locale.current);
    case 'unexpected':
      return translate('internal', locale.current);
  }
}
