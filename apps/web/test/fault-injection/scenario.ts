// What the simulated people do: the demo data they work on, and the writes they make on their
// phones — valid ones, and a few the server must refuse.
import { periodStart } from '@clave/domain';
import type { Device } from './device';
import { gql, type Session } from './graphql';

/** Deterministic pseudo-random numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

export interface KpiRef {
  id: string;
  frequency: 'DAILY' | 'WEEKLY' | 'MONTHLY';
}

export interface AccountInfo {
  id: string;
  name: string;
  status: string;
  owner: string;
  supporters: string[];
  activePlanId: string | null;
  actions: { id: string; version: number; status: string }[];
  kpis: KpiRef[];
  stakeholders: string[];
}

const ACCOUNTS_QUERY = `{
  accounts(first: 100) {
    edges { node {
      id name status owner { email } supporters { email }
      activePlan { id actions { id version status } }
      kpis { id frequency archived }
      stakeholders { id }
    } }
  }
}`;

interface AccountsData {
  accounts: {
    edges: {
      node: {
        id: string;
        name: string;
        status: string;
        owner: { email: string };
        supporters: { email: string }[];
        activePlan: { id: string; actions: { id: string; version: number; status: string }[] } | null;
        kpis: { id: string; frequency: KpiRef['frequency']; archived: boolean }[];
        stakeholders: { id: string }[];
      };
    }[];
  };
}

/** Every account as the admin sees it. */
export async function readAccounts(admin: Session): Promise<AccountInfo[]> {
  const data = await gql<AccountsData>(admin, ACCOUNTS_QUERY);
  return data.accounts.edges.map(({ node }) => ({
    id: node.id,
    name: node.name,
    status: node.status,
    owner: node.owner.email,
    supporters: node.supporters.map((s) => s.email),
    activePlanId: node.activePlan?.id ?? null,
    actions: node.activePlan?.actions ?? [],
    kpis: node.kpis.filter((k) => !k.archived).map((k) => ({ id: k.id, frequency: k.frequency })),
    stakeholders: node.stakeholders.map((s) => s.id),
  }));
}

const OPEN = ['PLANNED', 'IN_PROGRESS', 'BLOCKED'] as const;

/** What one device writes to: its user's accounts, some of their open actions, their KPIs. */
export interface Workload {
  accounts: AccountInfo[];
  /** Open plan actions this device updates, with the version it last read. */
  actions: Map<string, number>;
  kpis: KpiRef[];
  /** A KPI of an account the user does not work on: writing it must be refused. */
  foreignKpi: KpiRef;
  /** An account the user does not work on: a visit to it must be refused. */
  foreignAccount: AccountInfo;
  /** The dates this device writes KPI values for (no other device uses them; no demo data there). */
  kpiDates: string[];
}

