import {
  type ActionStatus,
  addDays,
  addMonths,
  daysBetween,
  type ObjectiveStatus,
  type PlanInput,
  planHorizon,
} from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { type Account, AccountRevenue } from '../accounts/account.entity.js';
import { KpiDefinition } from '../kpis/kpi.entity.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import type { User } from '../users/user.entity.js';
import {
  AccountPlan,
  Objective,
  ObjectiveOpportunity,
  PlanAction,
  PlanActionUpdate,
  PlanRevenueTarget,
} from './plan.entity.js';

/*
 * Demo account plans of Lácteos Sierra Norte (a Spanish dairy company, so in Spanish): an ACTIVE
 * 18-month plan for every STRATEGIC and KEY account with monthly revenue targets, objectives that
 * say which of the three inputs they answer (and which opportunities), some measured by the
 * account's KPIs, and actions in every state. Two accounts also keep the CLOSED plan their active
 * one was rolled from.
 */

const COMPANY: PlanInput = 'COMPANY_OBJECTIVES';
const CLIENT: PlanInput = 'CLIENT_NEEDS';
const MARKET: PlanInput = 'MARKET_OPPORTUNITIES';

interface DemoObjective {
  readonly title: string;
  readonly answers: readonly PlanInput[];
  /**
   * The account KPI (by its demo name) that measures it and the target on that KPI's scale; 'kpi'
   * takes the KPI's own target (money and unit KPIs are scaled per account).
   */
  readonly kpi?: { readonly name: string; readonly target: number | 'kpi' };
  /** Titles of the account's demo opportunities it answers. */
  readonly opportunities?: readonly string[];
}

interface PreviousPlan {
  /** The objectives of the closed plan; OPEN ones with the title of an active objective were carried over. */
  readonly objectives: readonly { readonly title: string; readonly status: ObjectiveStatus }[];
}

interface DemoPlan {
  readonly account: string;
  readonly monthsAgo: number;
  /** The yearly growth the monthly revenue targets aim at, over the last complete year's revenue. */
  readonly targetGrowth: number;
  readonly inputs: readonly [string, string, string];
  readonly objectives: readonly DemoObjective[];
  readonly previous?: PreviousPlan;
}

const SHELF = 'Cuota de lineal %';
const OTIF = 'OTIF %';
const SELL_IN = 'Ventas a cliente (sell-in, €)';
const MARGIN = 'Margen bruto %';
const INVENTORY = 'Días de inventario';
const NPS = 'NPS';

