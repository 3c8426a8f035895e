// The opportunity form: draft, checks before sending (the API's rules, from @clave/domain), the
// inputs of create and update, the actions of "turn into plan actions", and the server's field
// issues placed on the fields they name.
import {
  money,
  name as nameSchema,
  OPPORTUNITY_STAGES,
  type OpportunityStage,
  probabilityPercent,
} from '@clave/domain';

export interface OpportunityDraft {
  title: string;
  description: string;
  valueForUs: string;
  valueForClient: string;
  /** As read by the shared number input (`$lib/numbers/parse`): null for none or not readable. */
  estimatedRevenue: number | null;
  probability: number | null;
  stage: OpportunityStage;
}

export type OpportunityField =
  | 'title'
  | 'description'
  | 'valueForUs'
  | 'valueForClient'
  | 'estimatedRevenue'
  | 'probability'
  | 'stage';

/** Per field: true for a check of the form, or the server's message. */
export type OpportunityErrors = Partial<Record<OpportunityField, true | string>>;

export const OPPORTUNITY_FIELDS: readonly OpportunityField[] = [
  'title',
  'stage',
  'probability',
  'estimatedRevenue',
  'description',
  'valueForUs',
  'valueForClient',
];

const TEXT_MAX = 4000;

export function emptyOpportunity(): OpportunityDraft {
  return {
    title: '',
    description: '',
    valueForUs: '',
    valueForClient: '',
    estimatedRevenue: null,
    probability: null,
    stage: 'IDEA',
  };
}

export function opportunityDraftOf(o: {
  title: string;
  description: string;
  valueForUs: string;
  valueForClient: string;
  estimatedRevenue: number | null;
  probability: number;
  stage: OpportunityStage;
}): OpportunityDraft {
  return {
    title: o.title,
    description: o.description,
    valueForUs: o.valueForUs,
    valueForClient: o.valueForClient,
    estimatedRevenue: o.estimatedRevenue,
    probability: o.probability,
    stage: o.stage,
  };
}

/** Whether a field of two drafts holds the same thing (text compared without surrounding spaces). */
export function sameDraftValue(field: OpportunityField, a: OpportunityDraft, b: OpportunityDraft): boolean {
  const x = a[field];
  const y = b[field];
  return typeof x === 'string' && typeof y === 'string' ? x.trim() === y.trim() : x === y;
}

export function validateOpportunity(draft: OpportunityDraft): OpportunityErrors {
  const errors: OpportunityErrors = {};
  if (!nameSchema(200).safeParse(draft.title).success) errors.title = true;
  if (!(OPPORTUNITY_STAGES as readonly string[]).includes(draft.stage)) errors.stage = true;
  if (!probabilityPercent.safeParse(draft.probability).success) errors.probability = true;
  if (draft.estimatedRevenue !== null && !money.safeParse(draft.estimatedRevenue).success)
    errors.estimatedRevenue = true;
  for (const field of ['description', 'valueForUs', 'valueForClient'] as const) {
    if (draft[field].length > TEXT_MAX) errors[field] = true;
  }
  return errors;
}

/** `createOpportunity` input for a valid draft. */
export function toCreateInput(draft: OpportunityDraft, accountId: string): Record<string, unknown> {
  const revenue = draft.estimatedRevenue;
  return {
    accountId,
    title: draft.title.trim(),
    description: draft.description.trim(),
    valueForUs: draft.valueForUs.trim(),
    valueForClient: draft.valueForClient.trim(),
    probability: draft.probability,
    stage: draft.stage,
    ...(revenue === null ? {} : { estimatedRevenue: revenue }),
  };
}

/** `updateOpportunity` input with what changed (an emptied revenue clears it); null when nothing did. */
export function toUpdateInput(
  draft: OpportunityDraft,
  original: OpportunityDraft,
  expectedVersion: number,
): Record<string, unknown> | null {
  const input: Record<string, unknown> = {};
  for (const field of ['title', 'description', 'valueForUs', 'valueForClient'] as const) {
    if (draft[field].trim() !== original[field].trim()) input[field] = draft[field].trim();
  }
  if (draft.stage !== original.stage) input.stage = draft.stage;
  if (draft.probability !== original.probability) input.probability = draft.probability;
  if (draft.estimatedRevenue !== original.estimatedRevenue) input.estimatedRevenue = draft.estimatedRevenue;
  return Object.keys(input).length === 0 ? null : { ...input, expectedVersion };
}

export interface ActionDraft {
  key: number;
  title: string;
  dueDate: string;
}

export type ActionErrors = Record<number, Partial<Record<'title' | 'dueDate', true | string>>>;

export function validateActions(actions: readonly ActionDraft[]): ActionErrors {
  const errors: ActionErrors = {};
  actions.forEach((action, index) => {
    const row: ActionErrors[number] = {};
    if (!nameSchema(200).safeParse(action.title).success) row.title = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(action.dueDate)) row.dueDate = true;
    if (Object.keys(row).length > 0) errors[index] = row;
  });
  return errors;
}

export function toConvertActions(actions: readonly ActionDraft[]): { title: string; dueDate: string }[] {
  return actions.map((a) => ({ title: a.title.trim(), dueDate: a.dueDate }));
}

export interface ServerIssue {
  path: readonly (string | number)[];
  message: string;
}

/**
 * The server's issues on the fields they name; issues on no field of the form (e.g. "the account
 * has no active plan") are returned apart, to show above the button.
 */
export function placeIssues(issues: readonly ServerIssue[]): {
  fields: OpportunityErrors;
  actions: ActionErrors;
  general: string[];
} {
  const fields: OpportunityErrors = {};
  const actions: ActionErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const [head, index, field] = issue.path.map(String);
    if (head && (OPPORTUNITY_FIELDS as readonly string[]).includes(head)) {
      fields[head as OpportunityField] ??= issue.message;
    } else if (head === 'actions' && index !== undefined && (field === 'title' || field === 'dueDate')) {
      const row = actions[Number(index)] ?? {};
      row[field] ??= issue.message;
      actions[Number(index)] = row;
    } else {
      general.push(issue.message);
    }
  }
  return { fields, actions, general };
}
