// The reconciliation: what the server holds, read through the API as the admin, against what the
// devices' outboxes reported. Returns every discrepancy found, in words.
import { periodStart } from '@clave/domain';
import type { OutboxEntry } from '$lib/offline/outbox.svelte';
import type { Device } from './device';
import { gql, type Session } from './graphql';
import type { AccountInfo, KpiRef, SentWrite } from './scenario';

// Devices write dates from 1990 to 2019 (see scenario.ts), each stored under its period's first
// day, never before 1990-01-01 (the API's floor); the range reaches past 2019 by a year, so a
// period stored later than any device wrote would still be read, and stops before the demo's
// KPI history (the last two years).
export const KPI_RANGE = { from: '1990-01-01', to: '2020-12-31' };

interface StoredVisit {
  uuid: string;
  purpose: string;
  notes: string;
  outcomes: string;
  acceptance: number;
  kind: string;
  occurredAt: string;
  stakeholders: { id: string }[];
  createdActions: { title: string }[];
}

const VISITS_PAGE = `query($id: ID!, $after: String) {
  node(id: $id) { ... on Account {
    visits(first: 50, after: $after) {
      edges { node { uuid purpose notes outcomes acceptance kind occurredAt stakeholders { id } createdActions { title } } }
      pageInfo { hasNextPage endCursor }
    }
  } }
}`;

/** Every visit of the accounts, by visit UUID, with how many times each UUID appears. */
export async function readVisits(
  admin: Session,
  accounts: readonly AccountInfo[],
): Promise<Map<string, { visit: StoredVisit; accountId: string; count: number }>> {
  const visits = new Map<string, { visit: StoredVisit; accountId: string; count: number }>();
  for (const account of accounts) {
    let after: string | null = null;
    for (;;) {
      const data: {
        node: {
          visits: { edges: { node: StoredVisit }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      } = await gql(admin, VISITS_PAGE, { id: account.id, after });
      for (const { node } of data.node.visits.edges) {
        const seen = visits.get(node.uuid);
        if (seen) seen.count++;
        else visits.set(node.uuid, { visit: node, accountId: account.id, count: 1 });
      }
      if (!data.node.visits.pageInfo.hasNextPage) break;
      after = data.node.visits.pageInfo.endCursor;
    }
  }
  return visits;
}

export interface ActionState {
  version: number;
  notes: string[];
  titles?: string[];
}

/** Version and update-log notes of each action. */
export async function readActions(admin: Session, ids: readonly string[]): Promise<Map<string, ActionState>> {
  const out = new Map<string, ActionState>();
  for (let i = 0; i < ids.length; i += 50) {
    const data = await gql<{
      nodes: ({ id: string; version: number; updates: { note: string }[] } | null)[];
    }>(
      admin,
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on PlanAction { id version updates { note } } } }',
      { ids: ids.slice(i, i + 50) },
    );
    for (const node of data.nodes) {
      if (node) out.set(node.id, { version: node.version, notes: node.updates.map((u) => u.note) });
    }
  }
  return out;
}

/** The titles of every action of each account's active plan (to count actions made by next steps). */
export async function readPlanTitles(admin: Session, accounts: readonly AccountInfo[]): Promise<string[]> {
  const ids = accounts.filter((a) => a.activePlanId).map((a) => a.activePlanId as string);
  const data = await gql<{ nodes: ({ actions: { title: string }[] } | null)[] }>(
    admin,
    'query($ids: [ID!]!) { nodes(ids: $ids) { ... on AccountPlan { actions { title } } } }',
    { ids },
  );
  return data.nodes.flatMap((n) => n?.actions.map((a) => a.title) ?? []);
}

