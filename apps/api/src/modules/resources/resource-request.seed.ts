import type { ResourceKind, ResourceRequestStatus } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { PlanAction } from '../plans/plan.entity.js';
import { ResourceRequest } from './resource-request.entity.js';

interface DemoRequest {
  account: string;
  /** The opportunity's title, or null to ask for the account's first open plan action. */
  opportunity: string | null;
  kind: ResourceKind;
  amount: number | null;
  description: string;
  status: ResourceRequestStatus;
  reason?: string;
  daysAgo: number;
}

/** Some waiting in Marta's and Jorge's inboxes, some approved, one rejected with its reason. */
const REQUESTS: DemoRequest[] = [
  {
    account: 'Supermercados Alba',
    opportunity: 'Promoción conjunta Navidad',
    kind: 'PROMOTION',
    amount: 45_000,
    description: 'Cofinanciar el folleto de Navidad y la cartelería de cabecera en 60 tiendas.',
    status: 'PENDING',
    daysAgo: 6,
  },
  {
    account: 'Supermercados Alba',
    opportunity: 'Gama sin lactosa en exclusiva',
    kind: 'SAMPLES',
    amount: null,
    description: '1.200 unidades de la gama sin lactosa para las catas del comité de compras.',
    status: 'APPROVED',
    reason: 'Adelante; coordinad la entrega con logística.',
    daysAgo: 60,
  },
  {
    account: 'Supermercados Alba',
    opportunity: 'Reposición automática con datos de sell-out',
    kind: 'BUDGET',
    amount: 120_000,
    description: 'Integración de sus datos de sell-out con nuestro sistema de previsión.',
    status: 'REJECTED',
    reason: 'Sin acuerdo firmado de intercambio de datos; volved a pedirlo cuando lo tengamos.',
    daysAgo: 30,
  },
  {
    account: 'HiperNorte',
    opportunity: 'Espacio refrigerado compartido en hipermercados',
    kind: 'PEOPLE',
    amount: null,
    description: 'Un reponedor a media jornada en cada hipermercado durante el piloto de 3 meses.',
    status: 'PENDING',
    daysAgo: 9,
  },
  {
    account: 'Distribuciones Cantábrico',
    opportunity: 'Formato hostelería de nata y mantequilla',
    kind: 'PRICING',
    amount: null,
    description: 'Precio de lanzamiento un 8 % por debajo de tarifa durante el primer trimestre.',
    status: 'APPROVED',
    daysAgo: 25,
  },
  {
    account: 'Supermercados Alba',
    opportunity: null,
    kind: 'PEOPLE',
    amount: null,
    description: 'Apoyo de un analista de category management para preparar la revisión de lineal.',
    status: 'PENDING',
    daysAgo: 3,
  },
  {
    account: 'FreshMarket Europa',
    opportunity: 'Pack ahorro familiar de yogures',
    kind: 'PRICING',
    amount: null,
    description: 'Descuento de 4 céntimos por unidad en el pack de 16 para el lanzamiento.',
    status: 'PENDING',
    daysAgo: 8,
  },
  {
    account: 'FreshMarket Europa',
    opportunity: 'Reducción de envases plásticos',
    kind: 'BUDGET',
    amount: 60_000,
    description: 'Comunicación en tienda del cambio a envase de cartón.',
    status: 'APPROVED',
    reason: 'Aprobado con cargo al presupuesto de sostenibilidad.',
    daysAgo: 120,
  },
  {
    account: 'Cesta Online',
    opportunity: 'Suscripción semanal de lácteos',
    kind: 'BUDGET',
    amount: 18_500,
    description: 'Campaña de captación de suscriptores en la app durante 4 semanas.',
    status: 'PENDING',
    daysAgo: 4,
  },
];

const MANAGERS: Record<string, string> = {
  'ana@clave.dev': 'marta@clave.dev',
  'luis@clave.dev': 'marta@clave.dev',
  'sofia@clave.dev': 'jorge@clave.dev',
};

/** Demo resource requests; runs after the plans and opportunities seeds, whose rows it queries. */
export async function seedResourceRequests(
  em: EntityManager,
  { users, accounts, today }: DemoContext,
): Promise<void> {
  const opportunities = await em.find(Opportunity, {});
  for (const r of REQUESTS) {
    const account = accounts.get(r.account);
    if (!account) continue;
    const opportunity = r.opportunity
      ? opportunities.find((o) => o.account.id === account.id && o.title === r.opportunity)
      : undefined;
    const planAction = r.opportunity
      ? null
      : await em.findOne(
          PlanAction,
          { account: account.id, plan: { status: 'ACTIVE' }, status: { $in: ['PLANNED', 'IN_PROGRESS'] } },
          { orderBy: { dueDate: 'asc', id: 'asc' } },
        );
    if (!opportunity && !planAction) continue;
    const createdAt = new Date(today.getTime() - r.daysAgo * 86_400_000);
    const decided = r.status !== 'PENDING';
    const decidedAt = decided ? new Date(createdAt.getTime() + 2 * 86_400_000) : null;
    em.create(ResourceRequest, {
      id: newId(),
      account,
      requestedBy: account.owner,
      kind: r.kind,
      amount: r.amount,
      description: r.description,
      planActionId: planAction?.id ?? null,
      opportunity: opportunity ?? null,
      status: r.status,
      decidedBy: decided ? users.get(MANAGERS[account.owner.email] ?? '') : null,
      decidedAt,
      decisionReason: r.reason ?? null,
      contentHash: null,
      createdAt,
      updatedAt: decidedAt ?? createdAt,
    });
  }
  await em.flush();
}
