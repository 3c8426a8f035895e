import type { LogVisitInput, VisitKind } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import type { Account } from '../accounts/account.entity.js';
import { Stakeholder } from '../stakeholders/stakeholder.entity.js';
import type { User } from '../users/user.entity.js';
import { Visit } from './visit.entity.js';
import { visitContentHash } from './visit.service.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 540;

/** Accounts whose last visit is past their cadence in the demo (days since the last visit). */
const OVERDUE: Record<string, number> = {
  'Coop Valle Verde': 52,
  'Grupo Hostelero Brisa': 47,
  'Vending Ibérica': 95,
};

/** Where the client's head office is, for in-person visits. */
const PLACES: Record<string, [number, number, string]> = {
  'Supermercados Alba': [42.3439, -3.6969, 'Oficinas centrales, Burgos'],
  HiperNorte: [43.263, -2.935, 'Sede central, Bilbao'],
  'Distribuciones Cantábrico': [43.4623, -3.81, 'Almacén central, Santander'],
  'Coop Valle Verde': [42.8125, -1.6458, 'Oficinas de la cooperativa, Pamplona'],
  'FreshMarket Europa': [40.453, -3.6883, 'Oficinas Iberia, Madrid'],
  'Grupo Hostelero Brisa': [39.5696, 2.6502, 'Hotel Brisa Palma'],
  'Cesta Online': [41.3874, 2.1686, 'Almacén urbano, Barcelona'],
  'Farmacias Salud+': [39.4699, -0.3763, 'Central de compras, Valencia'],
  'EcoBio Tiendas': [43.263, -2.935, 'Tienda Bilbao Indautxu'],
  'Vending Ibérica': [41.6488, -0.8891, 'Sede, Zaragoza'],
  'Selecta Gourmet': [40.4168, -3.7038, 'Tienda Salamanca, Madrid'],
  'Catering Escolar Sol': [37.3891, -5.9845, 'Cocina central, Sevilla'],
};

const TOPICS: { purpose: string; notes: string; outcomes: string }[] = [
  {
    purpose: 'Revisión trimestral del negocio',
    notes: 'Repasamos ventas del trimestre, cumplimiento de servicio y evolución de precios.',
    outcomes: 'Crecimiento por encima del mercado en postres; preocupación por las roturas en leche.',
  },
  {
    purpose: 'Presentación de novedades de temporada',
    notes: 'Presentamos la gama de yogures griegos y los postres de verano con degustación.',
    outcomes: 'Interés en dos referencias; piden propuesta de precio y plan promocional.',
  },
  {
    purpose: 'Negociación del plan promocional',
    notes: 'Calendario de folletos y acciones en cabecera de góndola para el próximo semestre.',
    outcomes: 'Acordadas tres acciones de folleto; pendiente confirmar la inversión en cabeceras.',
  },
  {
    purpose: 'Seguimiento de incidencias de servicio',
    notes: 'Revisamos entregas incompletas de las últimas semanas y sus causas en el almacén regional.',
    outcomes: 'Plan de choque de logística; nos piden informe semanal de OTIF.',
  },
  {
    purpose: 'Revisión del surtido de la categoría',
    notes: 'Análisis de rotación por referencia y propuesta de racionalización del lineal de lácteos.',
    outcomes: 'Salen dos referencias de baja rotación y entra el kéfir natural en 120 tiendas.',
  },
  {
    purpose: 'Visita a tiendas con el equipo de categoría',
    notes: 'Recorrimos cuatro tiendas: buena ejecución en frescos, huecos en postres a media tarde.',
    outcomes: 'Ajuste de la frecuencia de reposición en tiendas urbanas.',
  },
  {
    purpose: 'Planificación conjunta del próximo año',
    notes: 'Objetivos de venta, aperturas previstas y necesidades de marca propia para el año.',
    outcomes: 'Objetivo compartido de crecimiento del 6 %; próxima reunión con dirección de compras.',
  },
  {
    purpose: 'Llamada de seguimiento de la propuesta de precios',
    notes: 'Comentamos la subida de tarifa por el coste de la leche en origen.',
    outcomes: 'Aceptan la mitad de la subida; el resto se revisa en tres meses.',
  },
];

