import { addDays, type KpiDirection, type KpiSource, periodStart, toEpochDay } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import type { Account } from '../accounts/account.entity.js';
import { KpiDefinition, KpiTemplate } from './kpi.entity.js';

/*
 * Demo KPIs of Lácteos Sierra Norte: the company templates, KPIs for every account (more for the
 * big ones) and two years of weekly values with dairy seasonality (summer and Christmas peaks), a
 * trend, noise and a few gaps. A handful of accounts are in trouble on purpose so that the status
 * matrix shows some amber and red.
 */

type TemplateKey = 'sellIn' | 'sellOut' | 'shelf' | 'margin' | 'otif' | 'inventory' | 'promoRoi' | 'nps';

interface TemplateSeed {
  key: TemplateKey;
  name: string;
  unit: string;
  direction: KpiDirection;
  category: string;
  description: string;
  /** Company defaults; money and unit KPIs get theirs per account, from the account's size. */
  target: number | null;
  amber: number | null;
  red: number | null;
  source: KpiSource;
}

const TEMPLATES: TemplateSeed[] = [
  {
    key: 'sellIn',
    name: 'Ventas a cliente (sell-in, €)',
    unit: 'EUR',
    direction: 'HIGHER_IS_BETTER',
    category: 'Ventas',
    description: 'Ventas netas facturadas al cliente en la semana (ERP).',
    target: null,
    amber: null,
    red: null,
    source: 'IMPORT',
  },
  {
    key: 'sellOut',
    name: 'Ventas al consumidor (sell-out, uds.)',
    unit: 'uds.',
    direction: 'HIGHER_IS_BETTER',
    category: 'Ventas',
    description:
      'Unidades de nuestros productos vendidas al consumidor en las tiendas del cliente (datos del cliente).',
    target: null,
    amber: null,
    red: null,
    source: 'IMPORT',
  },
  {
    key: 'shelf',
    name: 'Cuota de lineal %',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    category: 'Lineal',
    description:
      'Parte del lineal de lácteos refrigerados que ocupan nuestras marcas, según las visitas a tienda.',
    target: 25,
    amber: 22,
    red: 18,
    source: 'MANUAL',
  },
  {
    key: 'margin',
    name: 'Margen bruto %',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    category: 'Rentabilidad',
    description: 'Margen bruto de las ventas al cliente, después de promociones y rappels.',
    target: 32,
    amber: 29,
    red: 27,
    source: 'MANUAL',
  },
  {
    key: 'otif',
    name: 'OTIF %',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    category: 'Cadena de suministro',
    description: 'Pedidos entregados a tiempo y completos (on time, in full).',
    target: 97,
    amber: 95,
    red: 92,
    source: 'IMPORT',
  },
  {
    key: 'inventory',
    name: 'Días de inventario',
    unit: 'días',
    direction: 'LOWER_IS_BETTER',
    category: 'Cadena de suministro',
    description: 'Días de nuestro stock en los almacenes del cliente al ritmo de venta actual.',
    target: 14,
    amber: 18,
    red: 24,
    source: 'IMPORT',
  },
  {
    key: 'promoRoi',
    name: 'ROI de promociones',
    unit: 'x',
    direction: 'HIGHER_IS_BETTER',
    category: 'Promociones',
    description: 'Beneficio bruto incremental de las promociones de la semana por euro invertido.',
    target: 1.5,
    amber: 1.2,
    red: 1,
    source: 'MANUAL',
  },
  {
    key: 'nps',
    name: 'NPS',
    unit: 'puntos',
    direction: 'HIGHER_IS_BETTER',
    category: 'Relación',
    description: 'Índice de recomendación (NPS) del equipo de compras del cliente, de la encuesta continua.',
    target: 40,
    amber: 30,
    red: 15,
    source: 'MANUAL',
  },
];

const BY_TIER: Record<Account['tier'], TemplateKey[]> = {
  STRATEGIC: ['sellIn', 'sellOut', 'shelf', 'margin', 'otif', 'inventory', 'promoRoi', 'nps'],
  KEY: ['sellIn', 'sellOut', 'margin', 'otif', 'inventory', 'nps'],
  DEVELOPMENT: ['sellIn', 'otif', 'margin'],
};

/** Approximate yearly revenue with us, for the scale of the money and unit KPIs. */
const ANNUAL_REVENUE: Record<string, number> = {
  'Supermercados Alba': 26_300_000,
  HiperNorte: 7_200_000,
  'Distribuciones Cantábrico': 3_720_000,
  'Coop Valle Verde': 2_240_000,
  'FreshMarket Europa': 3_950_000,
  'Grupo Hostelero Brisa': 1_810_000,
  'Cesta Online': 1_930_000,
  'Farmacias Salud+': 640_000,
  'EcoBio Tiendas': 575_000,
  'Vending Ibérica': 255_000,
  'Selecta Gourmet': 335_000,
  'Catering Escolar Sol': 505_000,
};

/**
 * KPIs that drift over the two years, from `start` to `end`: the level itself, or for sell-in a
 * multiple of the account's usual week.
 */
const TROUBLE: Record<string, Partial<Record<TemplateKey, { start: number; end: number }>>> = {
  HiperNorte: { otif: { start: 96.5, end: 89.5 } },
  'FreshMarket Europa': { otif: { start: 97, end: 93.8 } },
  'Cesta Online': { inventory: { start: 15, end: 21 } },
  'Coop Valle Verde': { margin: { start: 31, end: 25.5 } },
  'Vending Ibérica': { sellIn: { start: 1.05, end: 0.78 } },
};

