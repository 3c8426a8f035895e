import { ACCOUNT_PROFILE_SECTIONS, type AccountProfileSection } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import { AccountProfile, AccountProfileRevision } from './profile.entity.js';

type Sections = Partial<Record<AccountProfileSection, string>>;

const PROFILES: Record<string, Sections> = {
  'Supermercados Alba': {
    history:
      'Cadena familiar fundada en 1968 en Burgos; hoy 412 supermercados de proximidad en el norte y centro. ' +
      'Somos proveedores desde 2004: empezamos con yogur natural y hoy cubrimos leche, postres y quesos frescos. ' +
      'En 2019 pasamos a ser proveedor preferente de marca propia en postres.',
    mission: 'Ofrecer frescura y producto local a precio justo, a menos de diez minutos de cada cliente.',
    vision: 'Ser la cadena de proximidad de referencia del norte de España en 2030, con 550 tiendas.',
    strategies:
      'Refuerzo de frescos y producto regional; crecimiento de la marca propia hasta el 45 % de las ventas; ' +
      'remodelación de 60 tiendas al año; venta online con recogida en tienda.',
    objectives:
      'Subir dos puntos de margen en lácteos en 2026; reducir roturas de stock en frescos por debajo del 2 %; ' +
      'abrir 35 tiendas en la Comunidad de Madrid.',
    currentNeeds:
      'Formatos pequeños para hogares de una o dos personas; entregas diarias a las tiendas urbanas; ' +
      'apoyo en promociones de verano para postres.',
    futureNeeds:
      'Gama sin lactosa y alta en proteína en marca propia; envases reciclables al 100 % antes de 2027; ' +
      'datos de sell-out compartidos para planificar la reposición.',
    fears:
      'Perder tráfico frente a los discounters; que la subida del coste de la leche se traslade sin aviso; ' +
      'depender de un único proveedor en postres.',
    threats:
      'Entrada de FreshMarket en sus plazas principales; guerra de precios en leche; nueva normativa de envases.',
  },
  HiperNorte: {
    history:
      'Grupo vasco de hipermercados (38 centros) con fuerte implantación en Bizkaia y Cantabria. ' +
      'Cliente desde 2011; la relación se enfrió en 2023 tras un problema de servicio en Navidad.',
    mission: 'Todo lo que necesita la familia en una sola visita, con el mejor producto de la tierra.',
    strategies:
      'Más superficie para frescos y producto vasco; galerías comerciales con restauración; programa de fidelización.',
    objectives:
      'Recuperar cuota en alimentación frente a los supermercados de barrio; crecer un 4 % en frescos.',
    currentNeeds: 'Fiabilidad de servicio (OTIF por encima del 97 %); promociones conjuntas en folleto.',
    futureNeeds: 'Productos con sello Eusko Label; exposición en las nuevas zonas de restauración.',
    fears: 'Que se repitan las roturas de Navidad; caída de visitas a los hipermercados.',
    threats: 'El cambio de hábitos hacia la compra de proximidad y online.',
  },
  'Distribuciones Cantábrico': {
    history: 'Cash & carry con 14 almacenes que abastece a hostelería y tiendas tradicionales del norte.',
    mission: 'Que el pequeño comercio y la hostelería encuentren todo a buen precio y sin mínimos.',
    objectives: 'Crecer en clientes de hostelería un 10 % y lanzar la venta online a profesionales.',
    currentNeeds: 'Formatos de hostelería (cubos de 5 kg, leche de 1,5 l) y condiciones de pago a 60 días.',
    threats: 'La distribución directa de los grandes fabricantes a la hostelería.',
  },
  'Coop Valle Verde': {
    history: 'Cooperativa de consumo con 62 tiendas en Navarra y La Rioja; socios desde 1987.',
    mission: 'Alimentación de calidad y cercana, con beneficio para socios y productores locales.',
    currentNeeds: 'Surtido regional en lácteos y apoyo en degustaciones en tienda.',
    futureNeeds: 'Gama ecológica asequible.',
    fears: 'Pérdida de socios jóvenes.',
  },
  'FreshMarket Europa': {
    history: 'Discounter alemán que entró en España en 2015; 210 tiendas y un plan de 40 aperturas al año.',
    mission: 'Calidad al precio más bajo, con un surtido corto y eficiente.',
    strategies: 'Surtido de 1.800 referencias; marca propia por encima del 80 %; expansión en el sur.',
    objectives: 'Llegar a 400 tiendas en España en 2028.',
    currentNeeds: 'Proveedor nacional de yogures de marca propia con capacidad para crecer un 30 % anual.',
    threats: 'Auditorías de calidad muy exigentes de la central; presión constante en precio.',
  },
  'Grupo Hostelero Brisa': {
    history: 'Grupo de 22 hoteles vacacionales en Baleares y Canarias, con restauración propia.',
    currentNeeds: 'Producto para bufé de desayuno en formatos de hostelería y entregas en temporada alta.',
    futureNeeds: 'Gama sin lactosa y vegetal para clientes internacionales.',
    fears: 'Rupturas de suministro en agosto.',
  },
  'Cesta Online': {
    history: 'Supermercado online nacido en Barcelona en 2018; hoy reparte en ocho provincias.',
    mission: 'La compra de la semana en casa en dos horas.',
    strategies: 'Almacenes urbanos automatizados; surtido de frescos como principal argumento.',
    currentNeeds: 'Fechas de caducidad largas en la entrega y datos de producto completos para la web.',
    threats: 'Rentabilidad ajustada; competencia de las apps de reparto rápido.',
  },
};

