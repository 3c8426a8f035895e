import { describe, expect, it } from 'vitest';
import {
  emptyObjectiveDraft,
  objectiveDraftOf,
  toCreateObjectiveInput,
  toUpdateObjectiveInput,
  validateObjective,
} from './objective-form';

const horizon = { start: '2027-01-01', end: '2028-06-30' };

describe('objective form', () => {
  it('checks the title, the target date inside the plan and the number field', () => {
    const draft = { ...emptyObjectiveDraft(), title: 'Lanzar la gama sin lactosa', targetDate: '2027-06-30' };
    expect(validateObjective(draft, horizon)).toEqual({});
    expect(
      validateObjective({ ...draft, title: '', targetDate: '2029-01-01' }, horizon, 'Unreadable'),
    ).toEqual({
      title: true,
      targetDate: true,
      targetValue: 'Unreadable',
    });
  });

  it('creates with the answers and opportunities, leaving out what is empty', () => {
    const draft = {
      ...emptyObjectiveDraft(),
      title: ' Cuota 30 % ',
      targetValue: 1500.5,
      answers: ['CLIENT_NEEDS' as const],
      opportunityIds: ['T3A6MQ=='],
    };
    expect(toCreateObjectiveInput('P1', draft)).toEqual({
      planId: 'P1',
      title: 'Cuota 30 %',
      description: '',
      targetValue: 1500.5,
      answers: ['CLIENT_NEEDS'],
      opportunityIds: ['T3A6MQ=='],
    });
  });

  it('updates only what changed; clearing a KPI or date sends null; marks achieved', () => {
    const original = objectiveDraftOf({
      title: 'Cuota',
      description: '',
      kpiDefinitionId: 'K1',
      targetValue: 30,
      targetDate: '2027-12-31',
      status: 'OPEN',
      answers: ['CLIENT_NEEDS'],
      opportunities: [{ id: 'O1' }],
    });
    expect(toUpdateObjectiveInput({ ...original }, original, 2)).toBeNull();
    expect(
      toUpdateObjectiveInput(
        {
          ...original,
          kpiDefinitionId: '',
          targetDate: '',
          status: 'ACHIEVED',
          answers: ['CLIENT_NEEDS', 'COMPANY_OBJECTIVES'],
        },
        original,
        2,
      ),
    ).toEqual({
      expectedVersion: 2,
      kpiDefinitionId: null,
      targetDate: null,
      status: 'ACHIEVED',
      answers: ['CLIENT_NEEDS', 'COMPANY_OBJECTIVES'],
    });
  });
});
