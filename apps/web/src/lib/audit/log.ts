/** The audit log's filter, as the URL carries it (`?account=…&person=…&kind=…&from=YYYY-MM-DD&to=…`). */
export interface AuditLogFilter {
  account?: string;
  person?: string;
  kind?: string;
  /** Calendar days in the viewer's time zone, both included. */
  from?: string;
  to?: string;
}

/** The kinds of change a person can filter by, in this order. */
export const AUDIT_KINDS = [
  'Account',
  'AccountProfile',
  'AccountRevenue',
  'AccountMonthlyRevenue',
  'AccountPlan',
  'Objective',
  'PlanAction',
  'Stakeholder',
  'KpiDefinition',
  'KpiMeasurement',
  'Opportunity',
  'Visit',
  'ResourceRequest',
] as const;

const PARAMS = ['account', 'person', 'kind', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function logFilterFromParams(params: URLSearchParams): AuditLogFilter {
  const filter: AuditLogFilter = {};
  for (const name of PARAMS) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    if ((name === 'from' || name === 'to') && !DAY.test(value)) continue;
    if (name === 'kind' && !(AUDIT_KINDS as readonly string[]).includes(value)) continue;
    filter[name] = value;
  }
  return filter;
}

export function logFilterSearch(filter: AuditLogFilter): string {
  const params = new URLSearchParams();
  for (const name of PARAMS) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filter as the API takes it: a day range becomes the instants from its first to its last millisecond, locally. */
export function logVariables(filter: AuditLogFilter) {
  return {
    accountId: filter.account ?? null,
    actorId: filter.person ?? null,
    entityType: filter.kind ?? null,
    from: filter.from ? new Date(`${filter.from}T00:00:00`).toISOString() : null,
    to: filter.to ? new Date(`${filter.to}T23:59:59.999`).toISOString() : null,
  };
}
