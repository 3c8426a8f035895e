import type { ActionStatus } from './enums.js';
import type { MessageKey } from './messages.js';
import { toEpochDay } from './plan-horizon.js';

/*
 * Relationship health: one 0..100 number per account, and the reasons behind it, from three
 * signals SPEC.md names — how the client rated the relationship after recent visits, whether the
 * KAM visits as often as the account needs, and whether plan actions get done on time.
 *
 * Weights: acceptance 40 %, recency 35 %, execution 25 %. Acceptance leads because it is the
 * client's own voice; recency is the KAM's most direct lever; execution is weighted least because
 * plan actions also depend on people other than the KAM. A component without data is left out
 * and the others are re-weighted (an account with no plan actions yet is not punished for it).
 * No data at all gives a null score, never a made-up one.
 */

export interface HealthVisit {
  readonly date: string;
  /** The client's acceptance of the relationship after the visit, 1..5. */
  readonly acceptance: number;
}

export interface HealthAction {
  readonly dueDate: string;
  readonly status: ActionStatus;
  /** ISO date or date-time the action was marked DONE; its UTC calendar day is used. */
  readonly completedAt?: string | null;
}

export interface RelationshipHealthInput {
  readonly visits: readonly HealthVisit[];
  readonly visitCadenceDays: number;
  /** The actions of the account's current plan. */
  readonly actions: readonly HealthAction[];
  readonly today: string;
}

export type HealthReasonCode =
  | 'NO_VISITS'
  | 'VISIT_OVERDUE'
  | 'LOW_ACCEPTANCE'
  | 'ACTIONS_OVERDUE'
  | 'ACTIONS_DONE_LATE'
  | 'RECENT_VISIT'
  | 'GOOD_ACCEPTANCE'
  | 'ACTIONS_ON_TIME';

export interface HealthReason {
  readonly code: HealthReasonCode;
  readonly impact: 'POSITIVE' | 'NEGATIVE';
  /** Numbers for the message placeholders; `translate(reason.messageKey, locale, reason.params)`. */
  readonly params: Readonly<Record<string, number>>;
  readonly messageKey: MessageKey;
}

export interface HealthComponents {
  readonly acceptance: number | null;
  readonly recency: number | null;
  readonly execution: number | null;
}

export interface RelationshipHealth {
  /** 0..100 integer; null when there is no data at all. */
  readonly score: number | null;
  /** Each 0..100 integer, or null without data. The score is computed before this rounding. */
  readonly components: HealthComponents;
  /** Negative reasons first, in the order of HealthReasonCode. */
  readonly reasons: readonly HealthReason[];
}

export const HEALTH_WEIGHTS: Readonly<Record<keyof HealthComponents, number>> = {
  acceptance: 0.4,
  recency: 0.35,
  execution: 0.25,
};

/** Visits whose acceptance counts, most recent first, weighted 5, 4, 3, 2, 1. */
export const ACCEPTANCE_VISITS = 5;
/** Recency reaches 0 at this many cadences without a visit. */
export const RECENCY_ZERO_AT_CADENCES = 3;
/** A done-late action counts this much of an on-time one. */
export const LATE_DONE_CREDIT = 0.5;

const LOW_ACCEPTANCE_BELOW = 3;
const GOOD_ACCEPTANCE_FROM = 4;
const GOOD_EXECUTION_FROM = 80;

export const HEALTH_REASON_MESSAGES: Readonly<Record<HealthReasonCode, MessageKey>> = {
  NO_VISITS: 'healthNoVisits',
  VISIT_OVERDUE: 'healthVisitOverdue',
  LOW_ACCEPTANCE: 'healthLowAcceptance',
  ACTIONS_OVERDUE: 'healthActionsOverdue',
  ACTIONS_DONE_LATE: 'healthActionsDoneLate',
  RECENT_VISIT: 'healthRecentVisit',
  GOOD_ACCEPTANCE: 'healthGoodAcceptance',
  ACTIONS_ON_TIME: 'healthActionsOnTime',
};

const NEGATIVE: ReadonlySet<HealthReasonCode> = new Set([
  'NO_VISITS',
  'VISIT_OVERDUE',
  'LOW_ACCEPTANCE',
  'ACTIONS_OVERDUE',
  'ACTIONS_DONE_LATE',
]);

const reason = (code: HealthReasonCode, params: Record<string, number> = {}): HealthReason => ({
  code,
  impact: NEGATIVE.has(code) ? 'NEGATIVE' : 'POSITIVE',
  params,
  messageKey: HEALTH_REASON_MESSAGES[code],
});

/**
 * Health as of `today`. Visits after `today` and completions after `today` are ignored, so calling
 * it with an earlier `today` gives the health as it was then (for the trend line).
 */