const PLANS: readonly DemoPlan[] = [
  {
    account: 'Supermercados Alba',
    monthsAgo: 7,
    targetGrowth: 0.06,
    inputs: [
      'Consolidar Lácteos Sierra Norte como primer proveedor de lácteos frescos de Alba y reducir la dependencia de promociones.',
      'Alba quiere diferenciarse con surtido local y saludable, reducir roturas de stock en tienda y mejorar el margen de la categoría.',
      'Crecimiento del sin lactosa (+12 % anual) y del yogur proteico; la marca blanca presiona los precios del yogur básico.',
    ],
    objectives: [
      {
        title: 'Lanzar la gama de yogures sin lactosa en 120 tiendas',
        answers: [CLIENT, MARKET],
        opportunities: ['Gama sin lactosa en exclusiva'],
      },
      {
        title: 'Reducir las roturas de stock de frescos por debajo del 2 %',
        answers: [CLIENT],
        kpi: { name: OTIF, target: 98 },
        opportunities: ['Reposición automática con datos de sell-out'],
      },
      {
        title: 'Aumentar la cuota en la categoría de yogures al 24 %',
        answers: [COMPANY, MARKET],
        kpi: { name: SHELF, target: 24 },
      },
      {
        title: 'Implantar la reposición colaborativa con el centro logístico de Burgos',
        answers: [CLIENT],
        kpi: { name: INVENTORY, target: 12 },
        opportunities: ['Reposición automática con datos de sell-out'],
      },
      {
        title: 'Cerrar el acuerdo anual de marca propia de kéfir',
        answers: [COMPANY],
        kpi: { name: SELL_IN, target: 'kpi' },
        opportunities: ['Promoción conjunta Navidad'],
      },
    ],
    previous: {
      objectives: [
        { title: 'Recuperar la exclusiva de yogur natural en la región norte', status: 'ACHIEVED' },
        { title: 'Entrar en el surtido de postres refrigerados', status: 'ACHIEVED' },
        { title: 'Abrir el canal de venta online de Alba', status: 'DROPPED' },
        { title: 'Aumentar la cuota en la categoría de yogures al 24 %', status: 'OPEN' },
      ],
    },
  },
  {
    account: 'HiperNorte',
    monthsAgo: 5,
    targetGrowth: 0.08,
    inputs: [
      'Recuperar el volumen perdido en 2024 y entrar en la sección de quesos al corte.',
      'HiperNorte busca productos de proximidad para su campaña "Hecho en el Norte" y menos referencias con baja rotación.',
      'Los hipermercados pierden visitas frente al súper de proximidad; la campaña regional es una oportunidad de visibilidad.',
    ],
    objectives: [
      {
        title: 'Entrar con tres quesos al corte en 40 hipermercados',
        answers: [COMPANY, CLIENT],
        opportunities: ['Espacio refrigerado compartido en hipermercados'],
      },
      { title: 'Ser proveedor destacado de la campaña "Hecho en el Norte"', answers: [CLIENT, MARKET] },
      {
        title: 'Racionalizar el surtido: retirar 6 referencias de baja rotación',
        answers: [CLIENT],
        kpi: { name: OTIF, target: 96 },
      },
      {
        title: 'Crecer un 5 % en facturación anual',
        answers: [COMPANY],
        kpi: { name: SELL_IN, target: 'kpi' },
        opportunities: ['Marca propia de yogur griego'],
      },
    ],
    previous: {
      objectives: [
        { title: 'Mantener la referencia de leche UHT en todos los hipermercados', status: 'ACHIEVED' },
        { title: 'Crecer un 5 % en facturación anual', status: 'OPEN' },
        { title: 'Lanzar la gama infantil en la sección de refrigerados', status: 'DROPPED' },
      ],
    },
  },
  {
    account: 'Distribuciones Cantábrico',
    monthsAgo: 4,
    targetGrowth: 0.05,
    inputs: [
      'Ganar presencia en el canal horeca a través del cash & carry.',
      'Cantábrico necesita formatos grandes para hostelería y entregas dos veces por semana.',
      'La hostelería del litoral crece con el turismo; la competencia no ofrece formatos de 5 kg.',
    ],
    objectives: [
      {
        title: 'Lanzar formatos de hostelería (nata 5 L, yogur 5 kg) en los 9 almacenes',
        answers: [CLIENT, MARKET],
        opportunities: ['Formato hostelería de nata y mantequilla'],
      },
      {
        title: 'Pasar a dos entregas semanales en temporada alta',
        answers: [CLIENT],
        kpi: { name: OTIF, target: 97 },
        opportunities: ['Entrega directa a almacén de Santander'],
      },
      { title: 'Formar a los vendedores del cash en la gama de postres', answers: [COMPANY] },
    ],
  },
  {
    account: 'Coop Valle Verde',
    monthsAgo: 3,
    targetGrowth: 0.04,
    inputs: [
      'Mantener la relación y aumentar la rotación de la gama ecológica.',
      'La cooperativa prioriza producto ecológico certificado y envases reciclables.',
      'El consumidor rural demanda ecológico a precio contenido; hay ayudas autonómicas al envase sostenible.',
    ],
    objectives: [
      {
        title: 'Duplicar las ventas de la gama ecológica en las tiendas de la cooperativa',
        answers: [COMPANY, MARKET],
        kpi: { name: SELL_IN, target: 'kpi' },
        opportunities: ['Surtido ecológico en tiendas rurales'],
      },
      { title: 'Sustituir el envase de los yogures por uno 100 % reciclable', answers: [CLIENT, MARKET] },
      {
        title: 'Organizar dos jornadas de degustación por trimestre',
        answers: [COMPANY],
        kpi: { name: MARGIN, target: 30 },
      },
    ],
  },
  {
    account: 'FreshMarket Europa',
    monthsAgo: 9,
    targetGrowth: 0.1,
    inputs: [
      'Crecer con FreshMarket en todas sus tiendas de la península y optar a su concurso europeo de marca propia.',
      'FreshMarket quiere menos proveedores, estabilidad de precios y trazabilidad completa de cada lote.',
      'Los discounters ganan cuota en España; el concurso de marca propia se abre en los próximos dos trimestres.',
    ],
    objectives: [
      {
        title: 'Clasificarse para el concurso europeo de yogur de marca propia',
        answers: [COMPANY, MARKET],
        opportunities: ['Expansión a tiendas de Portugal'],
      },
      { title: 'Trazabilidad completa de cada lote a través del EDI', answers: [CLIENT] },
      {
        title: 'Crecer un 15 % interanual en facturación con FreshMarket',
        answers: [COMPANY],
        kpi: { name: SELL_IN, target: 'kpi' },
        opportunities: ['Pack ahorro familiar de yogures'],
      },
      {
        title: 'Mantener el servicio completo y a tiempo (OTIF) por encima del 98 %',
        answers: [CLIENT],
        kpi: { name: OTIF, target: 98 },
      },
    ],
  },
  {
    account: 'Grupo Hostelero Brisa',
    monthsAgo: 6,
    targetGrowth: 0.07,
    inputs: [
      'Ser el proveedor único de lácteos de los hoteles del grupo.',
      'Brisa quiere simplificar compras y ofrecer desayunos con producto local de calidad.',
      'Récord de ocupación hotelera; los desayunos buffet premium ganan peso en la experiencia del cliente.',
    ],
    objectives: [
      { title: 'Firmar el acuerdo marco de suministro para los 14 hoteles', answers: [COMPANY, CLIENT] },
      {
        title: 'Introducir el rincón de desayuno "Sierra Norte" en 6 hoteles',
        answers: [CLIENT, MARKET],
        kpi: { name: NPS, target: 45 },
        opportunities: ['Desayuno buffet con producto local'],
      },
      {
        title: 'Reducir la merma de lácteos en buffet un 20 %',
        answers: [CLIENT],
        opportunities: ['Formación a cocineros en postres lácteos'],
      },
    ],
  },
  {
    account: 'Cesta Online',
    monthsAgo: 4,
    targetGrowth: 0.2,
    inputs: [
      'Ser la marca de lácteos de referencia de Cesta Online y crecer con su rápida expansión.',
      'Cesta Online necesita fichas de producto completas, datos de stock fiables y promociones exclusivas online.',
      'La alimentación online crece más de un 20 % al año; las cestas por suscripción son el nuevo campo de batalla.',
    ],
    objectives: [
      {
        title: 'Completar fichas e imágenes de producto de toda la gama',
        answers: [CLIENT],
        opportunities: ['Contenido de recetas en la app'],
      },
      {
        title: 'Lanzar una cesta de lácteos por suscripción con Cesta Online',
        answers: [COMPANY, MARKET],
        opportunities: ['Suscripción semanal de lácteos'],
      },
      {
        title: 'Duplicar las ventas online mensuales durante el plan',
        answers: [COMPANY, MARKET],
        kpi: { name: SELL_IN, target: 'kpi' },
      },
      {
        title: 'Bajar la cobertura de stock por debajo de 16 días',
        answers: [CLIENT],
        kpi: { name: INVENTORY, target: 16 },
      },
    ],
  },
];

