import { describe, expect, it } from 'vitest';
import {
  draftOf,
  emptyDraft,
  managerChoices,
  type StakeholderDraft,
  toCreateVariables,
  toUpdateVariables,
  validateStakeholder,
} from './stakeholder-form';

const draft = (overrides: Partial<StakeholderDraft> = {}): StakeholderDraft => ({
  ...emptyDraft(),
  name: 'Lucía Ferrer',
  decisionRole: 'INFLUENCER',
  ...overrides,
});

describe('validateStakeholder', () => {
  it('accepts a name and a role, everything else being optional', () => {
    expect(validateStakeholder(draft())).toEqual({});
  });

  it('names every field that breaks the rules', () => {
    expect(
      validateStakeholder(
        draft({ name: '  ', decisionRole: '', email: 'lucia@', phone: 'call me', title: 'a\nb' }),
      ),
    ).toEqual({ name: true, decisionRole: true, email: true, phone: true, title: true });
  });

  it('takes phone numbers as people copy them from business cards', () => {
    for (const phone of ['+34 600 12 34 56', '(555) 123-4567', '91.555.12.12']) {
      expect(validateStakeholder(draft({ phone })), phone).toEqual({});
    }
    expect(validateStakeholder(draft({ phone: '123' }))).toEqual({ phone: true });
  });

  it('refuses a name longer than 200 characters', () => {
    expect(validateStakeholder(draft({ name: 'x'.repeat(201) }))).toEqual({ name: true });
  });
});

describe('toCreateVariables', () => {
  it('sends the influence when assessed', () => {
    expect(
      toCreateVariables(draft({ influence: 'HIGH' }), { id: 'a1', accountId: 'QWNjOjE=' }).input,
    ).toMatchObject({ influence: 'HIGH' });
  });

  it('trims, leaves empty optional fields out, and carries the client-made id', () => {
    expect(
      toCreateVariables(
        draft({ name: ' Lucía Ferrer ', title: ' ', email: ' l@alba.example ', reportsToId: 'U3Q6MQ==' }),
        {
          id: 'a1',
          accountId: 'QWNjOjE=',
        },
      ),
    ).toEqual({
      input: {
        id: 'a1',
        accountId: 'QWNjOjE=',
        name: 'Lucía Ferrer',
        decisionRole: 'INFLUENCER',
        attitude: 'NEUTRAL',
        reportsToId: 'U3Q6MQ==',
        email: 'l@alba.example',
      },
    });
  });
});

describe('toUpdateVariables', () => {
  const person = {
    id: 'U3Q6MQ==',
    name: 'Elena Vidal',
    title: 'Directora de Compras',
    decisionRole: 'DECISION_MAKER' as const,
    attitude: 'SUPPORTER' as const,
    influence: 'HIGH' as const,
    email: 'elena@alba.example',
    phone: null,
    version: 4,
    reportsTo: { id: 'U3Q6Mg==' },
  };

  it('sends only what changed, clears emptied fields with null, and guards with the version read', () => {
    const original = draftOf(person);
    const edited = {
      ...original,
      attitude: 'CHAMPION' as const,
      email: '',
      reportsToId: '',
      phone: '600 11 22 33',
    };
    expect(toUpdateVariables(edited, original, { id: person.id, version: person.version })).toEqual({
      id: person.id,
      input: {
        attitude: 'CHAMPION',
        email: null,
        reportsToId: null,
        phone: '600 11 22 33',
        expectedVersion: 4,
      },
    });
  });

  it('changes the influence, and clears it with null when set back to "not assessed"', () => {
    const original = draftOf(person);
    expect(
      toUpdateVariables({ ...original, influence: 'LOW' }, original, { id: person.id, version: 4 }),
    ).toEqual({ id: person.id, input: { influence: 'LOW', expectedVersion: 4 } });
    expect(
      toUpdateVariables({ ...original, influence: '' }, original, { id: person.id, version: 4 }),
    ).toEqual({
      id: person.id,
      input: { influence: null, expectedVersion: 4 },
    });
  });

  it('is null when nothing changed (spaces aside)', () => {
    const original = draftOf(person);
    expect(
      toUpdateVariables({ ...original, name: ' Elena Vidal ' }, original, { id: person.id, version: 4 }),
    ).toBeNull();
  });
});

describe('managerChoices', () => {
  const people = [
    { id: 'ceo', reportsTo: null },
    { id: 'buyer', reportsTo: { id: 'ceo' } },
    { id: 'category', reportsTo: { id: 'buyer' } },
    { id: 'analyst', reportsTo: { id: 'category' } },
    { id: 'finance', reportsTo: { id: 'ceo' } },
  ];

  it('offers everyone for a new person', () => {
    expect(managerChoices(people, null).map((p) => p.id)).toEqual(people.map((p) => p.id));
  });

  it('leaves out the person and everyone below them', () => {
    expect(managerChoices(people, 'buyer').map((p) => p.id)).toEqual(['ceo', 'finance']);
  });
});
