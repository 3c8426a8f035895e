import type { VisitKind } from '@clave/domain';

export interface NextStepDraft {
  key: number;
  title: string;
  dueDate: string;
}

export interface VisitDraft {
  kind: VisitKind;
  stakeholderIds: string[];
  acceptance: number | null;
  purpose: string;
  notes: string;
  outcomes: string;
  nextSteps: NextStepDraft[];
}

export type VisitFormErrors = Partial<Record<'purpose' | 'acceptance' | 'nextSteps', true>>;

export function validateVisit(draft: VisitDraft): VisitFormErrors {
  const errors: VisitFormErrors = {};
  if (draft.purpose.trim() === '') errors.purpose = true;
  if (draft.acceptance === null) errors.acceptance = true;
  if (draft.nextSteps.some((step) => step.title.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(step.dueDate)))
    errors.nextSteps = true;
  return errors;
}

/** The `logVisit` mutation's variables; next steps left without a title are dropped, not sent. */
export function toLogVisitVariables(
  draft: VisitDraft,
  ids: { visitId: string; accountId: string },
  occurredAt: Date,
): { input: Record<string, unknown> } {
  const nextSteps = draft.nextSteps
    .filter((step) => step.title.trim() !== '')
    .map((step) => ({ title: step.title.trim(), dueDate: step.dueDate }));
  return {
    input: {
      id: ids.visitId,
      accountId: ids.accountId,
      kind: draft.kind,
      occurredAt: toIsoWithOffset(occurredAt),
      purpose: draft.purpose.trim(),
      acceptance: draft.acceptance,
      stakeholderIds: draft.stakeholderIds,
      notes: draft.notes.trim(),
      outcomes: draft.outcomes.trim(),
      nextSteps,
    },
  };
}

/** ISO 8601 with the device's offset ("2026-11-27T10:45:00+01:00"), as the API asks. */
export function toIsoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

export function toggle(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}
