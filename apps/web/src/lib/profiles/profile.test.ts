import { describe, expect, it } from 'vitest';
import {
  diffWords,
  foldUnchanged,
  groupBySave,
  profileConflict,
  queuedSections,
  type Revision,
  textsOf,
  toProfileVariables,
  versionToSend,
} from './profile';

const ACCOUNT = 'QWNjb3VudDox';

describe('profile texts and saves', () => {
  it('reads all nine sections, a missing one as empty', () => {
    const texts = textsOf({ vision: 'Líder en frescos', mission: null, historyText: 'Desde 1998' });
    expect(Object.keys(texts)).toEqual([
      'history',
      'mission',
      'vision',
      'strategies',
      'objectives',
      'currentNeeds',
      'futureNeeds',
      'fears',
      'threats',
    ]);
    expect(texts.vision).toBe('Líder en frescos');
    expect(texts.mission).toBe('');
    expect(texts.history).toBe('Desde 1998');
  });

  it('sends only the sections that changed, over the version read', () => {
    const original = textsOf({ vision: 'A', fears: 'B' });
    expect(toProfileVariables(ACCOUNT, 4, { vision: 'A', fears: 'C', threats: '' }, original)).toEqual({
      accountId: ACCOUNT,
      input: { expectedVersion: 4, fears: 'C' },
    });
    expect(toProfileVariables(ACCOUNT, 4, { vision: 'A' }, original)).toBeNull();
    // Clearing a section is a change.
    expect(toProfileVariables(ACCOUNT, 4, { vision: '' }, original)?.input).toEqual({
      expectedVersion: 4,
      vision: '',
    });
  });

  it('shows what still waits in the outbox for this account, the latest write of a section winning', () => {
    const entries = [
      {
        kind: 'updateAccountProfile',
        state: 'pending',
        variables: { accountId: ACCOUNT, input: { expectedVersion: 2, vision: 'v1' } },
      },
      {
        kind: 'updateAccountProfile',
        state: 'pending',
        variables: { accountId: 'other', input: { expectedVersion: 2, fears: 'x' } },
      },
      { kind: 'updateStakeholder', state: 'pending', variables: { id: 'S', input: { name: 'n' } } },
      {
        kind: 'updateAccountProfile',
        state: 'conflict',
        variables: { accountId: ACCOUNT, input: { expectedVersion: 2, vision: 'v2', mission: 'm' } },
      },
    ];
    expect(queuedSections(entries, ACCOUNT)).toEqual({ vision: 'v2', mission: 'm' });
  });

  it('makes a new save over the version of the writes still queued, else the newest known', () => {
    const queued = (state: string, expectedVersion: number) => ({
      kind: 'updateAccountProfile',
      state,
      variables: { accountId: ACCOUNT, input: { expectedVersion, vision: 'x' } },
    });
    expect(versionToSend(5, [], ACCOUNT)).toBe(5);
    expect(versionToSend(5, [queued('pending', 3)], ACCOUNT)).toBe(3);
    expect(versionToSend(5, [queued('conflict', 3)], ACCOUNT)).toBe(5);
  });

  it('puts the user’s sections next to the server’s in a conflict', () => {
    expect(
      profileConflict(
        { accountId: ACCOUNT, input: { expectedVersion: 1, vision: 'mine', threats: '' } },
        {
          __typename: 'AccountProfile',
          vision: 'theirs',
          threats: 'a threat',
          mission: 'untouched',
          historyText: 'h',
        },
      ),
    ).toEqual([
      { section: 'vision', mine: 'mine', theirs: 'theirs' },
      { section: 'threats', mine: '', theirs: 'a threat' },
    ]);
  });
});

describe('profile history', () => {
  const rev = (section: Revision['section'], version: number, at: string): Revision => ({
    section,
    before: 'a',
    after: 'b',
    version,
    at,
    author: { id: 'U', name: 'Ana' },
  });

  it('groups the sections one save changed, in the order of the profile', () => {
    const sets = groupBySave([
      rev('threats', 3, '2026-12-01T10:00:00Z'),
      rev('vision', 3, '2026-12-01T10:00:00Z'),
      rev('vision', 2, '2026-11-01T10:00:00Z'),
    ]);
    expect(sets.map((s) => [s.version, s.changes.map((c) => c.section)])).toEqual([
      [3, ['vision', 'threats']],
      [2, ['vision']],
    ]);
  });

  it('shows the words that changed and keeps the rest', () => {
    expect(diffWords('Ser líder en frescos del norte', 'Ser líder en lácteos del norte')).toEqual([
      { kind: 'same', text: 'Ser líder en ' },
      { kind: 'removed', text: 'frescos ' },
      { kind: 'added', text: 'lácteos ' },
      { kind: 'same', text: 'del norte' },
    ]);
    expect(diffWords('', 'Nuevo texto')).toEqual([{ kind: 'added', text: 'Nuevo texto' }]);
    expect(diffWords('Todo fuera', '')).toEqual([{ kind: 'removed', text: 'Todo fuera' }]);
    expect(diffWords('igual', 'igual')).toEqual([{ kind: 'same', text: 'igual' }]);
  });

  it('joins back to the text before (without additions) and after (without removals)', () => {
    const before = 'Uno dos tres cuatro cinco seis siete ocho';
    const after = 'Uno tres cuatro nueve seis siete ocho diez';
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('folds long unchanged stretches around a change, keeping some context each side', () => {
    const long = 'palabra '.repeat(100);
    const parts = foldUnchanged(diffWords(`${long}viejo ${long}`, `${long}nuevo ${long}`), 40);
    expect(parts.map((p) => p.kind)).toEqual(['gap', 'same', 'removed', 'added', 'same', 'gap']);
    const shown = parts.filter((p) => p.kind === 'same').map((p) => p.text.length);
    for (const length of shown) expect(length).toBeLessThanOrEqual(60);
    // Nothing is lost: the gaps hold what is not shown.
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(`${long}viejo ${long}`);
    // Short texts are shown whole.
    expect(foldUnchanged(diffWords('a b', 'a c'))).toEqual(diffWords('a b', 'a c'));
  });
});
