// Creating and editing a KPI template or an account's KPI: the draft, the checks made before
// sending (the API's own rules from @clave/domain), the variables of the create / update
// mutations, and where the server's field issues go. The API stays the judge of every rule.
import {
  KPI_DIRECTIONS,
  KPI_FREQUENCIES,
  type KpiDirection,
  type KpiFrequency,
  kpiThresholdsConsistent,
  name as nameSchema,
} from '@clave/domain';

export { KPI_DIRECTIONS, KPI_FREQUENCIES };

export interface KpiDraft {
  name: string;
  unit: string;
  direction: KpiDirection | '';
  frequency: KpiFrequency | '';
  /** Numbers as read by the number fields (null when empty or unreadable). */
  target: number | null;
  amberThreshold: number | null;
  redThreshold: number | null;
  category: string;
  /** '' for none. */
  description: string;
}

export type KpiField =
  | 'name'
  | 'unit'
  | 'direction'
  | 'frequency'
  | 'target'
  | 'amberThreshold'
  | 'redThreshold'
  | 'category'
  | 'description';

/** `true` for a problem found here (the form words it), a string for the server's message. */
export type KpiErrors = Partial<Record<KpiField, true | string>>;

/** The fields in the order the form shows them (the first invalid one gets the focus). */
export const KPI_FIELDS: readonly KpiField[] = [
  'name',
  'unit',
  'category',
  'direction',
  'frequency',
  'target',
  'amberThreshold',
  'redThreshold',
  'description',
];

export const LIMITS = { name: 120, unit: 30, category: 60, description: 2000 } as const;

export function emptyKpiDraft(): KpiDraft {
  return {
    name: '',
    unit: '',
    direction: 'HIGHER_IS_BETTER',
    frequency: 'MONTHLY',
    target: null,
    amberThreshold: null,
    redThreshold: null,
    category: '',
    description: '',
  };
}

/** The fields a template or a definition holds, as the API returns them. */
export interface KpiOnRecord {
  name: string;
  unit: string;
  direction: KpiDirection;
  frequency: KpiFrequency;
  target: number | null;
  amberThreshold: number | null;
  redThreshold: number | null;
  category: string;
  description?: string | null;
}

export function draftOf(kpi: KpiOnRecord): KpiDraft {
  return {
    name: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    frequency: kpi.frequency,
    target: kpi.target,
    amberThreshold: kpi.amberThreshold,
    redThreshold: kpi.redThreshold,
    category: kpi.category,
    description: kpi.description ?? '',
  };
}

/**
 * The problems the form can see before sending. `numberErrors` are the number fields' own
 * messages (unreadable text); they win over everything else on their field.
 */
export function validateKpi(
  draft: KpiDraft,
  numberErrors: Partial<Record<'target' | 'amberThreshold' | 'redThreshold', string | null>> = {},
): KpiErrors {
  const errors: KpiErrors = {};
  if (!nameSchema(LIMITS.name).safeParse(draft.name).success) errors.name = true;
  if (!nameSchema(LIMITS.unit).safeParse(draft.unit).success) errors.unit = true;
  if (!nameSchema(LIMITS.category).safeParse(draft.category).success) errors.category = true;
  if (draft.direction === '') errors.direction = true;
  if (draft.frequency === '') errors.frequency = true;
  if (draft.description.length > LIMITS.description) errors.description = true;
  if (
    draft.direction !== '' &&
    !kpiThresholdsConsistent(draft.direction, draft.amberThreshold, draft.redThreshold)
  ) {
    errors.redThreshold = true;
  }
  for (const field of ['target', 'amberThreshold', 'redThreshold'] as const) {
    const message = numberErrors[field];
    if (message) errors[field] = message;
  }
  return errors;
}

/** Every field, for a create (template or custom KPI). */
export function toCreateFields(draft: KpiDraft) {
  if (draft.direction === '' || draft.frequency === '') throw new Error('validate the draft first');
  return {
    name: draft.name.trim(),
    unit: draft.unit.trim(),
    direction: draft.direction,
    frequency: draft.frequency,
    target: draft.target,
    amberThreshold: draft.amberThreshold,
    redThreshold: draft.redThreshold,
    category: draft.category.trim(),
    description: draft.description.trim() === '' ? null : draft.description.trim(),
  };
}

/**
 * Only what changed, with the version read; null clears target, thresholds and description.
 * Null when nothing changed. When the direction or a threshold changes, the direction and both
 * thresholds are sent together so the API checks their order as a whole.
 */
export function toUpdateFields(
  draft: KpiDraft,
  original: KpiDraft,
  expectedVersion: number,
): (Partial<ReturnType<typeof toCreateFields>> & { expectedVersion: number }) | null {
  const next = toCreateFields(draft);
  const before = toCreateFields(original);
  const changes: Partial<ReturnType<typeof toCreateFields>> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== before[key]) (changes as Record<string, unknown>)[key] = next[key];
  }
  if (Object.keys(changes).length === 0) return null;
  if ('direction' in changes || 'amberThreshold' in changes || 'redThreshold' in changes) {
    changes.direction = next.direction;
    changes.amberThreshold = next.amberThreshold;
    changes.redThreshold = next.redThreshold;
  }
  return { ...changes, expectedVersion };
}

export interface ServerIssue {
  path: readonly (string | number)[];
  message: string;
}

/** The server's issues on the fields they name; the rest are general. */
export function placeKpiIssues(issues: readonly ServerIssue[]): { fields: KpiErrors; general: string[] } {
  const fields: KpiErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const head = issue.path[0] === 'input' ? String(issue.path[1] ?? '') : String(issue.path[0] ?? '');
    if ((KPI_FIELDS as readonly string[]).includes(head)) {
      const field = head as KpiField;
      if (typeof fields[field] !== 'string') fields[field] = issue.message;
    } else {
      general.push(issue.message);
    }
  }
  return { fields, general };
}