/**
 * Sections rewritten after the first write, oldest change first: the first write held `earlier`,
 * and the change `daysAgo` gave the section its text above (the profile's history of edits).
 */
const EDITS: Record<string, { section: AccountProfileSection; earlier: string; daysAgo: number }[]> = {
  HiperNorte: [
    {
      section: 'currentNeeds',
      earlier: 'Recuperar la confianza tras las roturas de Navidad; un informe semanal de servicio.',
      daysAgo: 60,
    },
    {
      section: 'objectives',
      earlier: 'Recuperar cuota en alimentación frente a los supermercados de barrio.',
      daysAgo: 20,
    },
  ],
};

/** Natural profiles for the strategic and key accounts, with the revisions that wrote them. */
export async function seedProfiles(em: EntityManager, { accounts, today }: DemoContext): Promise<void> {
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000);
  const writtenAt = daysAgo(120);
  for (const [accountName, sections] of Object.entries(PROFILES)) {
    const account = accounts.get(accountName);
    if (!account) continue;
    const text = Object.fromEntries(ACCOUNT_PROFILE_SECTIONS.map((s) => [s, sections[s] ?? ''])) as Record<
      AccountProfileSection,
      string
    >;
    const edits = EDITS[accountName] ?? [];
    const first = { ...text };
    for (const edit of edits) first[edit.section] = edit.earlier;
    for (const section of ACCOUNT_PROFILE_SECTIONS) {
      if (!first[section]) continue;
      em.create(AccountProfileRevision, {
        id: newId(),
        account,
        section,
        before: '',
        after: first[section],
        version: 1,
        author: account.owner,
        at: writtenAt,
      });
    }
    edits.forEach((edit, index) => {
      em.create(AccountProfileRevision, {
        id: newId(),
        account,
        section: edit.section,
        before: edit.earlier,
        after: text[edit.section],
        version: index + 2,
        author: account.owner,
        at: daysAgo(edit.daysAgo),
      });
    });
    const last = edits.at(-1);
    em.create(AccountProfile, {
      id: account.id,
      account,
      ...text,
      version: edits.length + 1,
      updatedAt: last ? daysAgo(last.daysAgo) : writtenAt,
      updatedBy: account.owner,
    });
  }
  await em.flush();
}