/**
 * How the demo's yearly revenue spreads over its months (a quieter start of the year, a summer peak
 * and the Christmas campaign): the same shape as the demo's monthly actual revenue, so targets and
 * actuals are comparable month by month.
 */
const SEASON = [0.076, 0.074, 0.081, 0.08, 0.084, 0.087, 0.089, 0.082, 0.08, 0.084, 0.087, 0.096];
const SEASON_TOTAL = SEASON.reduce((a, b) => a + b, 0);

/**
 * The revenue target of `month` ('YYYY-MM'): the last complete year's revenue grown by
 * `growth` a year, spread by the season, to the thousand.
 */
function monthlyTarget(month: string, lastYear: number, lastYearRevenue: number, growth: number): number {
  const years = Number(month.slice(0, 4)) - lastYear;
  const weight = (SEASON[Number(month.slice(5, 7)) - 1] as number) / SEASON_TOTAL;
  return Math.round((lastYearRevenue * (1 + growth) ** years * weight) / 1000) * 1000;
}

const ACTIONS_ES: readonly string[] = [
  'Presentar la propuesta de surtido al comité de compras',
  'Acordar el calendario de implantación por regiones',
  'Preparar el plan promocional del primer trimestre',
  'Revisar con logística los niveles de servicio semanales',
  'Enviar muestras para la cata del equipo de calidad',
  'Negociar el espacio en lineal de la nueva gama',
  'Organizar una visita del comprador a la fábrica',
  'Compartir el análisis de rotación por tienda',
  'Cerrar las condiciones del acuerdo anual',
  'Formar a los encargados de sección',
  'Medir los resultados de la prueba piloto en 10 tiendas',
  'Actualizar las fichas de producto y códigos EAN',
  'Proponer material de punto de venta para la campaña',
  'Revisar las incidencias de calidad del último mes',
  'Presentar el informe de tendencias del mercado lácteo',
  'Coordinar la campaña de degustaciones en tienda',
  'Ajustar la previsión de demanda con el cliente',
  'Validar el nuevo envase con el departamento de compras',
  'Preparar la revisión semestral del plan con el cliente',
  'Acordar los objetivos de cuota para el próximo semestre',
  'Resolver las diferencias de facturación pendientes',
  'Proponer la ampliación a nuevas tiendas',
  'Lanzar la comunicación en el folleto del cliente',
  'Revisar la rentabilidad de la cuenta con dirección',
  'Preparar la propuesta para la feria del cliente',
  'Definir los indicadores de seguimiento conjuntos',
  'Entregar el estudio de categoría de yogures',
  'Confirmar los precios de la nueva tarifa',
  'Planificar la reposición de verano',
  'Celebrar la reunión de seguimiento trimestral',
];

