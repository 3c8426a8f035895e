import type { Locale } from '@clave/domain';
import { baseLocale, type locales, overwriteGetLocale, overwriteSetLocale } from '$lib/paraglide/runtime';
import { chooseLocale, LOCALE_STORAGE_KEY } from './negotiate';

// Paraglide's locales come from project.inlang/settings.json, the domain's from LOCALES: they must agree.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies SameUnion<Locale, (typeof locales)[number]>;

/**
 * The current language as a rune. Paraglide's message functions call `getLocale()`, which reads
 * `current`; so every `m.key()` in markup re-renders when the language changes, without a reload.
 */
class LocaleState {
  current = $state<Locale>(baseLocale);

  /** Picks the starting language from this device's stored choice or the browser's languages. */
  init(): void {
    this.current = chooseLocale(readStoredLocale(), navigator.languages ?? [navigator.language]);
    document.documentElement.lang = this.current;
  }

  /** Switches the language and remembers the choice on this device. */
  set(next: Locale): void {
    this.current = next;
    document.documentElement.lang = next;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (private mode, quota); the choice then lasts for this visit only.
    }
  }
}

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export const locale = new LocaleState();

overwriteGetLocale(() => locale.current);
overwriteSetLocale((next) => locale.set(next));
