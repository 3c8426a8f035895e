import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES, type ActionStatus } from '../enums.js';
import {
  createKpiDefinitionInput,
  createKpiTemplateInput,
  recordKpiMeasurementsInput,
  updateKpiDefinitionInput,
} from './kpis.js';
import { createOpportunityInput, updateOpportunityInput } from './opportunities.js';
import {
  canTransitionActionStatus,
  createAccountPlanInput,
  createObjectiveInput,
  createPlanActionInput,
  revenueTargetIssues,
  updateAccountPlanInput,
  updateObjectiveInput,
  updatePlanActionInput,
} from './plans.js';
import { updateAccountProfileInput } from './profiles.js';
import { createResourceRequestInput, decideResourceRequestInput } from './resources.js';
import { createStakeholderInput, updateStakeholderInput } from './stakeholders.js';
import { isVisitTimePlausible, logVisitInput } from './visits.js';

const ID = '3f1c2b8e-9a4d-4c6e-8f21-7b5d0e9a1c34';
const ID2 = '8d2e4f6a-1b3c-4d5e-9f70-a1b2c3d4e5f6';

interface Parsed {
  readonly success: boolean;
  readonly error?: { readonly issues: readonly { readonly message: string; readonly path: PropertyKey[] }[] };
}

/** The single issue a rejected input is expected to produce, as `message@path`. */
const issues = (result: Parsed): string[] =>
  (result.error?.issues ?? []).map((i) => `${i.message}@${i.path.map(String).join('.')}`);

describe('account profile', () => {
  it('accepts one section with the expected version', () => {
    expect(updateAccountProfileInput.parse({ expectedVersion: 3, fears: 'Losing the shelf' })).toEqual({
      expectedVersion: 3,
      fears: 'Losing the shelf',
    });
  });

  it('accepts an empty string, which clears a section', () => {
    expect(updateAccountProfileInput.safeParse({ expectedVersion: 0, mission: '' }).success).toBe(true);
  });

  it('requires the expected version', () => {
    expect(updateAccountProfileInput.safeParse({ mission: 'x' }).success).toBe(false);
  });

  it('rejects an update with nothing to change', () => {
    expect(issues(updateAccountProfileInput.safeParse({ expectedVersion: 1 }))).toEqual(['nothingToUpdate@']);
  });

  it('rejects a section longer than 20 000 characters', () => {
    expect(
      updateAccountProfileInput.safeParse({ expectedVersion: 1, history: 'x'.repeat(20_001) }).success,
    ).toBe(false);
  });
});

describe('stakeholders', () => {
  const valid = { accountId: ID, name: 'Ana García', decisionRole: 'DECISION_MAKER' };

  it('defaults the attitude to NEUTRAL', () => {
    expect(createStakeholderInput.parse(valid).attitude).toBe('NEUTRAL');
  });

  it('normalises the email', () => {
    expect(createStakeholderInput.parse({ ...valid, email: '  Ana@Cliente.ES ' }).email).toBe(
      'ana@cliente.es',
    );
  });

  it('takes an influence of HIGH, MEDIUM or LOW, or none; null clears it on update', () => {
    expect(createStakeholderInput.parse({ ...valid, influence: 'HIGH' }).influence).toBe('HIGH');
    expect(createStakeholderInput.parse(valid).influence).toBeUndefined();
    expect(issues(createStakeholderInput.safeParse({ ...valid, influence: 'HUGE' }))[0]).toMatch(
      /@influence$/,
    );
    expect(updateStakeholderInput.parse({ influence: null })).toEqual({ influence: null });
  });

  it('rejects an unknown decision role', () => {
    expect(createStakeholderInput.safeParse({ ...valid, decisionRole: 'BOSS' }).success).toBe(false);
  });

  it('accepts phone numbers written the usual ways', () => {
    for (const phone of ['+34 600 12 34 56', '(555) 123-4567', '600.123.456']) {
      expect(createStakeholderInput.safeParse({ ...valid, phone }).success, phone).toBe(true);
    }
  });

  it('rejects a phone number that is not one', () => {
    expect(issues(createStakeholderInput.safeParse({ ...valid, phone: 'call me' }))).toEqual([
      'phoneNumber@phone',
    ]);
  });

  it('clears the manager a stakeholder reports to with null', () => {
    expect(updateStakeholderInput.parse({ reportsToId: null })).toEqual({ reportsToId: null });
  });

  it('rejects an update carrying only the version', () => {
    expect(issues(updateStakeholderInput.safeParse({ expectedVersion: 2 }))).toEqual(['nothingToUpdate@']);
  });
});

