import { describe, expect, it } from 'vitest';
import {
  allowedStatuses,
  defaultDueDate,
  toCreateActionInput,
  toUpdateVariables,
  validateActionEdit,
  validateNewAction,
} from './action-update';

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

describe('editing and creating actions', () => {
  const horizon = { start: '2027-01-01', end: '2028-06-30' };
  const stored = {
    id: 'a1',
    status: 'PLANNED' as const,
    progress: 0,
    version: 2,
    title: 'Degustación',
    dueDate: '2027-03-01',
    owner: { id: 'ana' },
  };

  it('sends a new title, owner (reassign) and due date (reschedule)', () => {
    expect(
      toUpdateVariables(stored, {
        status: 'PLANNED',
        progress: 0,
        note: '',
        title: 'Degustación ',
        ownerId: 'luis',
        dueDate: '2027-04-15',
      }),
    ).toEqual({ id: 'a1', input: { expectedVersion: 2, ownerId: 'luis', dueDate: '2027-04-15' } });
  });

  it('keeps the due date inside the plan and the title on one line', () => {
    expect(
      validateActionEdit({ title: 'x', ownerId: 'ana', dueDate: '2027-02-01', note: '' }, horizon),
    ).toEqual({});
    expect(validateActionEdit({ title: '', ownerId: '', dueDate: '2029-01-01', note: '' }, horizon)).toEqual({
      title: true,
      ownerId: true,
      dueDate: true,
    });
  });

  it('checks a new action with the domain schema before queueing it', () => {
    const draft = {
      title: 'Visita a central',
      description: '',
      ownerId: 'VXNlcjph',
      objectiveId: '',
      dueDate: '2027-02-01',
      status: 'PLANNED' as const,
      progress: 0,
      note: '',
    };
    expect(validateNewAction(draft, horizon)).toEqual({});
    expect(validateNewAction({ ...draft, title: ' ', ownerId: '', dueDate: '2026-12-31' }, horizon)).toEqual({
      title: true,
      ownerId: true,
      dueDate: true,
    });
    expect(toCreateActionInput('P1', { ...draft, status: 'DONE', note: ' hecho ' })).toEqual({
      planId: 'P1',
      title: 'Visita a central',
      ownerId: 'VXNlcjph',
      dueDate: '2027-02-01',
      status: 'DONE',
      progress: 100,
      note: 'hecho',
    });
  });

  it('defaults the due date to two weeks ahead, inside the plan', () => {
    expect(defaultDueDate('2027-02-01', horizon)).toBe('2027-02-15');
    expect(defaultDueDate('2026-12-08', horizon)).toBe('2027-01-01');
    expect(defaultDueDate('2028-06-25', horizon)).toBe('2028-06-30');
  });
});
