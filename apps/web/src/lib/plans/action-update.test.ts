import { describe, expect, it } from 'vitest';
import { allowedStatuses, toUpdateVariables } from './action-update';

describe('allowedStatuses', () => {
  it('offers only the moves the domain allows', () => {
    expect(allowedStatuses('DONE')).toEqual(['DONE', 'IN_PROGRESS']);
    expect(allowedStatuses('CANCELLED')).toEqual(['CANCELLED']);
    expect(allowedStatuses('PLANNED')).toEqual(['PLANNED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED']);
  });
});

describe('toUpdateVariables', () => {
  const action = { id: 'a1', status: 'PLANNED' as const, progress: 20, version: 3 };

  it('sends only what changed, with the version it was based on', () => {
    expect(toUpdateVariables(action, { status: 'IN_PROGRESS', progress: 20, note: ' started ' })).toEqual({
      id: 'a1',
      input: { expectedVersion: 3, status: 'IN_PROGRESS', note: 'started' },
    });
  });

  it('is null when nothing changed', () => {
    expect(toUpdateVariables(action, { status: 'PLANNED', progress: 20, note: '  ' })).toBeNull();
  });

  it('completes the progress of a done action', () => {
    expect(toUpdateVariables(action, { status: 'DONE', progress: 20, note: '' })?.input).toEqual({
      expectedVersion: 3,
      status: 'DONE',
      progress: 100,
    });
  });
});
