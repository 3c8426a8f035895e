// The objective form: its draft, the checks made before sending (the API's rules, from
// @clave/domain, plus the plan's months for the target date), and the variables of createObjective
// and updateObjective.
import {
  isoDate,
  longText,
  name as nameSchema,
  OBJECTIVE_STATUSES,
  type ObjectiveStatus,
  PLAN_INPUTS,
  type PlanInput,
} from '@clave/domain';

/** The three inputs a plan joins; an objective says which of them it answers. */
export { PLAN_INPUTS };
export type PlanInputKind = PlanInput;

export interface ObjectiveDraft {
  title: string;
  description: string;
  /** Global id of the KPI, or '' for none. */
  kpiDefinitionId: string;
  targetValue: number | null;
  /** YYYY-MM-DD or ''. */
  targetDate: string;
  answers: PlanInputKind[];
  opportunityIds: string[];
  status: ObjectiveStatus;
}

export type ObjectiveField =
  | 'title'
  | 'description'
  | 'kpiDefinitionId'
  | 'targetValue'
  | 'targetDate'
  | 'status';
export type ObjectiveErrors = Partial<Record<ObjectiveField, true | string>>;
export const OBJECTIVE_FIELDS: readonly ObjectiveField[] = [
  'title',
  'description',
  'kpiDefinitionId',
  'targetValue',
  'targetDate',
  'status',
];

export function emptyObjectiveDraft(): ObjectiveDraft {
  return {
    title: '',
    description: '',
    kpiDefinitionId: '',
    targetValue: null,
    targetDate: '',
    answers: [],
    opportunityIds: [],
    status: 'OPEN',
  };
}

export function objectiveDraftOf(objective: {
  title: string;
  description: string;
  kpiDefinitionId: string | null;
  targetValue: number | null;
  targetDate: string | null;
  status: ObjectiveStatus;
  answers?: readonly PlanInputKind[];
  opportunities?: readonly { id: string }[];
}): ObjectiveDraft {
  return {
    title: objective.title,
    description: objective.description,
    kpiDefinitionId: objective.kpiDefinitionId ?? '',
    targetValue: objective.targetValue,
    targetDate: objective.targetDate ?? '',
    answers: [...(objective.answers ?? [])],
    opportunityIds: (objective.opportunities ?? []).map((o) => o.id),
    status: objective.status,
  };
}

/**
 * Every field that breaks the API's rules. `targetValueError` is the number field's own message
 * (unreadable, too many decimals), from the shared number input.
 */
export function validateObjective(
  draft: ObjectiveDraft,
  horizon: { start: string; end: string },
  targetValueError: string | null = null,
): ObjectiveErrors {
  const errors: ObjectiveErrors = {};
  if (!nameSchema(200).safeParse(draft.title).success) errors.title = true;
  if (!longText(4000).safeParse(draft.description).success) errors.description = true;
  if (targetValueError) errors.targetValue = targetValueError;
  if (
    draft.targetDate !== '' &&
    (!isoDate.safeParse(draft.targetDate).success ||
      draft.targetDate < horizon.start ||
      draft.targetDate > horizon.end)
  )
    errors.targetDate = true;
  if (!(OBJECTIVE_STATUSES as readonly string[]).includes(draft.status)) errors.status = true;
  return errors;
}

export function toCreateObjectiveInput(planId: string, draft: ObjectiveDraft) {
  return {
    planId,
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(draft.kpiDefinitionId ? { kpiDefinitionId: draft.kpiDefinitionId } : {}),
    ...(draft.targetValue !== null ? { targetValue: draft.targetValue } : {}),
    ...(draft.targetDate ? { targetDate: draft.targetDate } : {}),
    answers: [...draft.answers],
    opportunityIds: [...draft.opportunityIds],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** What changed since the form was opened (null clears a KPI, value or date); null when nothing did. */
export function toUpdateObjectiveInput(
  draft: ObjectiveDraft,
  original: ObjectiveDraft,
  expectedVersion: number,
): Record<string, unknown> | null {
  const input: Record<string, unknown> = { expectedVersion };
  if (draft.title.trim() !== original.title.trim()) input.title = draft.title.trim();
  if (draft.description.trim() !== original.description.trim()) input.description = draft.description.trim();
  if (draft.kpiDefinitionId !== original.kpiDefinitionId)
    input.kpiDefinitionId = draft.kpiDefinitionId || null;
  if (draft.targetValue !== original.targetValue) input.targetValue = draft.targetValue;
  if (draft.targetDate !== original.targetDate) input.targetDate = draft.targetDate || null;
  if (draft.status !== original.status) input.status = draft.status;
  if (!sameSet(draft.answers, original.answers)) input.answers = [...draft.answers];
  if (!sameSet(draft.opportunityIds, original.opportunityIds))
    input.opportunityIds = [...draft.opportunityIds];
  return Object.keys(input).length > 1 ? input : null;
}

/** The server's field issues placed on the form's fields; the rest are general. */
export function placeObjectiveIssues(issues: readonly { path: readonly string[]; message: string }[]): {
  fields: ObjectiveErrors;
  general: string[];
} {
  const fields: ObjectiveErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path[0] === 'input' ? issue.path.slice(1) : issue.path;
    const field = path[0];
    if (field && (OBJECTIVE_FIELDS as readonly string[]).includes(field))
      fields[field as ObjectiveField] = issue.message;
    else general.push(issue.message);
  }
  return { fields, general };
}
