// The stakeholder form: its draft, the checks made before queueing (the same rules as the API's,
// from @clave/domain), and the outbox variables of a new stakeholder or of an edit.
import {
  email as emailSchema,
  name as nameSchema,
  phone as phoneSchema,
  STAKEHOLDER_ATTITUDES,
  STAKEHOLDER_INFLUENCES,
  STAKEHOLDER_ROLES,
  type StakeholderAttitude,
  type StakeholderInfluence,
  type StakeholderRole,
} from '@clave/domain';

export interface StakeholderDraft {
  name: string;
  title: string;
  decisionRole: StakeholderRole | '';
  attitude: StakeholderAttitude;
  /** Weight in the decision, or '' when not assessed. */
  influence: StakeholderInfluence | '';
  /** Global id of the stakeholder they report to, or '' for nobody. */
  reportsToId: string;
  email: string;
  phone: string;
}

export type StakeholderField =
  | 'name'
  | 'title'
  | 'decisionRole'
  | 'attitude'
  | 'influence'
  | 'email'
  | 'phone';
export type StakeholderErrors = Partial<Record<StakeholderField, true>>;

/** The fields in the order the form shows them (the first invalid one gets the focus). */
export const STAKEHOLDER_FIELDS: readonly StakeholderField[] = [
  'name',
  'title',
  'decisionRole',
  'attitude',
  'influence',
  'email',
  'phone',
];

export function emptyDraft(): StakeholderDraft {
  return {
    name: '',
    title: '',
    decisionRole: '',
    attitude: 'NEUTRAL',
    influence: '',
    reportsToId: '',
    email: '',
    phone: '',
  };
}

/** A stakeholder as the account page lists it. */
export interface StakeholderOnPage {
  id: string;
  name: string;
  title: string | null;
  decisionRole: StakeholderRole;
  attitude: StakeholderAttitude;
  influence: StakeholderInfluence | null;
  email: string | null;
  phone: string | null;
  version: number;
  reportsTo: { id: string } | null;
}

export function draftOf(person: StakeholderOnPage): StakeholderDraft {
  return {
    name: person.name,
    title: person.title ?? '',
    decisionRole: person.decisionRole,
    attitude: person.attitude,
    influence: person.influence ?? '',
    reportsToId: person.reportsTo?.id ?? '',
    email: person.email ?? '',
    phone: person.phone ?? '',
  };
}

/** Every field that breaks the API's rules; optional fields left empty are fine. */
export function validateStakeholder(draft: StakeholderDraft): StakeholderErrors {
  const errors: StakeholderErrors = {};
  if (!nameSchema(200).safeParse(draft.name).success) errors.name = true;
  if (draft.title.trim() !== '' && !nameSchema(200).safeParse(draft.title).success) errors.title = true;
  if (!(STAKEHOLDER_ROLES as readonly string[]).includes(draft.decisionRole)) errors.decisionRole = true;
  if (!(STAKEHOLDER_ATTITUDES as readonly string[]).includes(draft.attitude)) errors.attitude = true;
  if (draft.influence !== '' && !(STAKEHOLDER_INFLUENCES as readonly string[]).includes(draft.influence))
    errors.influence = true;
  if (draft.email.trim() !== '' && !emailSchema.safeParse(draft.email).success) errors.email = true;
  if (draft.phone.trim() !== '' && !phoneSchema.safeParse(draft.phone).success) errors.phone = true;
  return errors;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** `createStakeholder` variables: the client-made id makes re-sends store the person once. */
export function toCreateVariables(
  draft: StakeholderDraft,
  ids: { id: string; accountId: string },
): { input: Record<string, unknown> } {
  const input: Record<string, unknown> = {
    id: ids.id,
    accountId: ids.accountId,
    name: draft.name.trim(),
    decisionRole: draft.decisionRole,
    attitude: draft.attitude,
  };
  const fields = {
    title: optional(draft.title),
    influence: optional(draft.influence),
    reportsToId: optional(draft.reportsToId),
    email: optional(draft.email),
    phone: optional(draft.phone),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) input[key] = value;
  return { input };
}

/**
 * `updateStakeholder` variables with only what the user changed (an emptied optional field is
 * sent as null, which clears it), guarded by the version the form was opened on; null when nothing
 * changed.
 */
export function toUpdateVariables(
  draft: StakeholderDraft,
  original: StakeholderDraft,
  ids: { id: string; version: number },
): { id: string; input: Record<string, unknown> } | null {
  const input: Record<string, unknown> = {};
  const changed = (field: keyof StakeholderDraft) => draft[field].trim() !== original[field].trim();
  if (changed('name')) input.name = draft.name.trim();
  if (changed('decisionRole')) input.decisionRole = draft.decisionRole;
  if (changed('attitude')) input.attitude = draft.attitude;
  for (const field of ['title', 'influence', 'reportsToId', 'email', 'phone'] as const) {
    if (changed(field)) input[field] = optional(draft[field]) ?? null;
  }
  if (Object.keys(input).length === 0) return null;
  return { id: ids.id, input: { ...input, expectedVersion: ids.version } };
}

/**
 * Who the person may report to: the account's other people, except anyone who reports to them,
 * directly or not (the API refuses a reporting line that goes round in a circle).
 */
export function managerChoices<T extends { id: string; reportsTo: { id: string } | null }>(
  people: readonly T[],
  subjectId: string | null,
): T[] {
  if (subjectId === null) return [...people];
  const below = new Set<string>([subjectId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of people) {
      if (!below.has(p.id) && p.reportsTo && below.has(p.reportsTo.id)) {
        below.add(p.id);
        grew = true;
      }
    }
  }
  return people.filter((p) => !below.has(p.id));
}