export function relationshipHealth(input: RelationshipHealthInput): RelationshipHealth {
  const { visitCadenceDays: cadence, today } = input;
  if (!Number.isInteger(cadence) || cadence < 1) {
    throw new RangeError(`visitCadenceDays must be a positive integer, not ${cadence}`);
  }
  const todayDay = toEpochDay(today);
  for (const v of input.visits) {
    if (!Number.isInteger(v.acceptance) || v.acceptance < 1 || v.acceptance > 5) {
      throw new RangeError(`Visit acceptance is an integer from 1 to 5, not ${v.acceptance}`);
    }
  }

  const reasons: HealthReason[] = [];
  const visits = input.visits
    .map((v) => ({ day: toEpochDay(v.date), acceptance: v.acceptance }))
    .filter((v) => v.day <= todayDay)
    .sort((a, b) => b.day - a.day);

  let acceptance: number | null = null;
  let recency: number | null = null;
  const last = visits[0];
  if (!last) {
    reasons.push(reason('NO_VISITS'));
  } else {
    const recent = visits.slice(0, ACCEPTANCE_VISITS);
    let weighted = 0;
    let weights = 0;
    recent.forEach((v, i) => {
      const w = ACCEPTANCE_VISITS - i;
      weighted += w * v.acceptance;
      weights += w;
    });
    const average = weighted / weights;
    acceptance = ((average - 1) / 4) * 100;
    const params = { average: Math.round(average * 10) / 10, visits: recent.length };
    if (average < LOW_ACCEPTANCE_BELOW) reasons.push(reason('LOW_ACCEPTANCE', params));
    if (average >= GOOD_ACCEPTANCE_FROM) reasons.push(reason('GOOD_ACCEPTANCE', params));

    const days = todayDay - last.day;
    recency = recencyScore(days, cadence);
    reasons.push(reason(days > cadence ? 'VISIT_OVERDUE' : 'RECENT_VISIT', { days, cadence }));
  }

  const execution = executionOf(input.actions, todayDay);
  if (execution.overdue > 0) reasons.push(reason('ACTIONS_OVERDUE', { count: execution.overdue }));
  if (execution.late > 0) reasons.push(reason('ACTIONS_DONE_LATE', { count: execution.late }));
  if (execution.score !== null && execution.score >= GOOD_EXECUTION_FROM && execution.overdue === 0) {
    reasons.push(reason('ACTIONS_ON_TIME', { percent: Math.round(execution.onTimeShare * 100) }));
  }

  const components = { acceptance, recency, execution: execution.score };
  let sum = 0;
  let weightSum = 0;
  for (const key of Object.keys(HEALTH_WEIGHTS) as (keyof HealthComponents)[]) {
    const value = components[key];
    if (value !== null) {
      sum += HEALTH_WEIGHTS[key] * value;
      weightSum += HEALTH_WEIGHTS[key];
    }
  }

  const order = Object.keys(HEALTH_REASON_MESSAGES) as HealthReasonCode[];
  return {
    score: weightSum > 0 ? Math.round(sum / weightSum) : null,
    components: {
      acceptance: roundOrNull(components.acceptance),
      recency: roundOrNull(components.recency),
      execution: roundOrNull(components.execution),
    },
    reasons: reasons.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code)),
  };
}

/** 100 within the cadence, then a straight line down to 0 at three cadences. */
export function recencyScore(daysSinceLastVisit: number, cadenceDays: number): number {
  const zeroAt = RECENCY_ZERO_AT_CADENCES * cadenceDays;
  if (daysSinceLastVisit <= cadenceDays) return 100;
  if (daysSinceLastVisit >= zeroAt) return 0;
  return (100 * (zeroAt - daysSinceLastVisit)) / (zeroAt - cadenceDays);
}

interface Execution {
  readonly score: number | null;
  readonly overdue: number;
  readonly late: number;
  readonly onTimeShare: number;
}

/**
 * Counted: every action done by `today` (early completions count in the KAM's favour) and every
 * open action past its due date. Not counted: cancelled actions and open ones not yet due.
 * Score = (on time + ½ × done late) / counted. A DONE action without a completion date counts as on
 * time: nothing shows it was late.
 */
function executionOf(actions: readonly HealthAction[], todayDay: number): Execution {
  let onTime = 0;
  let late = 0;
  let overdue = 0;
  for (const a of actions) {
    if (a.status === 'CANCELLED') continue;
    const due = toEpochDay(a.dueDate);
    const completed = a.completedAt ? completionDay(a.completedAt) : null;
    const doneByToday = a.status === 'DONE' && (completed === null || completed <= todayDay);
    if (doneByToday) {
      if (completed === null || completed <= due) onTime += 1;
      else late += 1;
    } else if (due < todayDay) {
      overdue += 1;
    }
  }
  const counted = onTime + late + overdue;
  if (counted === 0) return { score: null, overdue, late, onTimeShare: 0 };
  return {
    score: (100 * (onTime + LATE_DONE_CREDIT * late)) / counted,
    overdue,
    late,
    onTimeShare: onTime / counted,
  };
}

function completionDay(completedAt: string): number {
  if (completedAt.length === 10) return toEpochDay(completedAt);
  // Without an offset Date.parse would read local time, making the result depend on the machine.
  const ms = /(Z|[+-]\d{2}:\d{2})$/.test(completedAt) ? Date.parse(completedAt) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO date-time with an offset: ${completedAt}`);
  return Math.floor(ms / 86_400_000);
}

const roundOrNull = (n: number | null): number | null => (n === null ? null : Math.round(n));
