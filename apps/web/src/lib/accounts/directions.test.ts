import { describe, expect, it } from 'vitest';
import { directionsUrl } from './directions';

describe('directionsUrl', () => {
  it('asks Google Maps for directions to the address, encoded', () => {
    const url = new URL(directionsUrl(' Calle de Alcalá 250, 28027 Madrid & más '));
    expect(url.origin + url.pathname).toBe('https://www.google.com/maps/dir/');
    expect(url.searchParams.get('api')).toBe('1');
    expect(url.searchParams.get('destination')).toBe('Calle de Alcalá 250, 28027 Madrid & más');
    expect(directionsUrl('a&b=c')).not.toContain('a&b=c');
  });
});
