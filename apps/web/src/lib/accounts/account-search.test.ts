import { describe, expect, it } from 'vitest';
import { appendPage, toAccountFilter } from './account-search';

describe('toAccountFilter', () => {
  it('sends only the conditions the user set', () => {
    expect(toAccountFilter({ search: '', tier: null })).toEqual({});
    expect(toAccountFilter({ search: '  alba ', tier: null })).toEqual({ search: 'alba' });
    expect(toAccountFilter({ search: ' ', tier: 'KEY' })).toEqual({ tier: 'KEY' });
  });
});

describe('appendPage', () => {
  it('adds the next page after the rows shown', () => {
    expect(appendPage([{ id: 'a' }], [{ id: 'b' }, { id: 'c' }])).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
    ]);
  });

  it('does not repeat a row that is already shown', () => {
    expect(appendPage([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }])).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c' },
    ]);
  });
});