describe('account plan', () => {
  const valid = { accountId: ID, title: 'Plan 2026–27', startMonth: '2026-01' };

  it('defaults to an 18-month horizon with empty texts and no targets', () => {
    expect(createAccountPlanInput.parse(valid)).toEqual({
      ...valid,
      horizonMonths: 18,
      companyObjectives: '',
      clientNeeds: '',
      marketOpportunities: '',
      revenueTargets: [],
    });
  });

  it('rejects a start month that does not exist, without throwing', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      startMonth: '2026-13',
      revenueTargets: [{ period: '2026-01', amount: 1 }],
    });
    expect(issues(result)).toEqual(['yearMonth@startMonth']);
  });

  it('rejects a start month more than 5 years away from the current month, without throwing', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      startMonth: '9999-12',
      revenueTargets: [{ period: '9999-12', amount: 1 }],
    });
    expect(issues(result)).toEqual(['planStartOutOfRange@startMonth']);
    const update = updateAccountPlanInput.safeParse({ expectedVersion: 1, startMonth: '1990-01' });
    expect(issues(update)).toEqual(['planStartOutOfRange@startMonth']);
  });

  it.each([0, 61, 12.5])('rejects a horizon of %s months', (horizonMonths) => {
    expect(createAccountPlanInput.safeParse({ ...valid, horizonMonths }).success).toBe(false);
  });

  it('accepts a target in the last month of the horizon', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      revenueTargets: [{ period: '2027-06', amount: 10 }],
    });
    expect(result.success).toBe(true);
  });

  it('rejects a target after the horizon', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      revenueTargets: [{ period: '2027-07', amount: 10 }],
    });
    expect(issues(result)).toEqual(['outsidePlanHorizon@revenueTargets.0.period']);
  });

  it('rejects a target before the horizon of a shorter plan', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      startMonth: '2026-03',
      horizonMonths: 6,
      revenueTargets: [{ period: '2026-02', amount: 10 }],
    });
    expect(issues(result)).toEqual(['outsidePlanHorizon@revenueTargets.0.period']);
  });

  it('rejects two targets for the same month', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      revenueTargets: [
        { period: '2026-02', amount: 10 },
        { period: '2026-02', amount: 20 },
      ],
    });
    expect(issues(result)).toEqual(['noRepeats@revenueTargets.1.period']);
  });

  it('rejects a target amount with three decimals', () => {
    const result = createAccountPlanInput.safeParse({
      ...valid,
      revenueTargets: [{ period: '2026-02', amount: 1.005 }],
    });
    expect(issues(result)).toEqual(['twoDecimals@revenueTargets.0.amount']);
  });

  it('requires the expected version to update', () => {
    expect(updateAccountPlanInput.safeParse({ title: 'New' }).success).toBe(false);
  });

  it('checks repeated months on update even without the horizon', () => {
    const result = updateAccountPlanInput.safeParse({
      expectedVersion: 4,
      revenueTargets: [
        { period: '2030-01', amount: 1 },
        { period: '2030-01', amount: 2 },
      ],
    });
    expect(issues(result)).toEqual(['noRepeats@revenueTargets.1.period']);
  });

  it('checks the horizon on update when start and length come with the targets', () => {
    const result = updateAccountPlanInput.safeParse({
      expectedVersion: 4,
      startMonth: '2026-01',
      horizonMonths: 12,
      revenueTargets: [{ period: '2027-01', amount: 1 }],
    });
    expect(issues(result)).toEqual(['outsidePlanHorizon@revenueTargets.0.period']);
  });

  it('reports revenue target issues for the API to re-check merged plans', () => {
    expect(revenueTargetIssues([{ period: '2026-12' }, { period: '2027-01' }], '2026-01', 12)).toEqual([
      { index: 1, message: 'outsidePlanHorizon' },
    ]);
  });
});

