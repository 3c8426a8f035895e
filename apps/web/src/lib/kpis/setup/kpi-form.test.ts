import { describe, expect, it } from 'vitest';
import {
  draftOf,
  emptyKpiDraft,
  placeKpiIssues,
  toCreateFields,
  toUpdateFields,
  validateKpi,
} from './kpi-form';

const otif = {
  name: 'OTIF %',
  unit: '%',
  direction: 'HIGHER_IS_BETTER' as const,
  frequency: 'WEEKLY' as const,
  target: 95,
  amberThreshold: 92,
  redThreshold: 88,
  category: 'Supply chain',
  description: null,
};

describe('the KPI form', () => {
  it('asks for name, unit and category, and red on the worse side of amber', () => {
    expect(validateKpi(emptyKpiDraft())).toEqual({ name: true, unit: true, category: true });
    const wrong = { ...draftOf(otif), redThreshold: 93 };
    expect(validateKpi(wrong)).toEqual({ redThreshold: true });
    const lower = {
      ...draftOf(otif),
      direction: 'LOWER_IS_BETTER' as const,
      amberThreshold: 10,
      redThreshold: 15,
    };
    expect(validateKpi(lower)).toEqual({});
    expect(validateKpi(draftOf(otif), { target: 'Not a number' })).toEqual({ target: 'Not a number' });
  });

  it('sends every field on create, an empty description as null', () => {
    expect(toCreateFields({ ...draftOf(otif), name: '  OTIF %  ' })).toEqual({ ...otif, description: null });
  });

  it('sends only what changed on update, thresholds with the direction, null to clear', () => {
    const original = draftOf(otif);
    expect(toUpdateFields(original, original, 3)).toBeNull();
    expect(toUpdateFields({ ...original, target: null }, original, 3)).toEqual({
      target: null,
      expectedVersion: 3,
    });
    expect(toUpdateFields({ ...original, redThreshold: 85 }, original, 3)).toEqual({
      direction: 'HIGHER_IS_BETTER',
      amberThreshold: 92,
      redThreshold: 85,
      expectedVersion: 3,
    });
  });

  it("puts the server's issues under their fields", () => {
    expect(
      placeKpiIssues([
        { path: ['redThreshold'], message: 'Red must lie beyond amber' },
        { path: [], message: 'The KPI is archived' },
      ]),
    ).toEqual({ fields: { redThreshold: 'Red must lie beyond amber' }, general: ['The KPI is archived'] });
  });
});
