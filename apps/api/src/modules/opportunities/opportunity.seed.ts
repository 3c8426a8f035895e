import type { OpportunityStage } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { ValidationError } from '../../errors.js';
import { createPlanActions } from '../plans/plan-action.service.js';
import type { User } from '../users/user.entity.js';
import { Opportunity, OpportunityAction } from './opportunity.entity.js';

interface DemoOpportunity {
  title: string;
  description: string;
  valueForUs: string;
  valueForClient: string;
  estimatedRevenue: number | null;
  probability: number;
  stage: OpportunityStage;
  daysAgo: number;
}

/** 2–4 win-win opportunities for each STRATEGIC and KEY account of the demo. */
const OPPORTUNITIES: Record<string, DemoOpportunity[]> = {
  'Supermercados Alba': [
    {
      title: 'Gama sin lactosa en exclusiva',
      description: 'Lanzar en exclusiva durante 12 meses la gama sin lactosa (leche, yogur y kéfir).',
      valueForUs: 'Volumen garantizado y espacio en lineal para la nueva gama.',
      valueForClient: 'Diferenciación frente a la competencia en una categoría que crece a doble dígito.',
      estimatedRevenue: 1_850_000,
      probability: 60,
      stage: 'PROPOSED',
      daysAgo: 75,
    },
    {
      title: 'Reposición automática con datos de sell-out',
      description:
        'Compartir datos diarios de sell-out para que nosotros gestionemos la reposición de las tiendas.',
      valueForUs: 'Menos roturas y previsiones de producción más fiables.',
      valueForClient: 'Menos stock en tienda y menos horas de pedido.',
      estimatedRevenue: 650_000,
      probability: 40,
      stage: 'QUALIFIED',
      daysAgo: 40,
    },
    {
      title: 'Promoción conjunta Navidad',
      description: 'Lote navideño de quesos curados con cartelería y degustaciones en 60 tiendas.',
      valueForUs: 'Rotación de quesos de alto margen en el pico del año.',
      valueForClient: 'Tráfico a tienda y ticket medio más alto en diciembre.',
      estimatedRevenue: 420_000,
      probability: 80,
      stage: 'AGREED',
      daysAgo: 20,
    },
  ],
  HiperNorte: [
    {
      title: 'Espacio refrigerado compartido en hipermercados',
      description: 'Módulo refrigerado de marca en la entrada de los 12 hipermercados.',
      valueForUs: 'Visibilidad de marca y surtido completo en tienda.',
      valueForClient: 'El mueble y la reposición corren de nuestra cuenta.',
      estimatedRevenue: 900_000,
      probability: 35,
      stage: 'QUALIFIED',
      daysAgo: 50,
    },
    {
      title: 'Marca propia de yogur griego',
      description: 'Fabricar el yogur griego de la marca del distribuidor.',
      valueForUs: 'Ocupar capacidad ociosa de la planta de Aranda.',
      valueForClient: 'Un proveedor de marca propia con calidad contrastada.',
      estimatedRevenue: 1_200_000,
      probability: 20,
      stage: 'IDEA',
      daysAgo: 12,
    },
  ],
  'Distribuciones Cantábrico': [
    {
      title: 'Formato hostelería de nata y mantequilla',
      description: 'Formatos de 1 kg y 5 kg para sus clientes de hostelería.',
      valueForUs: 'Entrada en el canal horeca a través del cash & carry.',
      valueForClient: 'Surtido profesional que hoy compran a otro proveedor.',
      estimatedRevenue: 380_000,
      probability: 55,
      stage: 'PROPOSED',
      daysAgo: 33,
    },
    {
      title: 'Entrega directa a almacén de Santander',
      description: 'Servir directamente su almacén regional en lugar de a través del operador logístico.',
      valueForUs: 'Menos coste logístico por palé.',
      valueForClient: 'Plazo de entrega de 48 a 24 horas.',
      estimatedRevenue: null,
      probability: 70,
      stage: 'AGREED',
      daysAgo: 90,
    },
  ],
  'Coop Valle Verde': [
    {
      title: 'Leche de pasto de socios cooperativistas',
      description: 'Línea de leche de pasto con origen en las granjas de los socios.',
      valueForUs: 'Producto premium con historia local.',
      valueForClient: 'Da salida a la leche de sus socios con más valor.',
      estimatedRevenue: 260_000,
      probability: 45,
      stage: 'QUALIFIED',
      daysAgo: 28,
    },
    {
      title: 'Surtido ecológico en tiendas rurales',
      description: 'Ampliar el surtido ecológico en las 40 tiendas rurales.',
      valueForUs: 'Más referencias por tienda.',
      valueForClient: 'Responder a la demanda de producto ecológico.',
      estimatedRevenue: 140_000,
      probability: 10,
      stage: 'LOST',
      daysAgo: 150,
    },
  ],
  'FreshMarket Europa': [
    {
      title: 'Pack ahorro familiar de yogures',
      description: 'Pack de 16 yogures a precio de descuento para toda la red.',
      valueForUs: 'Volumen estable con un formato eficiente en producción.',
      valueForClient: 'Un precio de referencia que atrae a familias.',
      estimatedRevenue: 780_000,
      probability: 65,
      stage: 'PROPOSED',
      daysAgo: 45,
    },
    {
      title: 'Expansión a tiendas de Portugal',
      description: 'Referenciar la gama básica en sus 85 tiendas de Portugal.',
      valueForUs: 'Primer paso en el mercado portugués.',
      valueForClient: 'Surtido ibérico con un único proveedor.',
      estimatedRevenue: 1_100_000,
      probability: 30,
      stage: 'IDEA',
      daysAgo: 15,
    },
    {
      title: 'Reducción de envases plásticos',
      description: 'Pasar los yogures a envase de cartón en toda su gama.',
      valueForUs: 'Anticiparnos a la normativa de envases.',
      valueForClient: 'Cumplir su compromiso público de sostenibilidad.',
      estimatedRevenue: 300_000,
      probability: 90,
      stage: 'WON',
      daysAgo: 200,
    },
  ],
  'Grupo Hostelero Brisa': [
    {
      title: 'Desayuno buffet con producto local',
      description: 'Surtido de lácteos locales para los buffets de sus 22 hoteles.',
      valueForUs: 'Contrato anual con volumen previsible.',
      valueForClient: 'Producto de proximidad que valoran sus huéspedes.',
      estimatedRevenue: 420_000,
      probability: 50,
      stage: 'QUALIFIED',
      daysAgo: 30,
    },
    {
      title: 'Formación a cocineros en postres lácteos',
      description: 'Talleres de postres con nata y queso fresco para sus equipos de cocina.',
      valueForUs: 'Más uso de nata y queso fresco en carta.',
      valueForClient: 'Cartas de postres renovadas sin coste de formación.',
      estimatedRevenue: 90_000,
      probability: 75,
      stage: 'AGREED',
      daysAgo: 18,
    },
  ],
  'Cesta Online': [
    {
      title: 'Suscripción semanal de lácteos',
      description: 'Cesta de lácteos con entrega semanal para sus clientes suscritos.',
      valueForUs: 'Demanda recurrente y fácil de prever.',
      valueForClient: 'Fidelización y pedido medio más alto.',
      estimatedRevenue: 520_000,
      probability: 55,
      stage: 'PROPOSED',
      daysAgo: 25,
    },
    {
      title: 'Contenido de recetas en la app',
      description: 'Recetas con nuestros productos enlazadas al carrito de la app.',
      valueForUs: 'Visibilidad de marca en el momento de compra.',
      valueForClient: 'Contenido gratuito que aumenta la conversión.',
      estimatedRevenue: 150_000,
      probability: 70,
      stage: 'QUALIFIED',
      daysAgo: 10,
    },
  ],
};

