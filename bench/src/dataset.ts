import { createHash } from 'node:crypto';
import type { Database } from '../../apps/api/src/config.js';
import { newId } from '../../apps/api/src/db/ids.js';
import { hashPassword } from '../../apps/api/src/modules/auth/passwords.js';
import { openBulkWriter, type TableWriter, type Value } from './bulk.js';

export const BENCH_PASSWORD = 'bench-password-2026';

export interface DatasetSize {
  readonly teams: number;
  readonly kamsPerTeam: number;
  readonly accounts: number;
  readonly visits: number;
  readonly kpisPerAccount: number;
  readonly measurementsPerKpi: number;
  readonly stakeholdersPerAccount: number;
  readonly objectivesPerPlan: number;
  readonly actionsPerPlan: number;
  readonly opportunitiesPerAccount: number;
}

export const SIZES: Record<'full' | 'smoke', DatasetSize> = {
  // 50 KAMs in 5 teams, 20 accounts each; 100 visits and 5 KPIs × 200 weekly values per account.
  full: {
    teams: 5,
    kamsPerTeam: 10,
    accounts: 1_000,
    visits: 100_000,
    kpisPerAccount: 5,
    measurementsPerKpi: 200,
    stakeholdersPerAccount: 8,
    objectivesPerPlan: 4,
    actionsPerPlan: 12,
    opportunitiesPerAccount: 3,
  },
  smoke: {
    teams: 2,
    kamsPerTeam: 2,
    accounts: 16,
    visits: 320,
    kpisPerAccount: 3,
    measurementsPerKpi: 30,
    stakeholdersPerAccount: 4,
    objectivesPerPlan: 2,
    actionsPerPlan: 6,
    opportunitiesPerAccount: 2,
  },
};

/** What the load needs to know about the generated data. */
export interface Dataset {
  readonly counts: Record<string, number>;
  readonly seconds: number;
  /** The KAM whose phone is simulated, and the manager whose portfolio is read. */
  readonly kam: { readonly email: string; readonly accountIds: readonly string[] };
  readonly manager: { readonly email: string };
  /** Stakeholders of each of the KAM's accounts (for the visits they log). */
  readonly stakeholdersByAccount: Readonly<Record<string, readonly string[]>>;
}

/** A small deterministic PRNG (mulberry32): the same dataset on every run and database. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const CHAINS = [
  'Supermercados',
  'Hipermercados',
  'Distribuciones',
  'Cash & Carry',
  'Farmacias',
  'Hostelería',
  'Catering',
  'Tiendas Eco',
  'Vending',
  'Grupo Gourmet',
];
const PLACES = [
  'Norte',
  'Levante',
  'Cantábrico',
  'Sur',
  'Meseta',
  'Ebro',
  'Atlántico',
  'Sierra',
  'Valle',
  'Costa',
];
const SEGMENTS = ['Grocery retail', 'Food service', 'Pharmacy', 'Online', 'Convenience', 'Wholesale'];
const FIRST = ['Ana', 'Luis', 'Sofía', 'Marta', 'Jorge', 'Lucía', 'Pablo', 'Elena', 'Javier', 'Carmen'];
const LAST = ['García', 'Martín', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno', 'Álvarez'];
const KPI_TEMPLATES = [
  { name: 'Sell-out volume', unit: 'kg', direction: 'HIGHER_IS_BETTER', category: 'Sales', target: 12_000 },
  {
    name: 'Numeric distribution',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    category: 'Distribution',
    target: 85,
  },
  { name: 'On-time delivery', unit: '%', direction: 'HIGHER_IS_BETTER', category: 'Service', target: 97 },
  { name: 'Out-of-stock rate', unit: '%', direction: 'LOWER_IS_BETTER', category: 'Service', target: 2 },
  { name: 'Promotion ROI', unit: 'ratio', direction: 'HIGHER_IS_BETTER', category: 'Marketing', target: 1.4 },
] as const;

/**
 * Generates the bench dataset into a freshly migrated database: teams with managers, KAMs,
 * accounts with supporters and three years of revenue, profiles, stakeholders, KPI definitions with
 * weekly values, an active and a closed plan per account with targets, objectives, actions and
 * their logs, opportunities, visits with the stakeholders met, and their audit entries.
 */
