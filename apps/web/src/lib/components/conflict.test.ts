import { describe, expect, it } from 'vitest';
import { conflictRows } from './conflict';

describe('conflictRows', () => {
  it('pairs each field the user changed with the value on the server', () => {
    expect(
      conflictRows(
        { id: 'a1', input: { expectedVersion: 2, status: 'DONE', note: 'sent' } },
        { status: 'BLOCKED', progress: 40 },
      ),
    ).toEqual([
      { field: 'status', mine: 'DONE', theirs: 'BLOCKED' },
      { field: 'note', mine: 'sent', theirs: undefined },
    ]);
  });
});
