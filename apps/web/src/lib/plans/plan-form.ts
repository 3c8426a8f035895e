// The plan editor's rules that need no screen: months of a horizon, the draft of a plan and the
// variables of createPlan / updatePlan / rollPlan, the monthly targets grid, and where the server's
// field issues go. The checks are the API's own (from @clave/domain) so the phone refuses what the
// server would.
import {
  addMonths,
  DEFAULT_PLAN_MONTHS,
  isPlanStartMonthAllowed,
  isYearMonth,
  longText,
  MAX_PLAN_MONTHS,
  MIN_PLAN_MONTHS,
  name as nameSchema,
  PLAN_START_YEARS_AROUND_TODAY,
} from '@clave/domain';

/** The plan's fields the editor shows. */
export interface PlanDraft {
  title: string;
  /** YYYY-MM */
  startMonth: string;
  horizonMonths: number | null;
  companyObjectives: string;
  clientNeeds: string;
  marketOpportunities: string;
}

export type PlanField = keyof PlanDraft;
export type PlanErrors = Partial<Record<PlanField, true | string>>;

/** The fields in the order the form shows them (the first invalid one gets the focus). */
export const PLAN_FIELDS: readonly PlanField[] = [
  'title',
  'startMonth',
  'horizonMonths',
  'companyObjectives',
  'clientNeeds',
  'marketOpportunities',
];

/** How far from today a plan may start (the API's bound). */
export const START_MONTH_RANGE_YEARS = PLAN_START_YEARS_AROUND_TODAY;

/** YYYY-MM of a date (local calendar). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The month n months after a YYYY-MM month. */
export function shiftMonth(month: string, months: number): string {
  return addMonths(`${month}-01`, months).slice(0, 7);
}

/** The month after the current one: where a new plan starts by default. */
export function nextMonth(today: Date = new Date()): string {
  return shiftMonth(monthOf(today), 1);
}

/** Every month of a horizon, in order. */
export function monthsOf(startMonth: string, horizonMonths: number): string[] {
  if (!isYearMonth(startMonth) || !Number.isInteger(horizonMonths) || horizonMonths < 1) return [];
  return Array.from({ length: Math.min(horizonMonths, MAX_PLAN_MONTHS) }, (_, i) =>
    shiftMonth(startMonth, i),
  );
}

/** The first month after a horizon: where the next plan starts when the plan is rolled. */
export function monthAfter(startMonth: string, horizonMonths: number): string {
  return shiftMonth(startMonth, horizonMonths);
}

/** Years a start month may be in: five years either side of today. */
export function startYears(today: Date = new Date()): number[] {
  const year = today.getFullYear();
  return Array.from(
    { length: 2 * START_MONTH_RANGE_YEARS + 1 },
    (_, i) => year - START_MONTH_RANGE_YEARS + i,
  );
}

export function emptyPlanDraft(today: Date = new Date()): PlanDraft {
  return {
    title: '',
    startMonth: nextMonth(today),
    horizonMonths: DEFAULT_PLAN_MONTHS,
    companyObjectives: '',
    clientNeeds: '',
    marketOpportunities: '',
  };
}

export function planDraftOf(plan: {
  title: string;
  startMonth: string;
  horizonMonths: number;
  companyObjectives: string;
  clientNeeds: string;
  marketOpportunities: string;
}): PlanDraft {
  return {
    title: plan.title,
    startMonth: plan.startMonth,
    horizonMonths: plan.horizonMonths,
    companyObjectives: plan.companyObjectives,
    clientNeeds: plan.clientNeeds,
    marketOpportunities: plan.marketOpportunities,
  };
}

const planText = longText(20_000);

/** Whether a start month lies within the API's bound around today (the domain's rule). */
export function startMonthInRange(month: string, today: Date = new Date()): boolean {
  const day = `${monthOf(today)}-${String(today.getDate()).padStart(2, '0')}`;
  return isPlanStartMonthAllowed(month, day);
}

/** Every field that breaks the API's rules. */
export function validatePlan(draft: PlanDraft, today: Date = new Date()): PlanErrors {
  const errors: PlanErrors = {};
  if (!nameSchema(200).safeParse(draft.title).success) errors.title = true;
  if (!startMonthInRange(draft.startMonth, today)) errors.startMonth = true;
  const months = draft.horizonMonths;
  if (months === null || !Number.isInteger(months) || months < MIN_PLAN_MONTHS || months > MAX_PLAN_MONTHS)
    errors.horizonMonths = true;
  for (const field of ['companyObjectives', 'clientNeeds', 'marketOpportunities'] as const) {
    if (!planText.safeParse(draft[field]).success) errors[field] = true;
  }
  return errors;
}