interface MeasurementRow {
  id: string;
  definitionId: string;
  periodStart: string;
  value: number;
  source: KpiSource;
  recordedById: string | null;
  recordedAt: Date;
}

const WEEKS = 104;
/** Rows per INSERT: 7 parameters each stays well below SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 1000;

/** 0..1 bumps around mid-July (summer drinks and desserts) and the week before Christmas. */
function season(date: string): { summer: number; christmas: number } {
  const year = Number(date.slice(0, 4));
  const day = toEpochDay(date) - toEpochDay(`${year}-01-01`);
  return {
    summer: Math.exp(-(((day - 196) / 32) ** 2)),
    christmas: Math.exp(-(((day - 354) / 9) ** 2)),
  };
}

export async function seedKpis(em: EntityManager, { accounts, today, random }: DemoContext): Promise<void> {
  const templates = new Map<TemplateKey, KpiTemplate>();
  for (const t of TEMPLATES) {
    templates.set(
      t.key,
      em.create(KpiTemplate, {
        id: newId(),
        name: t.name,
        unit: t.unit,
        direction: t.direction,
        frequency: 'WEEKLY',
        target: t.target,
        amberThreshold: t.amber,
        redThreshold: t.red,
        category: t.category,
        description: t.description,
        active: true,
      }),
    );
  }

  const lastWeek = periodStart(today.toISOString().slice(0, 10), 'WEEKLY');
  const firstWeek = addDays(lastWeek, -7 * WEEKS);
  const recordedAt = today;
  const rows: MeasurementRow[] = [];
  const calendar = Array.from({ length: WEEKS + 1 }, (_, week) => {
    const date = addDays(firstWeek, 7 * week);
    return { date, ...season(date) };
  });
  for (const account of accounts.values()) {
    const weeklyRevenue = (ANNUAL_REVENUE[account.name] ?? 500_000) / 52;
    const trouble = TROUBLE[account.name] ?? {};
    for (const key of BY_TIER[account.tier]) {
      const t = TEMPLATES.find((x) => x.key === key) as TemplateSeed;
      const scale = key === 'sellIn' ? weeklyRevenue : key === 'sellOut' ? weeklyRevenue / 2.4 : null;
      const definition = em.create(KpiDefinition, {
        id: newId(),
        account,
        template: templates.get(key) as KpiTemplate,
        name: t.name,
        unit: t.unit,
        direction: t.direction,
        frequency: 'WEEKLY',
        target: scale ? Math.round(scale * 1.08) : t.target,
        amberThreshold: scale ? Math.round(scale * 0.92) : t.amber,
        redThreshold: scale ? Math.round(scale * 0.8) : t.red,
        category: t.category,
        description: t.description,
        archived: false,
      });
      const drift = trouble[key];
      const level = (t.target ?? 0) + (random() - 0.3) * 3;
      for (let week = 0; week <= WEEKS; week++) {
        const noise = random() - 0.5;
        // A few weeks never reported (a holiday, a late file): gaps, not zeros.
        if (random() < 0.025 && week < WEEKS) continue;
        const { date, summer, christmas } = calendar[week] as (typeof calendar)[number];
        const progress = week / WEEKS;
        let value: number;
        if (scale) {
          const growth = drift ? drift.start + (drift.end - drift.start) * progress : 1 + 0.07 * progress;
          value = Math.round(scale * growth * (1 + 0.18 * summer + 0.22 * christmas) * (1 + noise * 0.1));
        } else if (key === 'otif' || key === 'margin' || key === 'inventory') {
          const base = drift ? drift.start + (drift.end - drift.start) * progress : level;
          // Summer and Christmas strain the cold chain: OTIF dips, stock days rise.
          const strain = key === 'otif' ? -1.5 : key === 'inventory' ? 2 : -0.8;
          value = base + strain * Math.max(summer, christmas) + noise * (key === 'inventory' ? 2 : 1.2);
        } else if (key === 'shelf') {
          value = level + progress * 1.5 + noise * 1.5;
        } else if (key === 'promoRoi') {
          value = 1.45 + 0.25 * christmas + noise * 0.5;
        } else {
          value = 38 + progress * 6 + noise * 10;
        }
        rows.push({
          id: newId(),
          definitionId: definition.id,
          periodStart: date,
          value: Math.round(value * 100) / 100,
          source: t.source,
          recordedById: t.source === 'MANUAL' ? account.owner.id : null,
          recordedAt,
        });
      }
    }
  }
  await em.flush();
  await insertMeasurements(em, rows);
}

/**
 * Plain multi-row INSERTs inside the demo's transaction: thousands of rows through the unit of work
 * (or `insertMany`, which still maps each row) would slow every test file, which all load the demo.
 */
async function insertMeasurements(em: EntityManager, rows: readonly MeasurementRow[]): Promise<void> {
  const platform = em.getPlatform();
  const connection = em.getConnection();
  const columns = '(id, definition_id, period_start, value, source, recorded_by_id, recorded_at)';
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const params = chunk.flatMap((r) => [
      r.id,
      r.definitionId,
      r.periodStart,
      r.value,
      r.source,
      r.recordedById,
      platform.processDateProperty(r.recordedAt),
    ]);
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
    await connection.execute(
      `insert into kpi_measurement ${columns} values ${values}`,
      params,
      'run',
      em.getTransactionContext(),
    );
  }
}
