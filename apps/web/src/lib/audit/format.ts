import type { Locale } from '@clave/domain';
import { formatDateTime, formatDay } from '$lib/components/intl';
import { actionStatusLabel, attitudeLabel, decisionRoleLabel } from '$lib/components/labels';
import { statusLabel, tierLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';
import { planStatusLabel } from '$lib/plans/labels';
import { influenceLabel } from '$lib/stakeholders/labels';

/** An audit change as the API gives it: values as JSON text. */
export interface AuditChangeView {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** An audit entry as the screens read it. */
export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly action: string;
  readonly entityType: string;
  readonly actor: { readonly id: string; readonly name: string } | null;
  readonly changes: readonly AuditChangeView[];
}

type Label = () => string;
const messages = m as unknown as Record<string, ((params?: Record<string, string>) => string) | undefined>;

/** A catalog message by key, or `fallback` when there is none. */
function message(key: string, fallback: string): string {
  return messages[key]?.() ?? fallback;
}

/** "visitCadenceDays" → "Visit cadence days": the last resort for a field without a label. */
function humanize(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** What was changed, in the viewer's language: "Plan action", "KPI values". */
export function kindLabel(entityType: string): string {
  return message(`audit_kind_${entityType}`, humanize(entityType));
}

/** What was done: "Created", "Changed", "Values imported". */
export function actionLabel(action: string): string {
  return message(`audit_action_${action}`, humanize(action.toLowerCase()));
}

/** The field's name for people; KPI values are keyed by their period's first day. */
export function fieldLabel(field: string, locale: Locale): string {
  if (DATE.test(field)) return messages.audit_period?.({ date: formatDay(field, locale) }) ?? field;
  return message(`audit_field_${field}`, humanize(field));
}

const ENUMS: Record<string, Record<string, Label>> = {
  tier: tierLabel,
  decisionRole: decisionRoleLabel,
  attitude: attitudeLabel,
  influence: influenceLabel,
};

function statusLabels(entityType: string): Record<string, Label> | undefined {
  if (entityType === 'PlanAction') return actionStatusLabel;
  if (entityType === 'AccountPlan') return planStatusLabel;
  if (entityType === 'Account') return statusLabel;
  return undefined;
}

/**
 * One value (JSON text from the API) as the viewer reads it: numbers and dates in their
 * language, known codes by their label, references to other records as "changed".
 */
export function formatValue(json: string | null, field: string, entityType: string, locale: Locale): string {
  if (json === null) return m.audit_empty_value();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null || value === '') return m.audit_empty_value();
  if (/Ids?$/.test(field)) return m.audit_changed();
  if (typeof value === 'boolean') return value ? m.audit_yes() : m.audit_no();
  if (typeof value === 'number') {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
  }
  if (typeof value === 'string') {
    const labels = field === 'status' ? statusLabels(entityType) : ENUMS[field];
    const label = labels?.[value];
    if (label) return label();
    if (DATE.test(value)) return formatDay(value, locale);
    if (DATE_TIME.test(value)) return formatDateTime(value, locale);
    // A code without a label of its own ("OPPORTUNITY", "MANUAL"): as words.
    if (/^[A-Z][A-Z_]+$/.test(value))
      return message(`audit_value_${value}`, humanize(value.toLowerCase().replace(/_/g, ' ')));
    return value;
  }
  if (Array.isArray(value))
    return value.map((v) => formatValue(JSON.stringify(v), '', entityType, locale)).join(', ');
  return JSON.stringify(value);
}

/** Links between records that say nothing to a reader (the plan an action belongs to, the account). */
const STRUCTURAL = new Set(['id', 'planId', 'accountId', 'authorId', 'previousPlanId']);

/** The changes worth showing a person: structural links left out. */
export function visibleChanges<T extends AuditChangeView>(changes: readonly T[]): T[] {
  return changes.filter((c) => !STRUCTURAL.has(c.field));
}

/** Who made a change; the API names nobody for the command line, system jobs and people the viewer may not see. */
export function actorLabel(entry: Pick<AuditEntryView, 'actor'>): string {
  return entry.actor?.name ?? m.audit_by_system();
}
