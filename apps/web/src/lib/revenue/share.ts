import { m } from '$lib/paraglide/messages';
import { company } from './company.svelte';

/**
 * What an account's share of revenue is of, in words next to the figure: "of company revenue 2025"
 * or "of key accounts' revenue 2025"; just the year when the person cannot see the company's revenue.
 * Empty until the share year is known.
 */
export function shareOfText(): string {
  const year = company.shareYear;
  if (year === null) return '';
  const denominator = company.denominatorOf(year);
  if (denominator === 'COMPANY_TOTAL') return m.share_of_company({ year: String(year) });
  if (denominator === 'KEY_ACCOUNTS') return m.share_of_key_accounts({ year: String(year) });
  return m.share_year_hint({ year: String(year) });
}
