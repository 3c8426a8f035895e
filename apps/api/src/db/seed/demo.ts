import type { AccountTier } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { Account, AccountRevenue } from '../../modules/accounts/account.entity.js';
import { recordAudit } from '../../modules/audit/audit.service.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import { Team, User } from '../../modules/users/user.entity.js';
import { newId } from '../ids.js';
import { type DemoContext, MODULE_SEEDS, seededRandom } from './modules.js';

/** The demo password of every demo user; printed in the README, never used outside the demo. */
export const DEMO_PASSWORD = 'clave-demo';

/** The company in the demo: Lácteos Sierra Norte, a dairy and chilled-foods maker. */
const TEAMS = [
  { name: 'Retail', manager: 'marta@clave.dev' },
  { name: 'Food service & online', manager: 'jorge@clave.dev' },
] as const;

const USERS = [
  { email: 'admin@clave.dev', name: 'Admin Clave', role: 'ADMIN', team: null },
  { email: 'marta@clave.dev', name: 'Marta Ibáñez', role: 'MANAGER', team: null },
  { email: 'jorge@clave.dev', name: 'Jorge Salinas', role: 'MANAGER', team: null },
  { email: 'ana@clave.dev', name: 'Ana Rodríguez', role: 'KAM', team: 'Retail' },
  { email: 'luis@clave.dev', name: 'Luis Ferrer', role: 'KAM', team: 'Retail' },
  { email: 'sofia@clave.dev', name: 'Sofía Marín', role: 'KAM', team: 'Food service & online' },
] as const;

interface DemoAccount {
  name: string;
  segment: string;
  tier: AccountTier;
  owner: string;
  supporters?: string[];
  cadence: number;
  /** Street address, for directions. */
  address?: string;
  /** Revenue with us in 2022, 2023, 2024 and 2025, in euros. */
  revenue: [number, number, number, number];
}

// One grocery chain carries just over half of the company's revenue: the risk Clave exists to manage.
const ACCOUNTS: DemoAccount[] = [
  {
    name: 'Supermercados Alba',
    segment: 'Grocery retail',
    tier: 'STRATEGIC',
    owner: 'ana@clave.dev',
    supporters: ['luis@clave.dev'],
    cadence: 7,
    address: 'Calle de Alcalá 250, 28027 Madrid',
    revenue: [21_400_000, 23_150_000, 24_900_000, 26_300_000],
  },
  {
    name: 'HiperNorte',
    segment: 'Hypermarkets',
    tier: 'STRATEGIC',
    owner: 'luis@clave.dev',
    cadence: 14,
    address: 'Avenida de Zugazarte 8, 48930 Getxo, Bizkaia',
    revenue: [6_800_000, 7_050_000, 6_900_000, 7_200_000],
  },
  {
    name: 'Distribuciones Cantábrico',
    segment: 'Cash & carry',
    tier: 'KEY',
    owner: 'ana@clave.dev',
    cadence: 21,
    revenue: [3_100_000, 3_350_000, 3_600_000, 3_720_000],
  },
  {
    name: 'Coop Valle Verde',
    segment: 'Cooperative retail',
    tier: 'KEY',
    owner: 'ana@clave.dev',
    cadence: 30,
    revenue: [1_900_000, 2_050_000, 2_180_000, 2_240_000],
  },
  {
    name: 'FreshMarket Europa',
    segment: 'Discount retail',
    tier: 'KEY',
    owner: 'sofia@clave.dev',
    cadence: 14,
    revenue: [2_700_000, 3_100_000, 3_480_000, 3_950_000],
  },
  {
    name: 'Grupo Hostelero Brisa',
    segment: 'Hotels & restaurants',
    tier: 'KEY',
    owner: 'sofia@clave.dev',
    cadence: 30,
    revenue: [1_450_000, 1_620_000, 1_700_000, 1_810_000],
  },
  {
    name: 'Cesta Online',
    segment: 'Online grocery',
    tier: 'KEY',
    owner: 'sofia@clave.dev',
    cadence: 30,
    revenue: [600_000, 980_000, 1_420_000, 1_930_000],
  },
  {
    name: 'Farmacias Salud+',
    segment: 'Pharmacy chains',
    tier: 'DEVELOPMENT',
    owner: 'luis@clave.dev',
    cadence: 45,
    revenue: [310_000, 420_000, 515_000, 640_000],
  },
  {
    name: 'EcoBio Tiendas',
    segment: 'Organic retail',
    tier: 'DEVELOPMENT',
    owner: 'sofia@clave.dev',
    cadence: 45,
    revenue: [380_000, 450_000, 530_000, 575_000],
  },
  {
    name: 'Vending Ibérica',
    segment: 'Vending',
    tier: 'DEVELOPMENT',
    owner: 'luis@clave.dev',
    cadence: 60,
    revenue: [260_000, 275_000, 240_000, 255_000],
  },
  {
    name: 'Selecta Gourmet',
    segment: 'Specialty retail',
    tier: 'DEVELOPMENT',
    owner: 'ana@clave.dev',
    cadence: 45,
    revenue: [190_000, 230_000, 290_000, 335_000],
  },
  {
    name: 'Catering Escolar Sol',
    segment: 'Contract catering',
    tier: 'DEVELOPMENT',
    owner: 'luis@clave.dev',
    cadence: 60,
    revenue: [420_000, 445_000, 470_000, 505_000],
  },
];

export const DEMO_YEARS = [2022, 2023, 2024, 2025] as const;

/**
 * Loads the demo on an empty database; returns false (and changes nothing) when users exist.
 * Dates are relative to `today`, so the demo always looks current; the random choices are seeded,
 * so the same day gives the same data.
 */
export async function seedDemo(em: EntityManager, today = new Date()): Promise<boolean> {
  if ((await em.count(User, {})) > 0) return false;
  const hashes = await Promise.all(USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await em.transactional(async (tx) => {
    const users = new Map<string, User>();
    const teams = new Map<string, Team>();
    for (const t of TEAMS) teams.set(t.name, tx.create(Team, { id: newId(), name: t.name, manager: null }));
    USERS.forEach((u, i) => {
      const user = tx.create(User, {
        id: newId(),
        email: u.email,
        name: u.name,
        role: u.role,
        team: u.team ? teams.get(u.team) : null,
        passwordHash: hashes[i] as string,
        active: true,
      });
      users.set(u.email, user);
    });
    for (const t of TEAMS) (teams.get(t.name) as Team).manager = users.get(t.manager) as User;
    const accounts = new Map<string, Account>();
    for (const a of ACCOUNTS) {
      const account = tx.create(Account, {
        id: newId(),
        name: a.name,
        segment: a.segment,
        tier: a.tier,
        status: 'ACTIVE',
        owner: users.get(a.owner) as User,
        supporters: (a.supporters ?? []).map((email) => users.get(email) as User),
        visitCadenceDays: a.cadence,
        address: a.address ?? null,
      });
      accounts.set(a.name, account);
      for (const [i, year] of DEMO_YEARS.entries()) {
        tx.create(AccountRevenue, { id: newId(), account, year, amount: a.revenue[i] as number });
      }
    }
    const context: DemoContext = { users, accounts, today, random: seededRandom(20261127) };
    for (const seedModule of MODULE_SEEDS) await seedModule(tx, context);
    recordAudit(tx, { actorId: null, entityType: 'Demo', entityId: 'demo', action: 'SEED' });
  });
  return true;
}
