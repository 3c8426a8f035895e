import { describe, expect, it } from 'vitest';
import { filterFromParams, filterKey, searchWith } from './filter';

describe('desk filter in the URL', () => {
  it('reads team, KAM and tier and ignores an unknown tier', () => {
    expect(filterFromParams(new URLSearchParams('team=VGVhbTox&kam=VXNlcjox&tier=KEY'))).toEqual({
      teamId: 'VGVhbTox',
      ownerId: 'VXNlcjox',
      tier: 'KEY',
    });
    expect(filterFromParams(new URLSearchParams('tier=GOLD'))).toEqual({});
  });

  it('writes the filter back, keeping other parameters and dropping cleared parts', () => {
    const params = new URLSearchParams('year=2025&kam=old');
    expect(searchWith(params, { tier: 'STRATEGIC' })).toBe('?year=2025&tier=STRATEGIC');
    expect(searchWith(new URLSearchParams(), {})).toBe('');
  });

  it('gives different filters different cache keys', () => {
    expect(filterKey({ tier: 'KEY' })).not.toBe(filterKey({}));
  });
});
