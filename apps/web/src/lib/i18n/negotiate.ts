import { LOCALES, type Locale, negotiateLocale } from '@clave/domain';

/** Where the user's explicit language choice is remembered on this device. */
export const LOCALE_STORAGE_KEY = 'clave.locale';

export function isSupportedLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language to start in: the user's explicit choice on this device if there is one, otherwise
 * the best match for the browser's preferred languages (in their order), otherwise English.
 */
export function chooseLocale(stored: string | null | undefined, languages: readonly string[]): Locale {
  if (isSupportedLocale(stored)) return stored;
  return negotiateLocale(languages.join(','));
}