const daysAgo = (today: Date, days: number): Date => new Date(today.getTime() - days * 86_400_000);
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Demo opportunities for the STRATEGIC and KEY accounts, owned by the account's KAM. The agreed
 * Christmas promotion at Supermercados Alba is turned into plan actions when the plans demo gave
 * the account an ACTIVE plan. Runs after the plans seed.
 */
export async function seedOpportunities(em: EntityManager, { accounts, today }: DemoContext): Promise<void> {
  const converted: { opportunity: Opportunity; owner: User }[] = [];
  for (const [accountName, list] of Object.entries(OPPORTUNITIES)) {
    const account = accounts.get(accountName);
    if (!account) continue;
    for (const o of list) {
      const at = daysAgo(today, o.daysAgo);
      const opportunity = em.create(Opportunity, {
        id: newId(),
        account,
        title: o.title,
        description: o.description,
        valueForUs: o.valueForUs,
        valueForClient: o.valueForClient,
        estimatedRevenue: o.estimatedRevenue,
        probability: o.probability,
        stage: o.stage,
        owner: account.owner,
        createdAt: at,
        updatedAt: at,
      });
      if (o.title === 'Promoción conjunta Navidad') converted.push({ opportunity, owner: account.owner });
    }
  }
  await em.flush();
  for (const { opportunity, owner } of converted) {
    try {
      const actions = await createPlanActions(
        em,
        { id: owner.id, role: owner.role, ledTeamIds: [] },
        {
          accountId: opportunity.account.id,
          source: 'OPPORTUNITY',
          items: [
            { title: 'Cerrar surtido del lote navideño con compras', dueDate: isoDay(daysAgo(today, -10)) },
            { title: 'Planificar degustaciones en 60 tiendas', dueDate: isoDay(daysAgo(today, -21)) },
          ],
        },
      );
      for (const action of actions) {
        em.create(OpportunityAction, { id: newId(), opportunity, planActionId: action.id });
      }
    } catch (error) {
      // No ACTIVE plan in the demo for this account: the opportunity simply stays unconverted.
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  await em.flush();
}