describe('objectives', () => {
  it('accepts an objective tied to a KPI with a target', () => {
    const input = {
      planId: ID,
      title: 'Grow sell-out',
      kpiDefinitionId: ID2,
      targetValue: 1.5e6,
      targetDate: '2027-06-30',
    };
    expect(createObjectiveInput.parse(input)).toEqual({
      ...input,
      description: '',
      answers: [],
      opportunityIds: [],
    });
  });

  it('names the plan inputs it answers at most once each', () => {
    const answers = ['CLIENT_NEEDS', 'COMPANY_OBJECTIVES'];
    expect(createObjectiveInput.parse({ planId: ID, title: 'x', answers }).answers).toEqual(answers);
    const repeated = createObjectiveInput.safeParse({
      planId: ID,
      title: 'x',
      answers: ['CLIENT_NEEDS', 'CLIENT_NEEDS'],
    });
    expect(issues(repeated)).toEqual(['noRepeats@answers']);
    const unknown = createObjectiveInput.safeParse({ planId: ID, title: 'x', answers: ['RUMOURS'] });
    expect(unknown.success).toBe(false);
    const sameIdTwice = updateObjectiveInput.safeParse({ opportunityIds: [ID, ID.toUpperCase()] });
    expect(issues(sameIdTwice)).toEqual(['noRepeats@opportunityIds']);
  });

  it('rejects a target date that does not exist', () => {
    expect(createObjectiveInput.safeParse({ planId: ID, title: 'x', targetDate: '2026-02-29' }).success).toBe(
      false,
    );
  });

  it('unlinks the KPI with null', () => {
    expect(updateObjectiveInput.parse({ kpiDefinitionId: null })).toEqual({ kpiDefinitionId: null });
  });
});

describe('plan actions', () => {
  it('takes a client-made id in lower case', () => {
    const id = 'A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D';
    const parsed = createPlanActionInput.parse({
      id,
      planId: ID,
      title: 'x',
      ownerId: ID2,
      dueDate: '2026-05-01',
    });
    expect(parsed.id).toBe(id.toLowerCase());
    expect(
      createPlanActionInput.safeParse({
        id: 'not-a-uuid',
        planId: ID,
        title: 'x',
        ownerId: ID2,
        dueDate: '2026-05-01',
      }).success,
    ).toBe(false);
  });

  const valid = { planId: ID, title: 'Joint promotion', ownerId: ID2, dueDate: '2026-05-31' };

  it('starts PLANNED at 0 % by default', () => {
    expect(createPlanActionInput.parse(valid)).toMatchObject({
      status: 'PLANNED',
      progress: 0,
      description: '',
    });
  });

  it.each([101, -1, 50.5])('rejects progress %s', (progress) => {
    expect(createPlanActionInput.safeParse({ ...valid, progress }).success).toBe(false);
  });

  it('rejects an unknown status', () => {
    expect(createPlanActionInput.safeParse({ ...valid, status: 'WAITING' }).success).toBe(false);
  });

  it('requires the expected version to update', () => {
    expect(updatePlanActionInput.safeParse({ progress: 50 }).success).toBe(false);
  });

  it('accepts a note alone as an update', () => {
    expect(
      updatePlanActionInput.safeParse({ expectedVersion: 7, note: 'Client asked for a week' }).success,
    ).toBe(true);
  });

  it('rejects an update with nothing but the version', () => {
    expect(issues(updatePlanActionInput.safeParse({ expectedVersion: 7 }))).toEqual(['nothingToUpdate@']);
  });
});

describe('canTransitionActionStatus', () => {
  // Rows: from; columns in ACTION_STATUSES order: PLANNED, IN_PROGRESS, BLOCKED, DONE, CANCELLED.
  const table: Record<ActionStatus, [boolean, boolean, boolean, boolean, boolean]> = {
    PLANNED: [true, true, true, true, true],
    IN_PROGRESS: [true, true, true, true, true],
    BLOCKED: [true, true, true, true, true],
    DONE: [false, true, false, true, false],
    CANCELLED: [false, false, false, false, true],
  };
  const cases = ACTION_STATUSES.flatMap((from) =>
    ACTION_STATUSES.map((to, i) => [from, to, table[from][i]] as const),
  );

  it.each(cases)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransitionActionStatus(from, to)).toBe(allowed);
  });
});

