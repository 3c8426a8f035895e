import { type ActionStatus, addDays, addMonths, daysBetween, planHorizon } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import type { Account } from '../accounts/account.entity.js';
import type { User } from '../users/user.entity.js';
import { AccountPlan, Objective, PlanAction, PlanActionUpdate, PlanRevenueTarget } from './plan.entity.js';

interface DemoPlan {
  readonly account: string;
  readonly monthsAgo: number;
  readonly monthlyRevenue: number;
  readonly english?: boolean;
  readonly inputs: readonly [string, string, string];
  readonly objectives: readonly string[];
}

const PLANS: readonly DemoPlan[] = [
  {
    account: 'Supermercados Alba',
    monthsAgo: 7,
    monthlyRevenue: 2_300_000,
    inputs: [
      'Consolidar Lácteos Sierra Norte como primer proveedor de lácteos frescos de Alba y reducir la dependencia de promociones.',
      'Alba quiere diferenciarse con surtido local y saludable, reducir roturas de stock en tienda y mejorar el margen de la categoría.',
      'Crecimiento del sin lactosa (+12 % anual) y del yogur proteico; la marca blanca presiona los precios del yogur básico.',
    ],
    objectives: [
      'Lanzar la gama de yogures sin lactosa en 120 tiendas',
      'Reducir las roturas de stock de frescos por debajo del 2 %',
      'Aumentar la cuota en la categoría de yogures al 24 %',
      'Implantar la reposición colaborativa con el centro logístico de Burgos',
      'Cerrar el acuerdo anual de marca propia de kéfir',
    ],
  },
  {
    account: 'HiperNorte',
    monthsAgo: 5,
    monthlyRevenue: 620_000,
    inputs: [
      'Recuperar el volumen perdido en 2024 y entrar en la sección de quesos al corte.',
      'HiperNorte busca productos de proximidad para su campaña "Hecho en el Norte" y menos referencias con baja rotación.',
      'Los hipermercados pierden visitas frente al súper de proximidad; la campaña regional es una oportunidad de visibilidad.',
    ],
    objectives: [
      'Entrar con tres quesos al corte en 40 hipermercados',
      'Ser proveedor destacado de la campaña "Hecho en el Norte"',
      'Racionalizar el surtido: retirar 6 referencias de baja rotación',
      'Crecer un 5 % en facturación anual',
    ],
  },
  {
    account: 'Distribuciones Cantábrico',
    monthsAgo: 4,
    monthlyRevenue: 320_000,
    inputs: [
      'Ganar presencia en el canal horeca a través del cash & carry.',
      'Cantábrico necesita formatos grandes para hostelería y entregas dos veces por semana.',
      'La hostelería del litoral crece con el turismo; la competencia no ofrece formatos de 5 kg.',
    ],
    objectives: [
      'Lanzar formatos de hostelería (nata 5 L, yogur 5 kg) en los 9 almacenes',
      'Pasar a dos entregas semanales en temporada alta',
      'Formar a los vendedores del cash en la gama de postres',
    ],
  },
  {
    account: 'Coop Valle Verde',
    monthsAgo: 3,
    monthlyRevenue: 190_000,
    inputs: [
      'Mantener la relación y aumentar la rotación de la gama ecológica.',
      'La cooperativa prioriza producto ecológico certificado y envases reciclables.',
      'El consumidor rural demanda ecológico a precio contenido; hay ayudas autonómicas al envase sostenible.',
    ],
    objectives: [
      'Duplicar las ventas de la gama ecológica en las tiendas de la cooperativa',
      'Sustituir el envase de los yogures por uno 100 % reciclable',
      'Organizar dos jornadas de degustación por trimestre',
    ],
  },
  {
    account: 'FreshMarket Europa',
    monthsAgo: 9,
    monthlyRevenue: 330_000,
    english: true,
    inputs: [
      'Grow with FreshMarket across its Iberian stores and qualify for its European private-label tender.',
      'FreshMarket wants fewer suppliers, strict price stability and full traceability of every batch.',
      'Discounters are winning share in Spain; the private-label tender opens in the next two quarters.',
    ],
    objectives: [
      'Qualify for the European private-label yoghurt tender',
      'Reach full batch traceability through the EDI feed',
      'Grow revenue with FreshMarket by 15% year on year',
      'Keep the on-time-in-full rate above 98%',
    ],
  },
  {
    account: 'Grupo Hostelero Brisa',
    monthsAgo: 6,
    monthlyRevenue: 150_000,
    inputs: [
      'Ser el proveedor único de lácteos de los hoteles del grupo.',
      'Brisa quiere simplificar compras y ofrecer desayunos con producto local de calidad.',
      'Récord de ocupación hotelera; los desayunos buffet premium ganan peso en la experiencia del cliente.',
    ],
    objectives: [
      'Firmar el acuerdo marco de suministro para los 14 hoteles',
      'Introducir el rincón de desayuno "Sierra Norte" en 6 hoteles',
      'Reducir la merma de lácteos en buffet un 20 %',
    ],
  },
  {
    account: 'Cesta Online',
    monthsAgo: 4,
    monthlyRevenue: 170_000,
    english: true,
    inputs: [
      'Become the reference dairy brand of Cesta Online and grow with its fast expansion.',
      'Cesta Online needs rich product content, reliable stock data and online-only promotions.',
      'Online grocery keeps growing above 20% a year; subscription baskets are the new battleground.',
    ],
    objectives: [
      'Complete product content and images for the whole range',
      'Launch a dairy subscription basket with Cesta Online',
      'Double monthly online sales within the plan',
    ],
  },
];

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

