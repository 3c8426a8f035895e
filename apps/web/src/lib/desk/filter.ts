import { ACCOUNT_TIERS, type AccountTier } from '@clave/domain';

/** The desk filter as the API takes it (global ids), read from and written to the URL. */
export interface DeskFilterValue {
  teamId?: string;
  ownerId?: string;
  tier?: AccountTier;
}

const PARAMS = { teamId: 'team', ownerId: 'kam', tier: 'tier' } as const;

/** The filter in `?team=…&kam=…&tier=…`; unknown tiers are ignored. */
export function filterFromParams(params: URLSearchParams): DeskFilterValue {
  const filter: DeskFilterValue = {};
  const team = params.get(PARAMS.teamId);
  const kam = params.get(PARAMS.ownerId);
  const tier = params.get(PARAMS.tier);
  if (team) filter.teamId = team;
  if (kam) filter.ownerId = kam;
  if (tier && (ACCOUNT_TIERS as readonly string[]).includes(tier)) filter.tier = tier as AccountTier;
  return filter;
}

/** The query string for `filter`, keeping any other parameters of `params`. */
export function searchWith(params: URLSearchParams, filter: DeskFilterValue): string {
  const next = new URLSearchParams(params);
  for (const [key, name] of Object.entries(PARAMS) as [keyof DeskFilterValue, string][]) {
    const value = filter[key];
    if (value) next.set(name, value);
    else next.delete(name);
  }
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** The filter's part of a query string, to carry it from one desk screen to the next. */
export function filterSearch(filter: DeskFilterValue): string {
  return searchWith(new URLSearchParams(), filter);
}

/** A stable key for the device cache. */
export function filterKey(filter: DeskFilterValue): string {
  return `${filter.teamId ?? '-'}|${filter.ownerId ?? '-'}|${filter.tier ?? '-'}`;
}