const KINDS: VisitKind[] = ['IN_PERSON', 'IN_PERSON', 'IN_PERSON', 'IN_PERSON', 'VIDEO', 'VIDEO', 'PHONE'];
/** Mostly 3–5, a few 2s. */
const ACCEPTANCE = [2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5];

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

/**
 * About eighteen months of visits per account, spaced around each account's visit cadence, the
 * last of them recent except for a few accounts the KAMs have let slip.
 */
export async function seedVisits(
  em: EntityManager,
  { users, accounts, today, random }: DemoContext,
): Promise<void> {
  const accountList = [...accounts.values()];
  const stakeholders = await em.find(Stakeholder, { account: { $in: accountList.map((a) => a.id) } });
  const managerOf = (owner: User): User =>
    users.get(owner.email === 'sofia@clave.dev' ? 'jorge@clave.dev' : 'marta@clave.dev') as User;
  for (const account of accountList) {
    const people = stakeholders.filter((s) => s.account.id === account.id);
    const cadence = account.visitCadenceDays;
    let daysAgo = OVERDUE[account.name] ?? Math.max(1, Math.floor(random() * cadence * 0.8));
    while (daysAgo <= HISTORY_DAYS) {
      addVisit(em, account, daysAgo, people, authorOf(account, random, managerOf), today, random);
      daysAgo += Math.max(1, Math.round(cadence * (0.7 + random() * 0.6)));
    }
  }
  await em.flush();
}

function authorOf(account: Account, random: () => number, managerOf: (owner: User) => User): User {
  const owner = account.owner as unknown as User;
  const roll = random();
  if (roll < 0.06) return managerOf(owner);
  const supporters = account.supporters.getItems();
  if (supporters.length > 0 && roll < 0.3) return supporters[0] as User;
  return owner;
}

function addVisit(
  em: EntityManager,
  account: Account,
  daysAgo: number,
  people: Stakeholder[],
  author: User,
  today: Date,
  random: () => number,
): void {
  const day = new Date(today.getTime() - daysAgo * DAY);
  day.setUTCHours(8 + Math.floor(random() * 9), random() < 0.5 ? 0 : 30, 0, 0);
  const kind = pick(KINDS, random);
  const topic = pick(TOPICS, random);
  const metCount =
    people.length === 0 || random() < 0.25 ? 0 : kind === 'PHONE' ? 1 : 1 + Math.floor(random() * 3);
  const met = [...people].sort(() => random() - 0.5).slice(0, metCount);
  const place = PLACES[account.name];
  const location =
    kind === 'IN_PERSON' && place ? { lat: place[0], lng: place[1], label: place[2] } : undefined;
  const input: LogVisitInput = {
    id: newId(),
    accountId: account.id,
    occurredAt: day.toISOString(),
    kind,
    stakeholderIds: met.map((s) => s.id),
    purpose: topic.purpose,
    notes: topic.notes,
    outcomes: topic.outcomes,
    nextSteps: [],
    acceptance: pick(ACCEPTANCE, random),
    location,
  };
  em.create(Visit, {
    id: input.id,
    account,
    kam: author,
    occurredAt: day,
    kind,
    purpose: input.purpose,
    notes: input.notes,
    outcomes: input.outcomes,
    acceptance: input.acceptance,
    locationLat: location?.lat ?? null,
    locationLng: location?.lng ?? null,
    locationLabel: location?.label ?? null,
    stakeholders: met,
    nextSteps: [],
    createdActionIds: [],
    contentHash: visitContentHash(input, author.id),
    createdAt: day,
  });
}
