import {
  ACTION_STATUSES,
  type ActionStatus,
  canTransitionActionStatus,
  createPlanActionInput,
  isoDate,
  longText,
  name as nameSchema,
} from '@clave/domain';

/** The statuses the action may move to from its stored one (its own status first). */
export function allowedStatuses(from: ActionStatus): ActionStatus[] {
  return [from, ...ACTION_STATUSES.filter((to) => to !== from && canTransitionActionStatus(from, to))];
}

export interface ActionChange {
  status: ActionStatus;
  progress: number;
  note: string;
  /** Left out: not edited on this screen. */
  title?: string;
  ownerId?: string;
  dueDate?: string;
}

interface StoredAction {
  id: string;
  status: ActionStatus;
  progress: number;
  version: number;
  title?: string;
  dueDate?: string;
  owner?: { id: string };
}

/**
 * The `updatePlanAction` variables for what the user changed, or null when nothing changed. A DONE
 * status implies full progress, as the user would expect.
 */
export function toUpdateVariables(
  action: StoredAction,
  change: ActionChange,
): { id: string; input: Record<string, unknown> } | null {
  const input: Record<string, unknown> = { expectedVersion: action.version };
  if (change.title !== undefined && change.title.trim() !== action.title) input.title = change.title.trim();
  if (change.ownerId !== undefined && change.ownerId !== action.owner?.id) input.ownerId = change.ownerId;
  if (change.dueDate !== undefined && change.dueDate !== action.dueDate) input.dueDate = change.dueDate;
  if (change.status !== action.status) input.status = change.status;
  const progress = change.status === 'DONE' ? 100 : change.progress;
  if (progress !== action.progress) input.progress = progress;
  if (change.note.trim() !== '') input.note = change.note.trim();
  return Object.keys(input).length > 1 ? { id: action.id, input } : null;
}

export type ActionField = 'title' | 'description' | 'ownerId' | 'dueDate' | 'progress' | 'note';
export type ActionErrors = Partial<Record<ActionField, true | string>>;
export const ACTION_FIELDS: readonly ActionField[] = [
  'title',
  'description',
  'ownerId',
  'dueDate',
  'progress',
  'note',
];

/** Whether a due date lies inside the plan's months (the API's bound). */
export function dueDateInPlan(date: string, horizon: { start: string; end: string }): boolean {
  return isoDate.safeParse(date).success && date >= horizon.start && date <= horizon.end;
}

/**
 * The fields an edit of an action changes that break the API's rules (same checks as the API's).
 * Fields left as stored are not checked: an old action whose date lies outside a plan that was
 * shortened since can still get a note or a new status.
 */
export function validateActionEdit(
  change: { title: string; ownerId: string; dueDate: string; note: string },
  horizon: { start: string; end: string },
  stored: { title?: string; dueDate?: string } = {},
): ActionErrors {
  const errors: ActionErrors = {};
  if (change.title.trim() !== stored.title && !nameSchema(200).safeParse(change.title).success)
    errors.title = true;
  if (change.ownerId === '') errors.ownerId = true;
  if (change.dueDate !== stored.dueDate && !dueDateInPlan(change.dueDate, horizon)) errors.dueDate = true;
  if (!longText(2000).safeParse(change.note).success) errors.note = true;
  return errors;
}

export interface NewActionDraft {
  title: string;
  description: string;
  ownerId: string;
  objectiveId: string;
  dueDate: string;
  status: ActionStatus;
  progress: number;
  note: string;
}

/** The `createPlanAction` input of a new action (its id is the outbox's, added when queued). */
export function toCreateActionInput(planId: string, draft: NewActionDraft) {
  return {
    planId,
    title: draft.title.trim(),
    ownerId: draft.ownerId,
    dueDate: draft.dueDate,
    status: draft.status,
    progress: draft.status === 'DONE' ? 100 : draft.progress,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(draft.objectiveId ? { objectiveId: draft.objectiveId } : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

/**
 * A new action checked before it is queued: the domain's own schema (with stand-in UUIDs for the
 * global ids, which the phone cannot decode) and the plan's months for the due date.
 */
export function validateNewAction(
  draft: NewActionDraft,
  horizon: { start: string; end: string },
): ActionErrors {
  const errors: ActionErrors = {};
  const STAND_IN = '00000000-0000-4000-8000-000000000000';
  const parsed = createPlanActionInput.safeParse({
    ...toCreateActionInput(STAND_IN, draft),
    ownerId: draft.ownerId ? STAND_IN : '',
    ...(draft.objectiveId ? { objectiveId: STAND_IN } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (ACTION_FIELDS as readonly string[]).includes(field))
        errors[field as ActionField] = true;
    }
  }
  if (!dueDateInPlan(draft.dueDate, horizon)) errors.dueDate = true;
  return errors;
}

/** A sensible default due date: in two weeks, kept inside the plan's months. */
export function defaultDueDate(today: string, horizon: { start: string; end: string }): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 14);
  const inTwoWeeks = date.toISOString().slice(0, 10);
  if (inTwoWeeks < horizon.start) return horizon.start;
  if (inTwoWeeks > horizon.end) return horizon.end;
  return inTwoWeeks;
}
