import { ACTION_STATUSES, type ActionStatus, canTransitionActionStatus } from '@clave/domain';

/** The statuses the action may move to from its stored one (its own status first). */
export function allowedStatuses(from: ActionStatus): ActionStatus[] {
  return [from, ...ACTION_STATUSES.filter((to) => to !== from && canTransitionActionStatus(from, to))];
}

export interface ActionChange {
  status: ActionStatus;
  progress: number;
  note: string;
}

/**
 * The `updatePlanAction` variables for what the user changed, or null when nothing changed. A DONE
 * status implies full progress, as the user would expect.
 */
export function toUpdateVariables(
  action: { id: string; status: ActionStatus; progress: number; version: number },
  change: ActionChange,
): { id: string; input: Record<string, unknown> } | null {
  const input: Record<string, unknown> = { expectedVersion: action.version };
  if (change.status !== action.status) input.status = change.status;
  const progress = change.status === 'DONE' ? 100 : change.progress;
  if (progress !== action.progress) input.progress = progress;
  if (change.note.trim() !== '') input.note = change.note.trim();
  return Object.keys(input).length > 1 ? { id: action.id, input } : null;
}
