import { describe, expect, it } from 'vitest';
import { objectiveProgress, objectiveProgressRange } from './objective-progress.js';

const monthly = (values: (number | null)[], firstMonth = 1) =>
  values.flatMap((value, i) =>
    value === null ? [] : [{ periodStart: `2026-${String(firstMonth + i).padStart(2, '0')}-01`, value }],
  );

describe('objectiveProgress', () => {
  const higher = { direction: 'HIGHER_IS_BETTER', frequency: 'MONTHLY' } as const;
  const lower = { direction: 'LOWER_IS_BETTER', frequency: 'MONTHLY' } as const;

  it('latest value, attainment and the straight-line forecast at the target date', () => {
    expect(
      objectiveProgress({
        kpi: higher,
        targetValue: 60,
        targetDate: '2026-09-15',
        measurements: monthly([10, 20, 30, null, 50]),
        today: '2026-06-10',
      }),
    ).toEqual({
      latestValue: 50,
      latestPeriod: '2026-05-01',
      attainment: 50 / 60,
      forecastAtTargetDate: 90,
      onTrack: true,
    });
  });

  it('lower is better: attainment is target / latest, on track when the forecast falls to the target', () => {
    const progress = objectiveProgress({
      kpi: lower,
      targetValue: 2,
      targetDate: '2026-08-01',
      measurements: monthly([5, 4, 3]),
      today: '2026-03-20',
    });
    expect(progress).toMatchObject({
      latestValue: 3,
      attainment: 2 / 3,
      forecastAtTargetDate: -2,
      onTrack: true,
    });
    const worsening = objectiveProgress({
      kpi: lower,
      targetValue: 2,
      targetDate: '2026-08-01',
      measurements: monthly([3, 4, 5]),
      today: '2026-03-20',
    });
    expect(worsening.onTrack).toBe(false);
  });

  it('without a future target date there is no forecast and the latest value decides', () => {
    const base = { kpi: higher, targetValue: 25, measurements: monthly([10, 20, 30]), today: '2026-03-20' };
    expect(objectiveProgress({ ...base, targetDate: null })).toMatchObject({
      forecastAtTargetDate: null,
      onTrack: true,
    });
    expect(objectiveProgress({ ...base, targetDate: '2026-03-31' }).forecastAtTargetDate).toBeNull();
    expect(objectiveProgress({ ...base, targetDate: '2026-01-31', targetValue: 40 }).onTrack).toBe(false);
  });

  it('one measurement has no slope: no forecast, the latest value decides', () => {
    expect(
      objectiveProgress({
        kpi: higher,
        targetValue: 5,
        targetDate: '2026-12-01',
        measurements: monthly([10]),
        today: '2026-02-01',
      }),
    ).toMatchObject({ latestValue: 10, forecastAtTargetDate: null, onTrack: true });
  });

  it('without measurements everything is unknown', () => {
    expect(
      objectiveProgress({
        kpi: higher,
        targetValue: 5,
        targetDate: null,
        measurements: [],
        today: '2026-02-01',
      }),
    ).toEqual({
      latestValue: null,
      latestPeriod: null,
      attainment: null,
      forecastAtTargetDate: null,
      onTrack: null,
    });
  });

  it('a target of 0 has no attainment ratio but still says whether it is met', () => {
    const progress = objectiveProgress({
      kpi: lower,
      targetValue: 0,
      targetDate: null,
      measurements: monthly([1]),
      today: '2026-01-15',
    });
    expect(progress).toMatchObject({ attainment: null, onTrack: false });
  });

  it('reads the last 24 months up to today', () => {
    expect(objectiveProgressRange('MONTHLY', '2026-06-10')).toEqual({ from: '2024-07-01', to: '2026-06-01' });
    expect(objectiveProgressRange('WEEKLY', '2026-06-10')).toEqual({ from: '2024-07-01', to: '2026-06-08' });
  });
});
