import { describe, expect, it } from 'vitest';
import { splitTarget } from './documents';

describe('splitTarget', () => {
  it('tells an action from an opportunity', () => {
    expect(splitTarget('action:QWN0aW9uOjE=')).toEqual({ planActionId: 'QWN0aW9uOjE=' });
    expect(splitTarget('opportunity:T3Bw')).toEqual({ opportunityId: 'T3Bw' });
    expect(splitTarget('')).toEqual({});
  });
});
