import type { StakeholderAttitude, StakeholderInfluence, StakeholderRole } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import type { DemoContext } from '../../db/seed/modules.js';
import type { Account } from '../accounts/account.entity.js';
import { Stakeholder } from './stakeholder.entity.js';

/**
 * name, title, role in decisions, attitude, influence in the decision, index of the person they
 * report to (or null), phone.
 */
type Person = [
  string,
  string,
  StakeholderRole,
  StakeholderAttitude,
  StakeholderInfluence,
  number | null,
  string?,
];

const PEOPLE: Record<string, Person[]> = {
  'Supermercados Alba': [
    ['Ricardo Alba Montes', 'Director General Comercial', 'DECISION_MAKER', 'SUPPORTER', 'HIGH', null],
    ['Elena Vidal Sanz', 'Directora de Compras', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', 0, '+34 915 44 21 10'],
    [
      'Carmen Ortega Ruiz',
      'Jefa de Categoría Lácteos',
      'INFLUENCER',
      'CHAMPION',
      'HIGH',
      1,
      '+34 600 12 34 56',
    ],
    ['Pablo Núñez Gil', 'Category Manager Postres y Yogures', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 1],
    ['Lucía Herrero Pardo', 'Responsable de Calidad', 'GATEKEEPER', 'NEUTRAL', 'MEDIUM', 0],
    ['Javier Molina Torres', 'Jefe de Logística', 'USER', 'DETRACTOR', 'LOW', 0],
    ['Marta Esteban Ríos', 'Asistente de Dirección de Compras', 'GATEKEEPER', 'SUPPORTER', 'MEDIUM', 1],
  ],
  HiperNorte: [
    ['Íñigo Etxeberria', 'Director de Compras Alimentación', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    ['Ane Goikoetxea', 'Jefa de Sección Frescos', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 0, '+34 944 12 80 00'],
    ['Mikel Aranburu', 'Comprador Lácteos', 'INFLUENCER', 'CHAMPION', 'HIGH', 1],
    ['Nerea Zubiri', 'Responsable de Promociones', 'USER', 'NEUTRAL', 'LOW', 0],
    ['Josu Larrañaga', 'Director de Tienda Barakaldo', 'USER', 'DETRACTOR', 'LOW', 0],
  ],
  'Distribuciones Cantábrico': [
    ['Fernando Quintana', 'Gerente', 'DECISION_MAKER', 'SUPPORTER', 'HIGH', null],
    ['Rosa Cuesta', 'Jefa de Compras', 'DECISION_MAKER', 'CHAMPION', 'HIGH', 0, '+34 942 33 10 20'],
    ['Andrés Pelayo', 'Jefe de Almacén', 'USER', 'NEUTRAL', 'LOW', 0],
    ['Beatriz Sainz', 'Administración y Pagos', 'GATEKEEPER', 'NEUTRAL', 'MEDIUM', 0],
  ],
  'Coop Valle Verde': [
    ['Antonio Lozano', 'Presidente del Consejo Rector', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    ['Inés Carrasco', 'Gerente de Compras', 'DECISION_MAKER', 'SUPPORTER', 'HIGH', 0],
    ['Tomás Benítez', 'Responsable de Secciones Frescas', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 1],
    ['Paula Romero', 'Técnica de Marketing', 'USER', 'CHAMPION', 'LOW', 1],
  ],
  'FreshMarket Europa': [
    ['Klaus Berger', 'Head of Buying Iberia', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    [
      'Sara Domínguez',
      'Compradora Senior Lácteos',
      'INFLUENCER',
      'SUPPORTER',
      'MEDIUM',
      0,
      '+34 917 90 55 00',
    ],
    ['Hugo Castillo', 'Analista de Categoría', 'USER', 'SUPPORTER', 'LOW', 1],
    ['Greta Hoffmann', 'Quality Assurance Manager', 'GATEKEEPER', 'DETRACTOR', 'MEDIUM', 0],
    ['Álvaro Prieto', 'Supply Chain Planner', 'USER', 'NEUTRAL', 'LOW', 0],
  ],
  'Grupo Hostelero Brisa': [
    ['Cristina Fuster', 'Directora de Operaciones', 'DECISION_MAKER', 'SUPPORTER', 'HIGH', null],
    ['Jordi Puig', 'Chef Ejecutivo', 'INFLUENCER', 'CHAMPION', 'HIGH', 0],
    ['Núria Vives', 'Responsable de Compras F&B', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', 0, '+34 971 22 40 40'],
    ['Marc Serra', 'Jefe de Economato', 'USER', 'NEUTRAL', 'LOW', 2],
  ],
  'Cesta Online': [
    ['Daniel Ferrán', 'CEO y Cofundador', 'DECISION_MAKER', 'SUPPORTER', 'HIGH', null],
    ['Laura Benet', 'Head of Fresh', 'DECISION_MAKER', 'CHAMPION', 'HIGH', 0],
    ['Óscar Lamas', 'Category Manager Lácteos', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 1],
    ['Irene Sáez', 'Responsable de Marketing de Producto', 'USER', 'NEUTRAL', 'LOW', 1],
  ],
  'Farmacias Salud+': [
    ['Dra. Teresa Méndez', 'Directora de Parafarmacia', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    ['Raúl Campos', 'Comprador Nutrición', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 0],
    ['Silvia Pastor', 'Formación de Farmacéuticos', 'USER', 'SUPPORTER', 'LOW', 0],
  ],
  'EcoBio Tiendas': [
    ['Maite Aguirre', 'Fundadora y Directora', 'DECISION_MAKER', 'CHAMPION', 'HIGH', null],
    ['Gorka Ibarra', 'Responsable de Compras', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 0],
    ['Alba Rivas', 'Encargada de Tienda Bilbao', 'USER', 'NEUTRAL', 'LOW', 1],
  ],
  'Vending Ibérica': [
    ['Sergio Vallejo', 'Director Comercial', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    ['Patricia Luna', 'Jefa de Producto', 'INFLUENCER', 'DETRACTOR', 'MEDIUM', 0],
    ['Luis Barrios', 'Jefe de Rutas', 'USER', 'NEUTRAL', 'LOW', 0],
  ],
  'Selecta Gourmet': [
    ['Beatriz de la Fuente', 'Propietaria', 'DECISION_MAKER', 'CHAMPION', 'HIGH', null],
    ['Enrique Solís', 'Encargado de Compras', 'INFLUENCER', 'SUPPORTER', 'MEDIUM', 0],
    ['Clara Montero', 'Responsable de Tienda Online', 'USER', 'NEUTRAL', 'LOW', 0],
  ],
  'Catering Escolar Sol': [
    ['Manuel Cabrera', 'Director de Compras', 'DECISION_MAKER', 'NEUTRAL', 'HIGH', null],
    ['Rocío Navarro', 'Nutricionista Jefa', 'INFLUENCER', 'CHAMPION', 'HIGH', 0, '+34 954 61 72 83'],
    ['Francisco Gil', 'Jefe de Cocina Central', 'USER', 'SUPPORTER', 'LOW', 0],
    ['Yolanda Marín', 'Responsable de Licitaciones', 'GATEKEEPER', 'NEUTRAL', 'MEDIUM', 0],
  ],
};

/** firstname.lastname@domain, without accents, for the demo's work emails. */
function emailOf(name: string, account: Account): string {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '');
  const parts = name.replace(/^Dra?\. /, '').split(' ');
  const domain = `${plain(account.name)}.example`;
  return `${plain(parts[0] ?? '')}.${plain(parts[1] ?? '')}@${domain}`;
}

/** 3–7 people per demo account with their reporting lines (e.g. Directora de Compras ← Jefa de Categoría). */
export async function seedStakeholders(em: EntityManager, { accounts }: DemoContext): Promise<void> {
  for (const [accountName, people] of Object.entries(PEOPLE)) {
    const account = accounts.get(accountName);
    if (!account) continue;
    const created: Stakeholder[] = [];
    for (const [i, [name, title, decisionRole, attitude, influence, reportsTo, phone]] of people.entries()) {
      created.push(
        em.create(Stakeholder, {
          id: newId(),
          account,
          name,
          title,
          decisionRole,
          attitude,
          influence,
          reportsTo: reportsTo === null ? null : (created[reportsTo] as Stakeholder),
          email: i % 3 === 2 ? null : emailOf(name, account),
          phone: phone ?? null,
          archivedAt: null,
          contentHash: null,
        }),
      );
    }
  }
  await em.flush();
}
