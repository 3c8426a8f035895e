import type { ClientInit } from '@sveltejs/kit';
import { locale } from '$lib/i18n/locale.svelte';

// Before the first load function runs, so that even the first request carries the right Accept-Language.
export const init: ClientInit = () => {
  locale.init();
};