export function workloadFor(
  user: string,
  deviceIndex: number,
  accounts: readonly AccountInfo[],
  random: () => number,
): Workload {
  const email = `${user}@clave.dev`;
  const active = accounts.filter((a) => a.status === 'ACTIVE');
  const mine = active.filter((a) => a.owner === email || a.supporters.includes(email));
  const foreign = active.filter(
    (a) => a.owner !== email && !a.supporters.includes(email) && a.kpis.length > 0,
  );
  // Shared accounts first (Supermercados Alba: Ana owns it, Luis supports it), so that people
  // and devices contend for the same actions.
  const shared = mine.filter((a) => a.supporters.length > 0);
  const openActions = (list: AccountInfo[]) =>
    list.flatMap((a) => a.actions.filter((x) => (OPEN as readonly string[]).includes(x.status)));
  const actions = [
    ...openActions(shared).slice(0, 3),
    ...openActions(mine.filter((a) => !shared.includes(a))).slice(0, 3),
  ];
  // Each device its own dates, before the demo's KPI history (the last two years) and not before
  // the API's floor for KPI periods (1990-01-01): 1990 + 6 years per device, up to 2019. No date
  // of the first week of January: its week may start in the December before, in another device's
  // years (2002-01-01's week starts on 2001-12-31), and two devices sharing an account would then
  // write one period, which the reconciliation assumes never happens; it also keeps every week of
  // the first device on or after 1990-01-01.
  const kpiDates: string[] = [];
  const startYear = 1990 + deviceIndex * 6;
  for (let i = 0; i < 40; i++) {
    const year = startYear + Math.floor(random() * 6);
    const month = 1 + Math.floor(random() * 12);
    const firstDay = month === 1 ? 8 : 1;
    const day = firstDay + Math.floor(random() * (29 - firstDay));
    kpiDates.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  const foreignAccount = pick(random, foreign);
  return {
    accounts: mine,
    actions: new Map(actions.map((a) => [a.id, a.version])),
    kpis: mine.flatMap((a) => a.kpis),
    foreignKpi: pick(random, foreignAccount.kpis),
    foreignAccount,
    kpiDates,
  };
}

/** One write as the test made it, and what the server must do with it. */
export interface SentWrite {
  id: string;
  device: Device;
  kind: 'logVisit' | 'updatePlanAction' | 'recordKpiMeasurements';
  variables: Record<string, unknown>;
  /** Why the server must refuse it; undefined for a valid write. */
  invalid?: string;
}

const KINDS = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;
const WORDS = [
  'revisión',
  'surtido',
  'promoción',
  'lineal',
  'OTIF',
  'yogur',
  'queso',
  'niño',
  'façade',
  '北京',
  '🧀',
];

function text(random: () => number, words: number): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(' ');
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export function makeVisit(
  device: Device,
  work: Workload,
  random: () => number,
  n: number,
  invalid: boolean,
): SentWrite {
  const id = crypto.randomUUID();
  const account = invalid && random() < 0.5 ? work.foreignAccount : pick(random, work.accounts);
  const stakeholders = account.stakeholders.filter(() => random() < 0.2).slice(0, 3);
  const input: Record<string, unknown> = {
    id,
    accountId: account.id,
    occurredAt: new Date(Date.now() - Math.floor(random() * 30 * 86_400_000)).toISOString(),
    kind: pick(random, KINDS),
    purpose: `${device.name} visit ${n}: ${text(random, 3)}`,
    notes: text(random, 12),
    outcomes: text(random, 5),
    acceptance: 1 + Math.floor(random() * 5),
    stakeholderIds: stakeholders,
  };
  if (account.activePlanId && account !== work.foreignAccount && random() < 0.1) {
    input.nextSteps = [{ title: `FI step ${id}`, dueDate: isoDay(10 + Math.floor(random() * 60)) }];
  }
  let why: string | undefined;
  if (invalid) {
    if (account === work.foreignAccount) why = 'visit to an account the user does not work on';
    else {
      input.acceptance = 9;
      why = 'acceptance out of range';
    }
  }
  return { id, device, kind: 'logVisit', variables: { input }, ...(why ? { invalid: why } : {}) };
}

export function makeActionUpdate(
  device: Device,
  work: Workload,
  random: () => number,
  n: number,
  invalid: boolean,
): SentWrite {
  const id = crypto.randomUUID();
  const actionId = pick(random, [...work.actions.keys()]);
  const input: Record<string, unknown> = {
    expectedVersion: work.actions.get(actionId),
    status: pick(random, OPEN),
    progress: Math.floor(random() * 100),
    note: `FI ${device.name} #${n} ${id.slice(0, 8)} — ${text(random, 2)}`,
  };
  if (invalid) input.progress = 150;
  return {
    id,
    device,
    kind: 'updatePlanAction',
    variables: { id: actionId, input },
    ...(invalid ? { invalid: 'progress over 100' } : {}),
  };
}

export function makeKpiValues(
  device: Device,
  work: Workload,
  random: () => number,
  invalid: boolean,
): SentWrite {
  const id = crypto.randomUUID();
  const rows: { kpiDefinitionId: string; periodStart: string; value: number }[] = [];
  const seen = new Set<string>();
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const kpi = invalid && i === 0 ? work.foreignKpi : pick(random, work.kpis);
    const date = pick(random, work.kpiDates);
    const key = `${kpi.id}|${periodStart(date, kpi.frequency)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ kpiDefinitionId: kpi.id, periodStart: date, value: Math.round(random() * 1e6) / 100 });
  }
  return {
    id,
    device,
    kind: 'recordKpiMeasurements',
    variables: { input: { measurements: rows } },
    ...(invalid ? { invalid: 'KPI of an account the user does not work on' } : {}),
  };
}