const BLOCKED_NOTES_ES = [
  'Pendiente de aprobación del comité de compras del cliente',
  'El cliente ha congelado altas de referencias hasta nuevo aviso',
  'Esperando el informe de calidad del laboratorio',
];
const iso = (d: Date) => d.toISOString().slice(0, 10);
const atNoon = (date: string) => new Date(`${date}T10:00:00.000Z`);

/**
 * An ACTIVE 18-month plan for every STRATEGIC and KEY account, started 3–9 months ago, with
 * objectives, monthly revenue targets for every month and actions in every state (done, in
 * progress, blocked, overdue, upcoming) with their update logs; Alba and HiperNorte also keep the
 * CLOSED plan the active one was rolled from. The objectives' KPIs and opportunities are linked by
 * `seedPlanLinks`, once those exist.
 */
export async function seedPlans(em: EntityManager, { accounts, today, random }: DemoContext): Promise<void> {
  const todayIso = iso(today);
  await em.flush();
  const revenue = await em.find(AccountRevenue, {}, { orderBy: { year: 'asc' } });
  const lastYear = Math.max(...revenue.map((r) => r.year));
  for (const demo of PLANS) {
    const account = accounts.get(demo.account) as Account | undefined;
    if (!account) continue;
    const owner = account.owner as unknown as User;
    const team: User[] = [owner, ...(account.supporters.getItems() as User[])];
    const manager = (owner.team as unknown as { manager?: User } | null)?.manager;
    const startMonth = addMonths(todayIso, -demo.monthsAgo).slice(0, 7);
    const horizon = planHorizon(startMonth, 18);
    const lastYearRevenue =
      revenue.find((r) => r.account.id === account.id && r.year === lastYear)?.amount ?? 0;
    const addTargets = (plan: AccountPlan, first: string) => {
      for (let m = 0; m < 18; m++) {
        const period = addMonths(first, m).slice(0, 7);
        em.create(PlanRevenueTarget, {
          id: newId(),
          plan,
          period,
          amount: monthlyTarget(period, lastYear, Number(lastYearRevenue), demo.targetGrowth),
        });
      }
    };
    const previous = demo.previous ? closedPlan(em, demo, account, owner, horizon.start) : null;
    if (previous) addTargets(previous.plan, `${previous.plan.startMonth}-01`);
    const plan = em.create(AccountPlan, {
      id: newId(),
      account,
      title: `Plan de cuenta ${startMonth.slice(0, 4)}–${horizon.end.slice(0, 4)}`,
      status: 'ACTIVE',
      activeAccountId: account.id,
      startMonth,
      horizonMonths: 18,
      companyObjectives: demo.inputs[0],
      clientNeeds: demo.inputs[1],
      marketOpportunities: demo.inputs[2],
      createdBy: owner,
      previousPlanId: previous?.plan.id ?? null,
      activatedAt: atNoon(horizon.start),
      closedAt: null,
    });
    addTargets(plan, horizon.start);
    const objectives = demo.objectives.map((objective, i) =>
      em.create(Objective, {
        id: newId(),
        plan,
        title: objective.title,
        description: '',
        kpiDefinitionId: null,
        targetValue: null,
        targetDate: addMonths(horizon.start, Math.min(6 + i * 3, 17)),
        status: i === 0 && demo.monthsAgo >= 7 ? 'ACHIEVED' : 'OPEN',
        answers: storedAnswers(objective.answers),
        carriedFromId: previous?.openObjectives.get(objective.title) ?? null,
      }),
    );
    const pool = ACTIONS_ES;
    const count = account.tier === 'STRATEGIC' ? 20 + Math.floor(random() * 9) : 8 + Math.floor(random() * 7);
    const span = daysBetween(horizon.start, horizon.end);
    for (let i = 0; i < count; i++) {
      const dueDate = addDays(horizon.start, Math.floor(((i + 0.5) / count) * span * 0.8) + 14);
      const past = dueDate < todayIso;
      const roll = random();
      let status: ActionStatus;
      if (past)
        status = roll < 0.55 ? 'DONE' : roll < 0.63 ? 'CANCELLED' : roll < 0.83 ? 'IN_PROGRESS' : 'BLOCKED';
      else if (daysBetween(todayIso, dueDate) < 60)
        status = roll < 0.5 ? 'IN_PROGRESS' : roll < 0.65 ? 'BLOCKED' : 'PLANNED';
      else status = roll < 0.2 ? 'IN_PROGRESS' : 'PLANNED';
      const progress =
        status === 'DONE'
          ? 100
          : status === 'IN_PROGRESS' || status === 'BLOCKED'
            ? 10 + 10 * Math.floor(random() * 8)
            : 0;
      const actionOwner =
        manager && random() < 0.1 ? manager : (team[Math.floor(random() * team.length)] as User);
      const created = atNoon(addDays(horizon.start, Math.max(0, Math.floor(i / 3) * 7)));
      const title = pool[i % pool.length] as string;
      const action = em.create(PlanAction, {
        id: newId(),
        plan,
        account,
        objective: objectives[i % objectives.length] ?? null,
        title,
        description: '',
        owner: actionOwner,
        dueDate,
        status,
        progress,
        completedAt: status === 'DONE' ? atNoon(addDays(dueDate, -Math.floor(random() * 5))) : null,
        source: random() < 0.2 ? 'VISIT' : 'PLAN',
        carriedFromId: null,
      });
      const log = (
        at: Date,
        fromStatus: ActionStatus | null,
        toStatus: ActionStatus,
        fromProgress: number | null,
        toProgress: number,
        note: string,
      ) =>
        em.create(PlanActionUpdate, {
          id: newId(),
          action,
          author: actionOwner,
          at,
          fromStatus,
          toStatus,
          fromProgress,
          toProgress,
          note,
        });
      log(created, null, 'PLANNED', null, 0, '');
      const startedOn = new Date(Math.min(created.getTime() + 10 * 86_400_000, today.getTime() - 86_400_000));
      if (status === 'IN_PROGRESS' || status === 'BLOCKED' || status === 'DONE') {
        log(
          startedOn,
          'PLANNED',
          'IN_PROGRESS',
          0,
          status === 'DONE' ? 50 : progress,
          'Arrancado con el cliente',
        );
      }
      if (status === 'BLOCKED') {
        const notes = BLOCKED_NOTES_ES;
        log(
          new Date(startedOn.getTime() + 3_600_000),
          'IN_PROGRESS',
          'BLOCKED',
          progress,
          progress,
          notes[i % notes.length] as string,
        );
      }
      if (status === 'DONE') {
        log(
          action.completedAt as Date,
          'IN_PROGRESS',
          'DONE',
          50,
          100,
          'Completado y confirmado por el cliente',
        );
      }
      if (status === 'CANCELLED') {
        log(startedOn, 'PLANNED', 'CANCELLED', 0, 0, 'Ya no es prioritario para el cliente');
      }
    }
  }
  await em.flush();
}