export function toCreatePlanInput(accountId: string, draft: PlanDraft) {
  return {
    accountId,
    title: draft.title.trim(),
    startMonth: draft.startMonth,
    horizonMonths: draft.horizonMonths ?? DEFAULT_PLAN_MONTHS,
    companyObjectives: draft.companyObjectives.trim(),
    clientNeeds: draft.clientNeeds.trim(),
    marketOpportunities: draft.marketOpportunities.trim(),
  };
}

/** The fields that changed since the form was opened, with the version it was based on; null when none. */
export function toUpdatePlanInput(
  draft: PlanDraft,
  original: PlanDraft,
  expectedVersion: number,
): ({ expectedVersion: number } & Partial<PlanDraft>) | null {
  const input: { expectedVersion: number } & Record<string, unknown> = { expectedVersion };
  for (const field of PLAN_FIELDS) {
    const now = draft[field];
    const before = original[field];
    const a = typeof now === 'string' ? now.trim() : now;
    const b = typeof before === 'string' ? before.trim() : before;
    if (a !== b) input[field] = a;
  }
  return Object.keys(input).length > 1 ? (input as { expectedVersion: number } & Partial<PlanDraft>) : null;
}

/** The fields of a plan the user changed, for a conflict: theirs next to mine. */
export function changedPlanFields(draft: PlanDraft, original: PlanDraft): PlanField[] {
  return PLAN_FIELDS.filter((field) => {
    const a = draft[field];
    const b = original[field];
    return (typeof a === 'string' ? a.trim() : a) !== (typeof b === 'string' ? b.trim() : b);
  });
}

// --- monthly revenue targets ------------------------------------------------------------------

export interface TargetRow {
  month: string;
  amount: number | null;
}

/** One row per month of the horizon, with the stored target of that month (or none). */
export function targetRows(
  startMonth: string,
  horizonMonths: number,
  stored: readonly { period: string; amount: number }[],
): TargetRow[] {
  const byMonth = new Map(stored.map((t) => [t.period, t.amount]));
  return monthsOf(startMonth, horizonMonths).map((month) => ({ month, amount: byMonth.get(month) ?? null }));
}

/** Cents, so that sums of amounts with two decimals stay exact. */
const cents = (amount: number) => Math.round(amount * 100);

export function totalOf(rows: readonly { amount: number | null }[]): number {
  return rows.reduce((sum, row) => sum + (row.amount === null ? 0 : cents(row.amount)), 0) / 100;
}

/**
 * A total spread evenly over n months, to the cent: the cents that do not divide evenly go to the
 * first months, so the months add up to the total exactly.
 */
export function spreadTotal(total: number, months: number): number[] {
  if (months <= 0) return [];
  const all = cents(total);
  const base = Math.trunc(all / months);
  const rest = all - base * months;
  return Array.from({ length: months }, (_, i) => (base + (i < Math.abs(rest) ? Math.sign(rest) : 0)) / 100);
}

/** The complete list of targets updatePlan stores: every month with an amount. */
export function toRevenueTargets(rows: readonly TargetRow[]): { period: string; amount: number }[] {
  return rows.flatMap((row) => (row.amount === null ? [] : [{ period: row.month, amount: row.amount }]));
}

/** Whether the grid differs from the stored targets. */
export function targetsChanged(
  rows: readonly TargetRow[],
  stored: readonly { period: string; amount: number }[],
): boolean {
  const next = toRevenueTargets(rows);
  if (next.length !== stored.length) return true;
  const byMonth = new Map(stored.map((t) => [t.period, cents(t.amount)]));
  return next.some((t) => byMonth.get(t.period) !== cents(t.amount));
}

// --- server issues ------------------------------------------------------------------------------

export interface Issue {
  path: readonly string[];
  message: string;
}

/** The server's field issues placed on the form's fields; the rest are general. */
export function placePlanIssues(issues: readonly Issue[]): {
  fields: PlanErrors;
  targets: Record<number, string>;
  general: string[];
} {
  const fields: PlanErrors = {};
  const targets: Record<number, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path[0] === 'input' ? issue.path.slice(1) : issue.path;
    const [field, index] = path;
    if (field === 'revenueTargets' && index !== undefined && /^\d+$/.test(index))
      targets[Number(index)] = issue.message;
    else if (field && (PLAN_FIELDS as readonly string[]).includes(field))
      fields[field as PlanField] = issue.message;
    else general.push(issue.message);
  }
  return { fields, targets, general };
}
