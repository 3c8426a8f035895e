import { describe, expect, it } from 'vitest';
import { toggle, toIsoWithOffset, toLogVisitVariables, type VisitDraft, validateVisit } from './visit-form';

const draft = (over: Partial<VisitDraft> = {}): VisitDraft => ({
  kind: 'IN_PERSON',
  stakeholderIds: [],
  acceptance: 4,
  purpose: 'Review the promotion',
  notes: '',
  outcomes: '',
  nextSteps: [],
  ...over,
});

describe('validateVisit', () => {
  it('asks for a purpose and an acceptance score', () => {
    expect(validateVisit(draft({ purpose: ' ', acceptance: null }))).toEqual({
      purpose: true,
      acceptance: true,
    });
    expect(validateVisit(draft())).toEqual({});
  });

  it('asks for a due date on a next step with a title', () => {
    expect(validateVisit(draft({ nextSteps: [{ key: 1, title: 'Send prices', dueDate: '' }] }))).toEqual({
      nextSteps: true,
    });
  });
});

describe('toLogVisitVariables', () => {
  it('sends the visit id made on the phone and drops blank next steps', () => {
    const vars = toLogVisitVariables(
      draft({
        stakeholderIds: ['s1'],
        nextSteps: [
          { key: 1, title: ' Send prices ', dueDate: '2026-12-01' },
          { key: 2, title: '', dueDate: '2026-12-02' },
        ],
      }),
      { visitId: 'v1', accountId: 'a1' },
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(vars.input).toMatchObject({
      id: 'v1',
      accountId: 'a1',
      acceptance: 4,
      stakeholderIds: ['s1'],
      nextSteps: [{ title: 'Send prices', dueDate: '2026-12-01' }],
    });
  });
});

describe('toIsoWithOffset', () => {
  it('keeps the instant', () => {
    const date = new Date('2026-11-27T10:00:00Z');
    expect(new Date(toIsoWithOffset(date)).getTime()).toBe(date.getTime());
    expect(toIsoWithOffset(date)).toMatch(/[+-]\d{2}:\d{2}$/);
  });
});

describe('toggle', () => {
  it('adds and removes', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