/** Values stored in the test's KPI date range, by `definitionId|periodStart`. */
export async function readKpiValues(admin: Session, kpis: readonly KpiRef[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...new Set(kpis.map((k) => k.id))];
  for (let i = 0; i < ids.length; i += 20) {
    const data = await gql<{
      nodes: ({ id: string; measurements: { periodStart: string; value: number }[] } | null)[];
    }>(
      admin,
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on KpiDefinition { id measurements(from: "${KPI_RANGE.from}", to: "${KPI_RANGE.to}") { periodStart value } } } }`,
      { ids: ids.slice(i, i + 20) },
    );
    for (const node of data.nodes) {
      for (const m of node?.measurements ?? []) out.set(`${node?.id}|${m.periodStart}`, m.value);
    }
  }
  return out;
}

interface VisitInput {
  id: string;
  accountId: string;
  purpose: string;
  notes: string;
  outcomes: string;
  acceptance: number;
  kind: string;
  occurredAt: string;
  stakeholderIds: string[];
  nextSteps?: { title: string }[];
}

export interface Before {
  visitIds: Set<string>;
  actions: Map<string, ActionState>;
  planTitles: string[];
}

export interface Observed {
  visits: Awaited<ReturnType<typeof readVisits>>;
  actions: Map<string, ActionState>;
  planTitles: string[];
  kpiValues: Map<string, number>;
}

/**
 * Compares the server's data with the outboxes' reports. `sent` is every write the test enqueued
 * (by entry id), `discarded` the conflicting writes the simulated users dropped.
 */
export function reconcile(options: {
  devices: readonly Device[];
  sent: ReadonlyMap<string, SentWrite>;
  discarded: ReadonlySet<string>;
  before: Before;
  after: Observed;
  frequencies: ReadonlyMap<string, KpiRef['frequency']>;
}): { problems: string[]; applied: Record<SentWrite['kind'], number> } {
  const { devices, sent, discarded, before, after, frequencies } = options;
  const problems: string[] = [];
  const applied = { logVisit: 0, updatePlanAction: 0, recordKpiMeasurements: 0 };
  const reported = new Map<string, OutboxEntry>();
  for (const device of devices) {
    for (const { entry } of device.applied) {
      if (reported.has(entry.id)) problems.push(`${device.name}: write ${entry.id} reported applied twice`);
      reported.set(entry.id, entry);
      if (entry.kind in applied) applied[entry.kind as SentWrite['kind']]++;
      const write = sent.get(entry.id);
      if (!write) problems.push(`${device.name}: applied write ${entry.id} that the test never made`);
      else if (write.invalid)
        problems.push(`${device.name}: invalid write applied (${write.invalid}): ${entry.id}`);
      if (discarded.has(entry.id))
        problems.push(`${device.name}: write ${entry.id} both discarded and applied`);
    }
  }

  // Visits: every applied one stored once with its content; nothing else new.
  const appliedVisits = [...reported.values()].filter((e) => e.kind === 'logVisit');
  for (const entry of appliedVisits) {
    const input = entry.variables.input as VisitInput;
    const stored = after.visits.get(entry.id);
    if (!stored) {
      problems.push(`visit ${entry.id} reported applied but not stored (lost)`);
      continue;
    }
    if (stored.count !== 1) problems.push(`visit ${entry.id} stored ${stored.count} times`);
    const v = stored.visit;
    const same =
      stored.accountId === input.accountId &&
      v.purpose === input.purpose &&
      v.notes === input.notes &&
      v.outcomes === input.outcomes &&
      v.acceptance === input.acceptance &&
      v.kind === input.kind &&
      Date.parse(v.occurredAt) === Date.parse(input.occurredAt) &&
      [...v.stakeholders.map((s) => s.id)].sort().join() === [...input.stakeholderIds].sort().join();
    if (!same) problems.push(`visit ${entry.id} stored with other content: ${JSON.stringify(v)}`);
    const steps = input.nextSteps ?? [];
    if (v.createdActions.length !== steps.length)
      problems.push(
        `visit ${entry.id} made ${v.createdActions.length} actions for ${steps.length} next steps`,
      );
  }
  const appliedVisitIds = new Set(appliedVisits.map((e) => e.id));
  for (const uuid of after.visits.keys()) {
    if (!before.visitIds.has(uuid) && !appliedVisitIds.has(uuid))
      problems.push(
        `visit ${uuid} stored but no device reported it applied (${describeWrite(sent.get(uuid))})`,
      );
  }
  // Next steps: each applied visit's step is one action of the plan; no other step action appeared.
  const stepTitles = new Map<string, number>();
  for (const title of after.planTitles) {
    if (title.startsWith('FI step ')) stepTitles.set(title, (stepTitles.get(title) ?? 0) + 1);
  }
  const expectedSteps = new Set(
    appliedVisits.flatMap((e) => ((e.variables.input as VisitInput).nextSteps ?? []).map((s) => s.title)),
  );
  for (const [title, count] of stepTitles) {
    if (!expectedSteps.has(title))
      problems.push(`plan action "${title}" made by a visit no device reported applied`);
    else if (count !== 1) problems.push(`plan action "${title}" made ${count} times`);
  }
  for (const title of expectedSteps) {
    if (!stepTitles.has(title)) problems.push(`plan action "${title}" of an applied visit is missing`);
  }

  // Action updates: each applied one once in its action's log, no other test note there, and the
  // version moved by exactly the number of updates applied.
  const appliedUpdates = [...reported.values()].filter((e) => e.kind === 'updatePlanAction');
  const byAction = new Map<string, OutboxEntry[]>();
  for (const entry of appliedUpdates) {
    const actionId = entry.variables.id as string;
    byAction.set(actionId, [...(byAction.get(actionId) ?? []), entry]);
  }
  for (const [actionId, state] of after.actions) {
    const initial = before.actions.get(actionId);
    const updates = byAction.get(actionId) ?? [];
    const expectedNotes = new Set(updates.map((e) => (e.variables.input as { note: string }).note));
    const counts = new Map<string, number>();
    for (const note of state.notes) {
      if (note.startsWith('FI ')) counts.set(note, (counts.get(note) ?? 0) + 1);
    }
    for (const note of expectedNotes) {
      const count = counts.get(note) ?? 0;
      if (count !== 1)
        problems.push(`action ${actionId}: applied update "${note}" is in its log ${count} times`);
    }
    for (const [note, count] of counts) {
      if (!expectedNotes.has(note))
        problems.push(
          `action ${actionId}: update "${note}" (×${count}) in the log but no device reported it applied`,
        );
    }
    if (initial && state.version - initial.version !== updates.length)
      problems.push(
        `action ${actionId}: version went from ${initial.version} to ${state.version} for ${updates.length} applied updates`,
      );
  }

  // KPI values: per definition and period, the value of the last write applied (each period is
  // written by one device only, which sends its writes to one KPI in order).
  const expectedKpis = new Map<string, number>();
  for (const device of devices) {
    for (const { entry } of device.applied) {
      if (entry.kind !== 'recordKpiMeasurements') continue;
      const rows = (
        entry.variables.input as {
          measurements: { kpiDefinitionId: string; periodStart: string; value: number }[];
        }
      ).measurements;
      for (const row of rows) {
        const frequency = frequencies.get(row.kpiDefinitionId) ?? 'DAILY';
        expectedKpis.set(`${row.kpiDefinitionId}|${periodStart(row.periodStart, frequency)}`, row.value);
      }
    }
  }
  for (const [key, value] of expectedKpis) {
    const stored = after.kpiValues.get(key);
    if (stored === undefined)
      problems.push(`KPI value ${key} = ${value} reported applied but not stored (lost)`);
    else if (stored !== value)
      problems.push(`KPI value ${key} is ${stored}, the last write applied says ${value}`);
  }
  for (const key of after.kpiValues.keys()) {
    if (!expectedKpis.has(key)) problems.push(`KPI value ${key} stored but no device reported it applied`);
  }
  return { problems, applied };
}

function describeWrite(write: SentWrite | undefined): string {
  if (!write) return 'never made by the test';
  return `${write.device.name}'s ${write.kind}${write.invalid ? `, invalid: ${write.invalid}` : ''}`;
}