describe('opportunities', () => {
  const valid = { accountId: ID, title: 'Private label range', probability: 40 };

  it('defaults the stage to IDEA', () => {
    expect(createOpportunityInput.parse(valid).stage).toBe('IDEA');
  });

  it.each([0.4, 101, -1])('rejects the probability %s (whole percent 0..100)', (probability) => {
    expect(createOpportunityInput.safeParse({ ...valid, probability }).success).toBe(false);
  });

  it('rejects a negative estimated revenue', () => {
    expect(createOpportunityInput.safeParse({ ...valid, estimatedRevenue: -5 }).success).toBe(false);
  });

  it('clears the estimated revenue with null', () => {
    expect(updateOpportunityInput.parse({ estimatedRevenue: null })).toEqual({ estimatedRevenue: null });
  });
});

describe('resource requests', () => {
  const valid = { kind: 'SAMPLES', description: '200 units for the in-store tasting' };

  it('accepts a request for a plan action', () => {
    expect(createResourceRequestInput.safeParse({ ...valid, planActionId: ID }).success).toBe(true);
  });

  it('rejects a request for both an action and an opportunity', () => {
    const result = createResourceRequestInput.safeParse({ ...valid, planActionId: ID, opportunityId: ID2 });
    expect(issues(result)).toEqual(['exactlyOneTarget@']);
  });

  it('rejects a request for nothing', () => {
    expect(issues(createResourceRequestInput.safeParse(valid))).toEqual(['exactlyOneTarget@']);
  });

  it('rejects a blank description', () => {
    expect(
      createResourceRequestInput.safeParse({ ...valid, description: '   ', opportunityId: ID }).success,
    ).toBe(false);
  });

  it('approves without a reason', () => {
    expect(decideResourceRequestInput.safeParse({ approve: true }).success).toBe(true);
  });

  it('requires a reason to reject', () => {
    expect(issues(decideResourceRequestInput.safeParse({ approve: false }))).toEqual([
      'rejectionReasonRequired@reason',
    ]);
  });

  it('does not take blanks for a reason', () => {
    expect(decideResourceRequestInput.safeParse({ approve: false, reason: '  ' }).success).toBe(false);
  });
});

describe('visits', () => {
  const valid = {
    id: ID,
    accountId: ID2,
    occurredAt: '2026-03-10T09:30:00+01:00',
    kind: 'IN_PERSON',
    purpose: 'Quarterly review',
    acceptance: 5,
  };

  it('fills defaults for a minimal visit', () => {
    expect(logVisitInput.parse(valid)).toEqual({
      ...valid,
      stakeholderIds: [],
      notes: '',
      outcomes: '',
      nextSteps: [],
    });
  });

  it('accepts a full visit with next steps and a location', () => {
    const full = {
      ...valid,
      stakeholderIds: [ID, ID2],
      nextSteps: [{ title: 'Send proposal', dueDate: '2026-03-20', ownerId: ID2 }],
      location: { lat: 40.4168, lng: -180, label: 'Madrid HQ' },
    };
    expect(logVisitInput.safeParse(full).success).toBe(true);
  });

  it('rejects a time without an offset', () => {
    expect(logVisitInput.safeParse({ ...valid, occurredAt: '2026-03-10T09:30:00' }).success).toBe(false);
  });

  it('rejects a stakeholder met twice', () => {
    expect(issues(logVisitInput.safeParse({ ...valid, stakeholderIds: [ID, ID] }))).toEqual([
      'noRepeats@stakeholderIds',
    ]);
  });

  it('rejects more than 20 next steps', () => {
    const nextSteps = Array.from({ length: 21 }, (_, i) => ({ title: `Step ${i}`, dueDate: '2026-04-01' }));
    expect(logVisitInput.safeParse({ ...valid, nextSteps }).success).toBe(false);
  });

  it.each([0, 6, 4.5])('rejects the acceptance %s', (acceptance) => {
    expect(logVisitInput.safeParse({ ...valid, acceptance }).success).toBe(false);
  });

  it('rejects a latitude beyond the pole', () => {
    expect(logVisitInput.safeParse({ ...valid, location: { lat: 90.1, lng: 0 } }).success).toBe(false);
  });

  it('rejects a client-made id that is not a uuid', () => {
    expect(logVisitInput.safeParse({ ...valid, id: 'visit-1' }).success).toBe(false);
  });

  it('calls a visit up to a day ahead of the server clock plausible, not later', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(isVisitTimePlausible('2026-03-11T11:59:59Z', now)).toBe(true);
    expect(isVisitTimePlausible('2026-03-11T14:00:00+02:00', now)).toBe(true); // 12:00Z exactly
    expect(isVisitTimePlausible('2026-03-11T12:00:01Z', now)).toBe(false);
    expect(isVisitTimePlausible('not a time', now)).toBe(false);
  });
});

