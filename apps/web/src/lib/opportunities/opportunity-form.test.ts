import { describe, expect, it } from 'vitest';
import { parseNumber } from '$lib/numbers/parse';
import {
  emptyOpportunity,
  type OpportunityDraft,
  opportunityDraftOf,
  placeIssues,
  sameDraftValue,
  toConvertActions,
  toCreateInput,
  toUpdateInput,
  validateActions,
  validateOpportunity,
} from './opportunity-form';

const draft = (overrides: Partial<OpportunityDraft> = {}): OpportunityDraft => ({
  ...emptyOpportunity(),
  title: 'Promoción conjunta Navidad',
  probability: 40,
  ...overrides,
});

describe('validateOpportunity', () => {
  it('accepts a title and a probability', () => {
    expect(validateOpportunity(draft())).toEqual({});
  });

  it('names each bad field', () => {
    expect(validateOpportunity(draft({ title: ' ', probability: 120, estimatedRevenue: 10.555 }))).toEqual({
      title: true,
      probability: true,
      estimatedRevenue: true,
    });
    expect(validateOpportunity(draft({ probability: 40.5 }))).toEqual({ probability: true });
    expect(validateOpportunity(draft({ probability: null }))).toEqual({ probability: true });
    expect(validateOpportunity(draft({ estimatedRevenue: -5 }))).toEqual({ estimatedRevenue: true });
    expect(validateOpportunity(draft({ description: 'x'.repeat(4001) }))).toEqual({ description: true });
  });

  it('takes the revenue as the shared number input reads it in Spanish', () => {
    // The form's revenue field: two decimals, 0 or more (see OpportunityForm.svelte).
    const revenue = (text: string) => {
      const parsed = parseNumber(text, 'es', { maximumFractionDigits: 2, min: 0 });
      return parsed.kind === 'number' ? parsed.value : null;
    };
    expect(revenue('250.000')).toBe(250000);
    expect(revenue('1.500,50')).toBe(1500.5);
    expect(revenue('12 500')).toBe(12500);
    expect(revenue('1.5')).toBeNull();
    expect(validateOpportunity(draft({ estimatedRevenue: revenue('250.000') }))).toEqual({});
    expect(toCreateInput(draft({ estimatedRevenue: revenue('1.500,50') }), 'QWNjOjE=')).toMatchObject({
      estimatedRevenue: 1500.5,
    });
  });
});

describe('create and update inputs', () => {
  it('creates with trimmed text and numbers, leaving an empty revenue out', () => {
    expect(toCreateInput(draft({ title: ' Navidad ', estimatedRevenue: null }), 'QWNjOjE=')).toEqual({
      accountId: 'QWNjOjE=',
      title: 'Navidad',
      description: '',
      valueForUs: '',
      valueForClient: '',
      probability: 40,
      stage: 'IDEA',
    });
  });

  it('updates only what changed, with the version read; clears the revenue when emptied', () => {
    const original = opportunityDraftOf({
      title: 'Navidad',
      description: '',
      valueForUs: 'Volumen',
      valueForClient: '',
      estimatedRevenue: 18000,
      probability: 40,
      stage: 'IDEA',
    });
    expect(
      toUpdateInput({ ...original, stage: 'PROPOSED', probability: 60, estimatedRevenue: null }, original, 3),
    ).toEqual({ stage: 'PROPOSED', probability: 60, estimatedRevenue: null, expectedVersion: 3 });
    expect(toUpdateInput({ ...original, title: ' Navidad ', probability: 40 }, original, 3)).toBeNull();
    expect(toUpdateInput({ ...original, estimatedRevenue: 250000 }, original, 3)).toEqual({
      estimatedRevenue: 250000,
      expectedVersion: 3,
    });
  });

  it('compares text without surrounding spaces and numbers exactly', () => {
    const a = draft({ title: 'Navidad', estimatedRevenue: 1500.5 });
    expect(sameDraftValue('title', a, { ...a, title: ' Navidad ' })).toBe(true);
    expect(sameDraftValue('estimatedRevenue', a, { ...a, estimatedRevenue: 1500.5 })).toBe(true);
    expect(sameDraftValue('estimatedRevenue', a, { ...a, estimatedRevenue: 1500 })).toBe(false);
    expect(sameDraftValue('estimatedRevenue', a, { ...a, estimatedRevenue: null })).toBe(false);
  });
});

describe('turning into plan actions', () => {
  it('needs a title and a due date on every action', () => {
    const actions = [
      { key: 1, title: 'Cartelería en tienda', dueDate: '2026-12-01' },
      { key: 2, title: '', dueDate: '' },
    ];
    expect(validateActions(actions)).toEqual({ 1: { title: true, dueDate: true } });
    expect(toConvertActions(actions.slice(0, 1))).toEqual([
      { title: 'Cartelería en tienda', dueDate: '2026-12-01' },
    ]);
  });

  it("places the server's issues on their fields and keeps the rest apart", () => {
    expect(
      placeIssues([
        { path: ['title'], message: 'Must be one line' },
        { path: ['actions', '1', 'dueDate'], message: 'Outside the plan' },
        { path: ['opportunityId'], message: 'The account has no active plan' },
      ]),
    ).toEqual({
      fields: { title: 'Must be one line' },
      actions: { 1: { dueDate: 'Outside the plan' } },
      general: ['The account has no active plan'],
    });
  });
});
