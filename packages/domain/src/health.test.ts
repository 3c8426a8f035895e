import { describe, expect, it } from 'vitest';
import { type HealthAction, recencyScore, relationshipHealth } from './health.js';
import { translate } from './messages.js';

const base = { visits: [], visitCadenceDays: 30, actions: [], today: '2026-03-31' };
const codes = (h: ReturnType<typeof relationshipHealth>) => h.reasons.map((r) => r.code);

describe('relationshipHealth', () => {
  it('combines the three components in a worked example', () => {
    const actions: HealthAction[] = [
      { dueDate: '2026-03-01', status: 'DONE', completedAt: '2026-02-28' }, // on time
      { dueDate: '2026-03-10', status: 'DONE', completedAt: '2026-03-15T09:00:00Z' }, // late
      { dueDate: '2026-03-20', status: 'IN_PROGRESS' }, // overdue
      { dueDate: '2026-04-30', status: 'PLANNED' }, // not due yet: ignored
      { dueDate: '2026-01-01', status: 'CANCELLED' }, // ignored
    ];
    const health = relationshipHealth({
      ...base,
      visits: [
        { date: '2026-01-10', acceptance: 3 },
        { date: '2026-03-21', acceptance: 5 },
        { date: '2026-02-20', acceptance: 4 },
        { date: '2026-04-05', acceptance: 1 }, // after today: ignored
      ],
      actions,
    });
    // Acceptance: (5·5 + 4·4 + 3·3) / 12 = 50/12 ≈ 4.17 of 5 → (4.17 − 1) / 4 = 79.17.
    // Recency: 10 days, within 30 → 100. Execution: (1 + ½·1) / 3 = 50.
    // Score: 0.40·79.17 + 0.35·100 + 0.25·50 = 31.67 + 35 + 12.5 = 79.17 → 79.
    expect(health.components).toEqual({ acceptance: 79, recency: 100, execution: 50 });
    expect(health.score).toBe(79);
    expect(health.reasons).toEqual([
      {
        code: 'ACTIONS_OVERDUE',
        impact: 'NEGATIVE',
        params: { count: 1 },
        messageKey: 'healthActionsOverdue',
      },
      {
        code: 'ACTIONS_DONE_LATE',
        impact: 'NEGATIVE',
        params: { count: 1 },
        messageKey: 'healthActionsDoneLate',
      },
      {
        code: 'RECENT_VISIT',
        impact: 'POSITIVE',
        params: { days: 10, cadence: 30 },
        messageKey: 'healthRecentVisit',
      },
      {
        code: 'GOOD_ACCEPTANCE',
        impact: 'POSITIVE',
        params: { average: 4.2, visits: 3 },
        messageKey: 'healthGoodAcceptance',
      },
    ]);
  });

  it('re-weights when there are no actions', () => {
    // One visit today rated 2: acceptance 25, recency 100. (0.40·25 + 0.35·100) / 0.75 = 60.
    const health = relationshipHealth({ ...base, visits: [{ date: '2026-03-31', acceptance: 2 }] });
    expect(health.components).toEqual({ acceptance: 25, recency: 100, execution: null });
    expect(health.score).toBe(60);
    expect(codes(health)).toEqual(['LOW_ACCEPTANCE', 'RECENT_VISIT']);
    expect(health.reasons[0]?.params).toEqual({ average: 2, visits: 1 });
  });

  it('scores on execution alone without visits, and says there are none', () => {
    const health = relationshipHealth({
      ...base,
      actions: [
        { dueDate: '2026-03-01', status: 'DONE', completedAt: '2026-03-01' },
        { dueDate: '2026-05-01', status: 'DONE', completedAt: '2026-03-02' }, // early counts
      ],
    });
    expect(health.components).toEqual({ acceptance: null, recency: null, execution: 100 });
    expect(health.score).toBe(100);
    expect(codes(health)).toEqual(['NO_VISITS', 'ACTIONS_ON_TIME']);
    expect(health.reasons[1]?.params).toEqual({ percent: 100 });
  });

  it('has no score without any data', () => {
    const health = relationshipHealth(base);
    expect(health).toEqual({
      score: null,
      components: { acceptance: null, recency: null, execution: null },
      reasons: [{ code: 'NO_VISITS', impact: 'NEGATIVE', params: {}, messageKey: 'healthNoVisits' }],
    });
  });

  it('reports an overdue visit', () => {
    // 60 days with a 30-day cadence: 100 · (90 − 60) / 60 = 50.
    const health = relationshipHealth({ ...base, visits: [{ date: '2026-01-30', acceptance: 3 }] });
    expect(health.components.recency).toBe(50);
    expect(health.reasons).toContainEqual(
      expect.objectContaining({ code: 'VISIT_OVERDUE', params: { days: 60, cadence: 30 } }),
    );
  });

  it('counts days across a leap day', () => {
    // Jan 31 → Mar 1 2024 is 30 days; cadence 14 → 100 · (42 − 30) / 28 = 42.86 → 43.
    const health = relationshipHealth({
      ...base,
      visitCadenceDays: 14,
      today: '2024-03-01',
      visits: [{ date: '2024-01-31', acceptance: 3 }],
    });
    expect(health.components.recency).toBe(43);
  });

  it('uses only the five most recent visits for acceptance', () => {
    const visits = [1, 5, 5, 5, 5, 5].map((acceptance, i) => ({ date: `2026-03-0${i + 1}`, acceptance }));
    const health = relationshipHealth({ ...base, visits });
    expect(health.components.acceptance).toBe(100);
  });

  it('weights recent visits more', () => {
    // Newest 1, then 5: (5·1 + 4·5) / 9 = 25/9 ≈ 2.78 → (1.78 / 4) · 100 = 44.4 → 44.
    const health = relationshipHealth({
      ...base,
      visits: [
        { date: '2026-03-01', acceptance: 5 },
        { date: '2026-03-20', acceptance: 1 },
      ],
    });
    expect(health.components.acceptance).toBe(44);
    expect(health.reasons[0]).toMatchObject({ code: 'LOW_ACCEPTANCE', params: { average: 2.8, visits: 2 } });
  });

  it('treats a completion after today as still open (health as it was)', () => {
    const health = relationshipHealth({
      ...base,
      today: '2026-03-01',
      actions: [{ dueDate: '2026-02-20', status: 'DONE', completedAt: '2026-03-05' }],
    });
    expect(health.components.execution).toBe(0);
    expect(codes(health)).toContain('ACTIONS_OVERDUE');
  });

  it('counts a DONE action without a completion date as on time', () => {
    const health = relationshipHealth({ ...base, actions: [{ dueDate: '2026-01-01', status: 'DONE' }] });
    expect(health.components.execution).toBe(100);
  });

  it('does not call an action due today overdue', () => {
    const health = relationshipHealth({ ...base, actions: [{ dueDate: '2026-03-31', status: 'BLOCKED' }] });
    expect(health.components.execution).toBeNull();
    expect(codes(health)).not.toContain('ACTIONS_OVERDUE');
  });

  it('rejects an acceptance outside 1..5 or not whole', () => {
    expect(() => relationshipHealth({ ...base, visits: [{ date: '2026-03-01', acceptance: 0 }] })).toThrow(
      RangeError,
    );
    expect(() => relationshipHealth({ ...base, visits: [{ date: '2026-03-01', acceptance: 3.5 }] })).toThrow(
      RangeError,
    );
  });

  it('rejects a cadence below one day', () => {
    expect(() => relationshipHealth({ ...base, visitCadenceDays: 0 })).toThrow(RangeError);
  });

  it('rejects a completion time without an offset, whose day would depend on the machine', () => {
    const actions: HealthAction[] = [
      { dueDate: '2026-03-01', status: 'DONE', completedAt: '2026-03-01T23:30:00' },
    ];
    expect(() => relationshipHealth({ ...base, actions })).toThrow(RangeError);
  });

  it('gives reasons that translate in both languages', () => {
    const health = relationshipHealth({ ...base, visits: [{ date: '2026-01-30', acceptance: 3 }] });
    const overdue = health.reasons.find((r) => r.code === 'VISIT_OVERDUE');
    expect(overdue && translate(overdue.messageKey, 'en', overdue.params)).toBe(
      'Days since the last visit: 60 (expected every 30)',
    );
    expect(overdue && translate(overdue.messageKey, 'es', overdue.params)).toBe(
      'Días desde la última visita: 60 (se espera cada 30)',
    );
  });
});

describe('recencyScore', () => {
  it.each([
    [0, 100],
    [30, 100],
    [45, 75],
    [60, 50],
    [90, 0],
    [400, 0],
  ])('%s days with a 30-day cadence → %s', (days, score) => {
    expect(recencyScore(days, 30)).toBe(score);
  });
});