const ACTIONS_EN: readonly string[] = [
  'Present the range proposal to the buying committee',
  'Agree the regional roll-out calendar',
  'Prepare the Q1 promotional plan',
  'Review weekly service levels with logistics',
  'Send samples for the quality team tasting',
  'Negotiate shelf space for the new range',
  'Host the buyer on a factory visit',
  'Share the per-store rotation analysis',
  'Close the terms of the annual agreement',
  'Complete product content and images',
  'Measure results of the 10-store pilot',
  'Update product data and EAN codes in the EDI feed',
  'Review last month quality incidents',
  'Present the dairy market trends report',
  'Align the demand forecast with the client',
  'Prepare the half-year plan review',
  'Agree share targets for next semester',
  'Resolve pending invoicing differences',
  'Propose expansion to new stores',
  'Hold the quarterly follow-up meeting',
];

const BLOCKED_NOTES_ES = [
  'Pendiente de aprobación del comité de compras del cliente',
  'El cliente ha congelado altas de referencias hasta nuevo aviso',
  'Esperando el informe de calidad del laboratorio',
];
const BLOCKED_NOTES_EN = [
  'Waiting for the client buying committee approval',
  'The client froze new listings until further notice',
  'Waiting for the lab quality report',
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const atNoon = (date: string) => new Date(`${date}T10:00:00.000Z`);

/**
 * An ACTIVE 18-month plan for every STRATEGIC and KEY account, started 3–9 months ago, with
 * objectives, monthly revenue targets and actions in every state (done, in progress, blocked,
 * overdue, upcoming) with their update logs.
 */
export async function seedPlans(em: EntityManager, { accounts, today, random }: DemoContext): Promise<void> {
  const todayIso = iso(today);
  for (const demo of PLANS) {
    const account = accounts.get(demo.account) as Account | undefined;
    if (!account) continue;
    const owner = account.owner as unknown as User;
    const team: User[] = [owner, ...(account.supporters.getItems() as User[])];
    const manager = (owner.team as unknown as { manager?: User } | null)?.manager;
    const startMonth = addMonths(todayIso, -demo.monthsAgo).slice(0, 7);
    const horizon = planHorizon(startMonth, 18);
    const plan = em.create(AccountPlan, {
      id: newId(),
      account,
      title: demo.english
        ? `Account plan ${startMonth.slice(0, 4)}–${horizon.end.slice(0, 4)}`
        : `Plan de cuenta ${startMonth.slice(0, 4)}–${horizon.end.slice(0, 4)}`,
      status: 'ACTIVE',
      activeAccountId: account.id,
      startMonth,
      horizonMonths: 18,
      companyObjectives: demo.inputs[0],
      clientNeeds: demo.inputs[1],
      marketOpportunities: demo.inputs[2],
      createdBy: owner,
      previousPlanId: null,
      activatedAt: atNoon(horizon.start),
      closedAt: null,
    });
    for (let m = 0; m < 18; m++) {
      const season = 1 + 0.08 * Math.sin((m / 12) * 2 * Math.PI);
      const growth = 1 + 0.006 * m;
      em.create(PlanRevenueTarget, {
        id: newId(),
        plan,
        period: addMonths(horizon.start, m).slice(0, 7),
        amount: Math.round((demo.monthlyRevenue * season * growth) / 1000) * 1000,
      });
    }
    const objectives = demo.objectives.map((title, i) =>
      em.create(Objective, {
        id: newId(),
        plan,
        title,
        description: '',
        kpiDefinitionId: null,
        targetValue: null,
        targetDate: addMonths(horizon.start, Math.min(6 + i * 3, 17)),
        status: i === 0 && demo.monthsAgo >= 7 ? 'ACHIEVED' : 'OPEN',
        carriedFromId: null,
      }),
    );
    const pool = demo.english ? ACTIONS_EN : ACTIONS_ES;
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
          demo.english ? 'Kick-off done with the client' : 'Arrancado con el cliente',
        );
      }
      if (status === 'BLOCKED') {
        const notes = demo.english ? BLOCKED_NOTES_EN : BLOCKED_NOTES_ES;
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
          demo.english ? 'Completed and confirmed by the client' : 'Completado y confirmado por el cliente',
        );
      }
      if (status === 'CANCELLED') {
        log(
          startedOn,
          'PLANNED',
          'CANCELLED',
          0,
          0,
          demo.english ? 'No longer a priority for the client' : 'Ya no es prioritario para el cliente',
        );
      }
    }
  }
  await em.flush();
}