describe('KPI templates and definitions', () => {
  const sellIn = {
    name: 'Sell-in revenue',
    unit: 'EUR',
    direction: 'HIGHER_IS_BETTER',
    frequency: 'MONTHLY',
    target: 100_000,
    amberThreshold: 90_000,
    redThreshold: 80_000,
    category: 'Revenue',
  };
  const inventory = { ...sellIn, name: 'Days of inventory', unit: 'days', direction: 'LOWER_IS_BETTER' };

  it('accepts red below amber when higher is better', () => {
    expect(createKpiTemplateInput.safeParse(sellIn).success).toBe(true);
  });

  it('rejects red above amber when higher is better', () => {
    expect(issues(createKpiTemplateInput.safeParse({ ...sellIn, redThreshold: 95_000 }))).toEqual([
      'kpiThresholdOrder@redThreshold',
    ]);
  });

  it('rejects equal thresholds', () => {
    expect(createKpiTemplateInput.safeParse({ ...sellIn, redThreshold: 90_000 }).success).toBe(false);
  });

  it('accepts red above amber when lower is better', () => {
    expect(
      createKpiTemplateInput.safeParse({ ...inventory, amberThreshold: 30, redThreshold: 45 }).success,
    ).toBe(true);
  });

  it('rejects red below amber when lower is better', () => {
    expect(
      createKpiTemplateInput.safeParse({ ...inventory, amberThreshold: 30, redThreshold: 20 }).success,
    ).toBe(false);
  });

  it('accepts a single threshold or none', () => {
    expect(createKpiTemplateInput.safeParse({ ...sellIn, redThreshold: null }).success).toBe(true);
    const { amberThreshold: _a, redThreshold: _r, target: _t, ...bare } = sellIn;
    expect(createKpiTemplateInput.safeParse(bare).success).toBe(true);
  });

  it('requires the account for a definition', () => {
    expect(createKpiDefinitionInput.safeParse(sellIn).success).toBe(false);
    expect(createKpiDefinitionInput.safeParse({ ...sellIn, accountId: ID, templateId: ID2 }).success).toBe(
      true,
    );
  });

  it('checks the threshold order on update when the direction comes with it', () => {
    const result = updateKpiDefinitionInput.safeParse({
      direction: 'LOWER_IS_BETTER',
      amberThreshold: 90,
      redThreshold: 80,
    });
    expect(issues(result)).toEqual(['kpiThresholdOrder@redThreshold']);
  });

  it('leaves the threshold order to the API when the direction is not sent', () => {
    expect(updateKpiDefinitionInput.safeParse({ amberThreshold: 90, redThreshold: 95 }).success).toBe(true);
  });
});

describe('KPI measurements', () => {
  const m = (periodStart: string, value: number, kpiDefinitionId = ID) => ({
    kpiDefinitionId,
    periodStart,
    value,
  });

  it('accepts a batch, the same date for different KPIs included', () => {
    const result = recordKpiMeasurementsInput.safeParse({
      measurements: [m('2026-03-01', 5), m('2026-03-01', 7, ID2)],
    });
    expect(result.success).toBe(true);
  });

  it('rejects an empty batch', () => {
    expect(recordKpiMeasurementsInput.safeParse({ measurements: [] }).success).toBe(false);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects the value %s', (value) => {
    expect(recordKpiMeasurementsInput.safeParse({ measurements: [m('2026-03-01', value)] }).success).toBe(
      false,
    );
  });

  it('rejects the same KPI and date twice in one batch', () => {
    const result = recordKpiMeasurementsInput.safeParse({
      measurements: [m('2026-03-01', 5), m('2026-03-01', 6)],
    });
    expect(issues(result)).toEqual(['noRepeats@measurements']);
  });

  it('rejects more than 10 000 measurements', () => {
    const measurements = Array.from({ length: 10_001 }, (_, i) =>
      m('2026-03-01', i, `${ID.slice(0, 24)}${String(i).padStart(12, '0')}`),
    );
    const result = recordKpiMeasurementsInput.safeParse({ measurements });
    expect(result.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });

  it('rejects a period start that is not a date', () => {
    expect(recordKpiMeasurementsInput.safeParse({ measurements: [m('2026-03', 5)] }).success).toBe(false);
  });
});