/** The stored form of an objective's answers (see Objective.answers): in PLAN_INPUTS order. */
const storedAnswers = (answers: readonly PlanInput[]): string =>
  [COMPANY, CLIENT, MARKET].filter((input) => answers.includes(input)).join(',');

const CLOSED_ACTIONS: readonly { title: string; status: ActionStatus }[] = [
  { title: 'Presentar el plan anual al comité de dirección del cliente', status: 'DONE' },
  { title: 'Acordar la exclusiva de yogur natural en la región norte', status: 'DONE' },
  { title: 'Preparar la propuesta de postres refrigerados', status: 'DONE' },
  { title: 'Negociar el espacio en la tienda online', status: 'CANCELLED' },
  { title: 'Celebrar la revisión semestral del plan', status: 'DONE' },
  { title: 'Cerrar el acuerdo de precios del año', status: 'DONE' },
];

/**
 * The CLOSED plan the account's active plan was rolled from: the 18 months before it, its
 * objectives (achieved, dropped, and the open ones the roll carried over) and finished actions.
 * No random draws, so the rest of the demo stays as it was.
 */
function closedPlan(
  em: EntityManager,
  demo: DemoPlan,
  account: Account,
  owner: User,
  activeStart: string,
): { plan: AccountPlan; openObjectives: Map<string, string> } {
  const start = addMonths(activeStart, -18);
  const horizon = planHorizon(start.slice(0, 7), 18);
  const plan = em.create(AccountPlan, {
    id: newId(),
    account,
    title: `Plan de cuenta ${start.slice(0, 4)}–${horizon.end.slice(0, 4)}`,
    status: 'CLOSED',
    activeAccountId: null,
    startMonth: start.slice(0, 7),
    horizonMonths: 18,
    companyObjectives: demo.inputs[0],
    clientNeeds: demo.inputs[1],
    marketOpportunities: demo.inputs[2],
    createdBy: owner,
    previousPlanId: null,
    activatedAt: atNoon(horizon.start),
    closedAt: atNoon(activeStart),
  });
  const openObjectives = new Map<string, string>();
  for (const [i, o] of (demo.previous?.objectives ?? []).entries()) {
    const objective = em.create(Objective, {
      id: newId(),
      plan,
      title: o.title,
      description: '',
      kpiDefinitionId: null,
      targetValue: null,
      targetDate: addMonths(horizon.start, Math.min(6 + i * 4, 17)),
      status: o.status,
      // A carried-over objective answers what its copy in the active plan answers.
      answers: storedAnswers(
        demo.objectives.find((a) => a.title === o.title)?.answers ??
          (i % 2 === 0 ? [COMPANY, CLIENT] : [MARKET]),
      ),
      carriedFromId: null,
    });
    if (o.status === 'OPEN') openObjectives.set(o.title, objective.id);
  }
  const span = daysBetween(horizon.start, horizon.end);
  for (const [i, a] of CLOSED_ACTIONS.entries()) {
    const dueDate = addDays(horizon.start, Math.floor(((i + 0.5) / CLOSED_ACTIONS.length) * span));
    const done = a.status === 'DONE';
    const action = em.create(PlanAction, {
      id: newId(),
      plan,
      account,
      objective: null,
      title: a.title,
      description: '',
      owner,
      dueDate,
      status: a.status,
      progress: done ? 100 : 0,
      completedAt: done ? atNoon(addDays(dueDate, -2)) : null,
      source: 'PLAN',
      carriedFromId: null,
    });
    const created = atNoon(addDays(horizon.start, 7 * i));
    const log = (
      at: Date,
      fromStatus: ActionStatus | null,
      toStatus: ActionStatus,
      from: number | null,
      to: number,
      note: string,
    ) =>
      em.create(PlanActionUpdate, {
        id: newId(),
        action,
        author: owner,
        at,
        fromStatus,
        toStatus,
        fromProgress: from,
        toProgress: to,
        note,
      });
    log(created, null, 'PLANNED', null, 0, '');
    if (done)
      log(action.completedAt as Date, 'PLANNED', 'DONE', 0, 100, 'Completado y confirmado por el cliente');
    else log(atNoon(dueDate), 'PLANNED', 'CANCELLED', 0, 0, 'El cliente aplazó el canal online');
  }
  return { plan, openObjectives };
}