export async function generateDataset(database: Database, size: DatasetSize): Promise<Dataset> {
  const started = performance.now();
  const rand = random(20_261_127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const now = Date.now();
  const thisYear = new Date(now).getUTCFullYear();
  const writer = await openBulkWriter(database);
  const counts: Record<string, number> = {};
  const table = async (name: string, columns: readonly string[], fill: (t: TableWriter) => Promise<void>) => {
    const t = await writer.table(name, columns);
    await fill(t);
    await t.flush();
    counts[name] = t.count;
  };
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const created = new Date(now - 4 * 365 * DAY);

    // --- teams, managers, KAMs ---------------------------------------------------------------
    const teams = Array.from({ length: size.teams }, (_, i) => ({
      id: newId(),
      name: `Bench team ${i + 1}`,
    }));
    const managers = teams.map((team, i) => ({
      id: newId(),
      team,
      email: `manager${pad(i + 1, 2)}@bench.clave.dev`,
    }));
    const kams = teams.flatMap((team, t) =>
      Array.from({ length: size.kamsPerTeam }, (_, k) => ({
        id: newId(),
        team,
        email: `kam${pad(t * size.kamsPerTeam + k + 1, 2)}@bench.clave.dev`,
      })),
    );
    await table('team', ['id', 'name', 'manager_id', 'created_at'], async (t) => {
      for (const team of teams) await t.add([team.id, team.name, null, created]);
    });
    const userColumns = [
      'id',
      'email',
      'name',
      'role',
      'team_id',
      'password_hash',
      'active',
      'created_at',
      'updated_at',
    ];
    await table('app_user', userColumns, async (t) => {
      for (const m of managers) {
        await t.add([
          m.id,
          m.email,
          `${pick(FIRST)} ${pick(LAST)}`,
          'MANAGER',
          null,
          passwordHash,
          true,
          created,
          created,
        ]);
      }
      for (const k of kams) {
        await t.add([
          k.id,
          k.email,
          `${pick(FIRST)} ${pick(LAST)}`,
          'KAM',
          k.team.id,
          passwordHash,
          true,
          created,
          created,
        ]);
      }
    });
    const placeholder = writer.dialect === 'postgres' ? (n: number) => `$${n}` : () => '?';
    for (const m of managers) {
      await writer.execute(`update team set manager_id = ${placeholder(1)} where id = ${placeholder(2)}`, [
        m.id,
        m.team.id,
      ]);
    }

    // --- accounts ------------------------------------------------------------------------------
    const tiers = ['STRATEGIC', 'KEY', 'KEY', 'DEVELOPMENT', 'DEVELOPMENT'] as const;
    const accounts = Array.from({ length: size.accounts }, (_, i) => {
      const owner = kams[i % kams.length] as (typeof kams)[number];
      const teammates = kams.filter((k) => k.team === owner.team && k !== owner);
      const tier = tiers[i % tiers.length] as (typeof tiers)[number];
      return {
        id: newId(),
        name: `${pick(CHAINS)} ${pick(PLACES)} ${pad(i + 1, 4)}`,
        owner,
        supporter: teammates.length ? teammates[i % teammates.length] : undefined,
        tier,
        cadence: tier === 'STRATEGIC' ? 14 : tier === 'KEY' ? 30 : 60,
        archived: i % 50 === 49,
        // Revenue falls with rank like a real portfolio: a few accounts carry much of it.
        revenue: Math.round(40_000_000 / (i + 1) ** 0.9 + rand() * 50_000),
      };
    });
    await table(
      'account',
      [
        'id',
        'name',
        'segment',
        'tier',
        'status',
        'owner_id',
        'visit_cadence_days',
        'created_at',
        'updated_at',
        'archived_at',
      ],
      async (t) => {
        for (const a of accounts) {
          const archivedAt = a.archived ? new Date(now - 90 * DAY) : null;
          await t.add([
            a.id,
            a.name,
            pick(SEGMENTS),
            a.tier,
            a.archived ? 'ARCHIVED' : 'ACTIVE',
            a.owner.id,
            a.cadence,
            created,
            archivedAt ?? created,
            archivedAt,
          ]);
        }
      },
    );
    await table('account_supporter', ['account_id', 'user_id'], async (t) => {
      for (const a of accounts) if (a.supporter) await t.add([a.id, a.supporter.id]);
    });
    await table('account_revenue', ['id', 'account_id', 'year', 'amount', 'updated_at'], async (t) => {
      for (const a of accounts) {
        for (let y = thisYear - 3; y < thisYear; y++) {
          const growth = 1 + (y - thisYear + 2) * 0.04;
          await t.add([newId(), a.id, y, Math.round(a.revenue * growth * 100) / 100, created]);
        }
      }
    });
    const profileText = 'Cadena con fuerte presencia regional; prioriza frescos y marca propia.';
    await table(
      'account_profile',
      [
        'id',
        'account_id',
        'history',
        'mission',
        'vision',
        'strategies',
        'objectives',
        'current_needs',
        'future_needs',
        'fears',
        'threats',
        'version',
        'updated_at',
        'updated_by_id',
      ],
      async (t) => {
        for (const a of accounts) {
          await t.add([
            a.id,
            a.id,
            profileText,
            'Alimentar bien a sus clientes.',
            'Líder regional en frescos.',
            'Marca propia y proximidad.',
            'Crecer un 8 % en lácteos.',
            'Surtido sin lactosa y entregas diarias.',
            'Envases reciclables en 2027.',
            'Roturas de stock en promoción.',
            'Entrada de discounters.',
            3,
            created,
            a.owner.id,
          ]);
        }
      },
    );

    // --- stakeholders -------------------------------------------------------------------------
    const stakeholdersOf = new Map<string, string[]>();
    const roles = ['DECISION_MAKER', 'INFLUENCER', 'USER', 'GATEKEEPER'] as const;
    const attitudes = ['CHAMPION', 'SUPPORTER', 'NEUTRAL', 'DETRACTOR'] as const;
    await table(
      'stakeholder',
      [
        'id',
        'account_id',
        'name',
        'title',
        'decision_role',
        'attitude',
        'reports_to_id',
        'email',
        'phone',
        'archived_at',
        'version',
        'created_at',
        'updated_at',
      ],
      async (t) => {
        for (const a of accounts) {
          const ids: string[] = [];
          for (let s = 0; s < size.stakeholdersPerAccount; s++) {
            const id = newId();
            ids.push(id);
            await t.add([
              id,
              a.id,
              `${pick(FIRST)} ${pick(LAST)}`,
              s === 0 ? 'Directora de compras' : 'Jefe de categoría',
              pick(roles),
              pick(attitudes),
              s === 0 ? null : (ids[0] ?? null),
              null,
              null,
              null,
              1,
              created,
              created,
            ]);
          }
          stakeholdersOf.set(a.id, ids);
        }
      },
    );

    // --- KPIs ------------------------------------------------------------------------------------
    const kpiColumns = [
      'name',
      'unit',
      'direction',
      'frequency',
      'target',
      'amber_threshold',
      'red_threshold',
      'category',
      'description',
    ];
    const templates = KPI_TEMPLATES.map((k) => ({ ...k, id: newId() }));
    await table(
      'kpi_template',
      ['id', ...kpiColumns, 'active', 'created_at', 'updated_at', 'version'],
      async (t) => {
        for (const k of templates) {
          await t.add([
            k.id,
            k.name,
            k.unit,
            k.direction,
            'WEEKLY',
            k.target,
            null,
            null,
            k.category,
            null,
            true,
            created,
            created,
            1,
          ]);
        }
      },
    );
    const definitions: { id: string; target: number }[] = [];
    await table(
      'kpi_definition',
      ['id', 'account_id', 'template_id', ...kpiColumns, 'archived', 'created_at', 'updated_at', 'version'],
      async (t) => {
        for (const a of accounts) {
          for (let k = 0; k < size.kpisPerAccount; k++) {
            const template = templates[k % templates.length] as (typeof templates)[number];
            const id = newId();
            definitions.push({ id, target: template.target });
            await t.add([
              id,
              a.id,
              template.id,
              template.name,
              template.unit,
              template.direction,
              'WEEKLY',
              template.target,
              null,
              null,
              template.category,
              null,
              false,
              created,
              created,
              1,
            ]);
          }
        }
      },
    );
    // Weekly values ending this ISO week (periods start on Mondays).
    const today = new Date(now);
    const monday =
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
      ((today.getUTCDay() + 6) % 7) * DAY;
    await table(
      'kpi_measurement',
      ['id', 'definition_id', 'period_start', 'value', 'source', 'recorded_by_id', 'recorded_at'],
      async (t) => {
        for (const d of definitions) {
          for (let w = size.measurementsPerKpi - 1; w >= 0; w--) {
            const start = monday - w * 7 * DAY;
            const value = Math.round(d.target * (0.8 + rand() * 0.35) * 100) / 100;
            await t.add([newId(), d.id, isoDay(start), value, 'IMPORT', null, new Date(start + 7 * DAY)]);
          }
        }
      },
    );

    // --- plans -----------------------------------------------------------------------------------
    const month = (offset: number) => {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}`;
    };
    const plans = accounts.flatMap((a) => [
      { id: newId(), account: a, active: true, start: -6 },
      { id: newId(), account: a, active: false, start: -24 },
    ]);
    await table(
      'account_plan',
      [
        'id',
        'account_id',
        'title',
        'status',
        'active_account_id',
        'start_month',
        'horizon_months',
        'company_objectives',
        'client_needs',
        'market_opportunities',
        'created_by_id',
        'previous_plan_id',
        'activated_at',
        'closed_at',
        'created_at',
        'updated_at',
        'version',
      ],
      async (t) => {
        for (const p of plans) {
          const active = p.active;
          await t.add([
            p.id,
            p.account.id,
            `Plan ${month(p.start)}`,
            active ? 'ACTIVE' : 'CLOSED',
            active ? p.account.id : null,
            month(p.start),
            18,
            'Crecer en lácteos frescos.',
            'Surtido sin lactosa.',
            'Marca propia premium.',
            p.account.owner.id,
            null,
            created,
            active ? null : new Date(now - 200 * DAY),
            created,
            created,
            2,
          ]);
        }
      },
    );
    await table('plan_revenue_target', ['id', 'plan_id', 'period', 'amount'], async (t) => {
      for (const p of plans) {
        if (!p.active) continue;
        for (let m = 0; m < 18; m++)
          await t.add([newId(), p.id, month(p.start + m), Math.round(p.account.revenue / 12)]);
      }
    });
    const objectivesOf = new Map<string, string[]>();
    await table(
      'objective',
      [
        'id',
        'plan_id',
        'title',
        'description',
        'kpi_definition_id',
        'target_value',
        'target_date',
        'status',
        'carried_from_id',
        'created_at',
        'updated_at',
        'version',
      ],
      async (t) => {
        for (const p of plans) {
          const ids: string[] = [];
          for (let o = 0; o < size.objectivesPerPlan; o++) {
            const id = newId();
            ids.push(id);
            await t.add([
              id,
              p.id,
              `Objetivo ${o + 1}`,
              'Crecer la categoría.',
              null,
              null,
              null,
              p.active ? 'OPEN' : 'ACHIEVED',
              null,
              created,
              created,
              1,
            ]);
          }
          objectivesOf.set(p.id, ids);
        }
      },
    );
    const actions: { id: string; owner: string; status: string; progress: number; due: string }[] = [];
    await table(
      'plan_action',
      [
        'id',
        'plan_id',
        'account_id',
        'objective_id',
        'title',
        'description',
        'owner_id',
        'due_date',
        'status',
        'progress',
        'completed_at',
        'source',
        'carried_from_id',
        'created_at',
        'updated_at',
        'version',
      ],
      async (t) => {
        for (const p of plans) {
          const count = p.active ? size.actionsPerPlan : Math.ceil(size.actionsPerPlan / 2);
          for (let n = 0; n < count; n++) {
            const dueMs = p.active
              ? now + Math.round((rand() * 270 - 90) * DAY)
              : now - Math.round((200 + rand() * 300) * DAY);
            const past = dueMs < now;
            const status = !p.active
              ? rand() < 0.85
                ? 'DONE'
                : 'CANCELLED'
              : past
                ? rand() < 0.7
                  ? 'DONE'
                  : rand() < 0.5
                    ? 'BLOCKED'
                    : 'IN_PROGRESS'
                : rand() < 0.3
                  ? 'IN_PROGRESS'
                  : 'PLANNED';
            const progress = status === 'DONE' ? 100 : status === 'PLANNED' ? 0 : Math.round(rand() * 90);
            const id = newId();
            const due = isoDay(dueMs);
            actions.push({ id, owner: p.account.owner.id, status, progress, due });
            const objective = objectivesOf.get(p.id)?.[n % size.objectivesPerPlan] ?? null;
            await t.add([
              id,
              p.id,
              p.account.id,
              objective,
              `Acción ${n + 1}: degustación en tienda`,
              'Preparar material y calendario.',
              p.account.owner.id,
              due,
              status,
              progress,
              status === 'DONE' ? new Date(dueMs - DAY) : null,
              'PLAN',
              null,
              created,
              created,
              1,
            ]);
          }
        }
      },
    );
    await table(
      'plan_action_update',
      [
        'id',
        'action_id',
        'author_id',
        'at',
        'from_status',
        'to_status',
        'from_progress',
        'to_progress',
        'note',
      ],
      async (t) => {
        for (const a of actions)
          await t.add([newId(), a.id, a.owner, created, null, a.status, null, a.progress, '']);
      },
    );
    const stages = ['IDEA', 'QUALIFIED', 'PROPOSED', 'AGREED', 'WON', 'LOST'] as const;
    await table(
      'opportunity',
      [
        'id',
        'account_id',
        'title',
        'description',
        'value_for_us',
        'value_for_client',
        'estimated_revenue',
        'probability',
        'stage',
        'owner_id',
        'created_at',
        'updated_at',
        'version',
      ],
      async (t) => {
        for (const a of accounts) {
          for (let o = 0; o < size.opportunitiesPerAccount; o++) {
            await t.add([
              newId(),
              a.id,
              `Lineal de postres ${o + 1}`,
              'Ampliar surtido.',
              'Volumen.',
              'Margen.',
              Math.round(rand() * 500_000),
              Math.round(rand() * 100),
              pick(stages),
              a.owner.id,
              created,
              created,
              1,
            ]);
          }
        }
      },
    );

    // --- visits ----------------------------------------------------------------------------------
    const visits: {
      id: string;
      account: (typeof accounts)[number];
      kam: string;
      at: Date;
      stakeholders: string[];
    }[] = [];
    const kinds = ['IN_PERSON', 'IN_PERSON', 'VIDEO', 'PHONE'] as const;
    await table(
      'visit',
      [
        'id',
        'account_id',
        'kam_id',
        'occurred_at',
        'kind',
        'purpose',
        'notes',
        'outcomes',
        'acceptance',
        'location_lat',
        'location_lng',
        'location_label',
        'next_steps',
        'created_action_ids',
        'content_hash',
        'created_at',
      ],
      async (t) => {
        for (let v = 0; v < size.visits; v++) {
          const account = accounts[v % accounts.length] as (typeof accounts)[number];
          // Three years of visits; every tenth account has not been visited for a while.
          const ageDays = (account.archived || (v % accounts.length) % 10 === 3 ? 120 : 1) + rand() * 1_095;
          const at = new Date(now - Math.round(ageDays * DAY));
          const kam = account.supporter && rand() < 0.1 ? account.supporter.id : account.owner.id;
          const met = (stakeholdersOf.get(account.id) ?? []).slice(0, 1 + Math.floor(rand() * 2));
          const id = newId();
          visits.push({ id, account, kam, at, stakeholders: met });
          await t.add([
            id,
            account.id,
            kam,
            at,
            pick(kinds),
            'Revisión de surtido y promociones',
            'Notas de la visita.',
            'Acuerdo para degustación.',
            2 + Math.floor(rand() * 4),
            null,
            null,
            null,
            [],
            [],
            createHash('sha256').update(id).digest('hex'),
            at,
          ]);
        }
      },
    );
    await table('visit_stakeholder', ['visit_id', 'stakeholder_id'], async (t) => {
      for (const v of visits) for (const s of v.stakeholders) await t.add([v.id, s]);
    });
    await table(
      'audit_entry',
      ['id', 'actor_id', 'at', 'entity_type', 'entity_id', 'action', 'before', 'after'],
      async (t) => {
        for (const v of visits) {
          const after: Value = {
            accountId: v.account.id,
            occurredAt: v.at.toISOString(),
            stakeholderIds: v.stakeholders,
          };
          await t.add([newId(), v.kam, v.at, 'Visit', v.id, 'CREATE', null, after]);
        }
      },
    );
    await writer.finish();
    const kam = kams[0] as (typeof kams)[number];
    const kamAccounts = accounts.filter((a) => a.owner === kam && !a.archived).map((a) => a.id);
    return {
      counts,
      seconds: (performance.now() - started) / 1000,
      kam: { email: kam.email, accountIds: kamAccounts },
      manager: { email: (managers[0] as (typeof managers)[number]).email },
      stakeholdersByAccount: Object.fromEntries(kamAccounts.map((id) => [id, stakeholdersOf.get(id) ?? []])),
    };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
