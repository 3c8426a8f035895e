import { describe, expect, it } from 'vitest';
import {
  emptyOpportunity,
  type OpportunityDraft,
  opportunityDraftOf,
  parseNumber,
  placeIssues,
  toConvertActions,
  toCreateInput,
  toUpdateInput,
  validateActions,
  validateOpportunity,
} from './opportunity-form';

const draft = (overrides: Partial<OpportunityDraft> = {}): OpportunityDraft => ({
  ...emptyOpportunity(),
  title: 'Promoción conjunta Navidad',
  probability: '40',
  ...overrides,
});

describe('validateOpportunity', () => {
  it('accepts a title and a probability', () => {
    expect(validateOpportunity(draft())).toEqual({});
  });

  it('names each bad field', () => {
    expect(
      validateOpportunity(draft({ title: ' ', probability: '120', estimatedRevenue: '10.555' })),
    ).toEqual({ title: true, probability: true, estimatedRevenue: true });
    expect(validateOpportunity(draft({ probability: '40.5' }))).toEqual({ probability: true });
    expect(validateOpportunity(draft({ estimatedRevenue: '-5' }))).toEqual({ estimatedRevenue: true });
    expect(validateOpportunity(draft({ description: 'x'.repeat(4001) }))).toEqual({ description: true });
  });

  it('reads a decimal comma as a Spanish keyboard types it', () => {
    expect(parseNumber('12500,50')).toBe(12500.5);
    expect(parseNumber('12 500')).toBe(12500);
    expect(parseNumber('1.500,50')).toBeNull();
    expect(validateOpportunity(draft({ estimatedRevenue: '12500,50' }))).toEqual({});
  });
});

describe('create and update inputs', () => {
  it('creates with trimmed text and numbers, leaving an empty revenue out', () => {
    expect(toCreateInput(draft({ title: ' Navidad ', estimatedRevenue: '' }), 'QWNjOjE=')).toEqual({
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
      toUpdateInput({ ...original, stage: 'PROPOSED', probability: '60', estimatedRevenue: '' }, original, 3),
    ).toEqual({ stage: 'PROPOSED', probability: 60, estimatedRevenue: null, expectedVersion: 3 });
    expect(toUpdateInput({ ...original, probability: ' 40 ' }, original, 3)).toBeNull();
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