/**
 * Links the demo objectives to the KPIs that measure them (with a target on the KPI's scale and
 * date) and to the opportunities they answer. Runs after the KPI and opportunity seeds; no random
 * draws.
 */
export async function seedPlanLinks(em: EntityManager, { accounts }: DemoContext): Promise<void> {
  await em.flush();
  for (const demo of PLANS) {
    const account = accounts.get(demo.account);
    if (!account) continue;
    const plan = await em.findOne(AccountPlan, { activeAccountId: account.id });
    if (!plan) continue;
    const objectives = await em.find(Objective, { plan: plan.id });
    const kpis = await em.find(KpiDefinition, { account: account.id });
    const opportunities = await em.find(Opportunity, { account: account.id });
    for (const spec of demo.objectives) {
      const objective = objectives.find((o) => o.title === spec.title);
      if (!objective) continue;
      const kpi = spec.kpi ? kpis.find((k) => k.name === spec.kpi?.name) : undefined;
      if (spec.kpi && kpi) {
        objective.kpiDefinitionId = kpi.id;
        objective.targetValue = spec.kpi.target === 'kpi' ? (kpi.target ?? null) : spec.kpi.target;
      }
      for (const title of spec.opportunities ?? []) {
        const opportunity = opportunities.find((o) => o.title === title);
        if (opportunity) em.create(ObjectiveOpportunity, { id: newId(), objective, opportunity });
      }
    }
  }
  await em.flush();
}
