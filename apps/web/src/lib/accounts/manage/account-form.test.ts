import { describe, expect, it } from 'vitest';
import {
  type AccountDraft,
  assignablePeople,
  canCreateAccounts,
  canManageAccounts,
  draftOfAccount,
  emptyAccountDraft,
  placeAccountIssues,
  toCreateInput,
  toUpdateInput,
  validateAccount,
} from './account-form';

const filled = (over: Partial<AccountDraft> = {}): AccountDraft => ({
  name: '  Mercadona ',
  segment: 'Grocery retail',
  tier: 'KEY',
  ownerId: 'U1',
  supporterIds: ['U2'],
  visitCadenceDays: 21,
  address: '',
  ...over,
});

describe('who sees the account buttons', () => {
  it('lets managers and admins create and manage accounts, never KAMs', () => {
    expect(canCreateAccounts('ADMIN')).toBe(true);
    expect(canCreateAccounts('MANAGER')).toBe(true);
    expect(canCreateAccounts('KAM')).toBe(false);
    expect(canManageAccounts('KAM')).toBe(false);
  });
});

describe('validateAccount', () => {
  it('accepts a complete draft', () => {
    expect(validateAccount(filled(), true)).toEqual({});
  });

  it('names every missing or broken field', () => {
    const errors = validateAccount({ ...emptyAccountDraft(), visitCadenceDays: null }, true);
    expect(Object.keys(errors).sort()).toEqual(['name', 'ownerId', 'segment', 'tier', 'visitCadenceDays']);
  });

  it('refuses a cadence outside 1–365 days or with decimals', () => {
    for (const days of [0, 366, 7.5]) {
      expect(validateAccount(filled({ visitCadenceDays: days }), true).visitCadenceDays).toBe(true);
    }
    expect(validateAccount(filled({ visitCadenceDays: 365 }), true)).toEqual({});
  });

  it('refuses the owner among the supporters', () => {
    expect(validateAccount(filled({ supporterIds: ['U1'] }), true).supporterIds).toBe(true);
  });

  it('ignores owner, tier and supporters when the form does not show them', () => {
    expect(validateAccount(filled({ tier: '', ownerId: '' }), false)).toEqual({});
  });
});

describe('variables', () => {
  it('trims the texts of a new account', () => {
    expect(toCreateInput(filled())).toEqual({
      name: 'Mercadona',
      segment: 'Grocery retail',
      tier: 'KEY',
      ownerId: 'U1',
      supporterIds: ['U2'],
      visitCadenceDays: 21,
    });
  });

  const original = draftOfAccount({
    name: 'Mercadona',
    segment: 'Grocery retail',
    tier: 'KEY',
    visitCadenceDays: 21,
    owner: { id: 'U1' },
    supporters: [{ id: 'U2' }, { id: 'U3' }],
  });

  it('sends only what changed', () => {
    expect(toUpdateInput({ ...original, tier: 'STRATEGIC' }, original, true)).toEqual({ tier: 'STRATEGIC' });
    expect(toUpdateInput({ ...original, supporterIds: ['U3', 'U2'] }, original, true)).toBeNull();
    expect(toUpdateInput({ ...original, supporterIds: ['U3'] }, original, true)).toEqual({
      supporterIds: ['U3'],
    });
  });

  it('never sends the managed fields for someone who may not change them', () => {
    const draft = { ...original, name: 'Mercadona SA', tier: 'STRATEGIC' as const, ownerId: 'U9' };
    expect(toUpdateInput(draft, original, false)).toEqual({ name: 'Mercadona SA' });
  });
});

describe('placeAccountIssues', () => {
  it('puts field issues on their field and the rest above the button', () => {
    const placed = placeAccountIssues([
      { path: ['ownerId'], message: 'Not someone you may assign' },
      { path: ['supporterIds', '1'], message: 'Not allowed' },
      { path: [], message: 'The account is archived' },
    ]);
    expect(placed.fields).toEqual({ ownerId: 'Not someone you may assign', supporterIds: 'Not allowed' });
    expect(placed.general).toEqual(['The account is archived']);
  });
});

describe('the address', () => {
  it('is optional, trimmed, at most 300 characters, and cleared with an empty text', () => {
    expect(validateAccount(filled({ address: 'x'.repeat(301) }), true).address).toBe(true);
    expect(validateAccount(filled({ address: ` ${'x'.repeat(300)} ` }), true).address).toBeUndefined();
    expect(toCreateInput(filled({ address: '  Calle Mayor 1 ' })).address).toBe('Calle Mayor 1');
    expect('address' in toCreateInput(filled())).toBe(false);
    const original = filled({ name: 'Mercadona', address: 'Calle Mayor 1' });
    const edited = (address: string) => filled({ name: 'Mercadona', address });
    expect(toUpdateInput(edited(' '), original, false)).toEqual({ address: '' });
    expect(toUpdateInput(edited('Calle Mayor 1 '), original, false)).toBeNull();
    expect(
      draftOfAccount({
        name: 'A',
        segment: 'B',
        tier: 'KEY',
        visitCadenceDays: 30,
        address: null,
        owner: { id: 'U1' },
        supporters: [],
      }).address,
    ).toBe('');
  });
});

describe('assignablePeople', () => {
  const admin = { id: 'A', name: 'Admin', role: 'ADMIN' as const };
  const marta = { id: 'M', name: 'Marta', role: 'MANAGER' as const };
  const ana = { id: 'K1', name: 'Ana', role: 'KAM' as const };
  const luis = { id: 'K2', name: 'Luis', role: 'KAM' as const };
  const sofia = { id: 'K3', name: 'Sofía', role: 'KAM' as const };

  it('offers the users the viewer sees, by name, never an admin, each once', () => {
    expect(assignablePeople([marta, luis, admin, ana, luis]).map((p) => p.id)).toEqual(['K1', 'K2', 'M']);
  });

  it('keeps the people already on the account', () => {
    expect(assignablePeople([marta], [sofia]).map((p) => p.id)).toEqual(['M', 'K3']);
  });
});
