import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** The id of the one settings row. */
export const COMPANY_SETTINGS_ID = 'company';

/** Company-wide settings: one row (id 'company'), absent until an admin first changes one. */
export const CompanySettings = defineEntity({
  name: 'CompanySettings',
  properties: {
    id: p.string().length(20).primary(),
    /** ISO 4217 code of the currency every amount is in. */
    currency: p.string().length(3),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CompanySettings = InferEntity<typeof CompanySettings>;

/**
 * The company's total revenue in one calendar year, customers outside Clave included: the
 * denominator of every share, HHI and dependency alert of that year when set.
 */
export const CompanyRevenue = defineEntity({
  name: 'CompanyRevenue',
  properties: {
    id: p.uuid().primary(),
    year: p.integer().unique(),
    totalRevenue: p.decimal('number').precision(16).scale(2),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CompanyRevenue = InferEntity<typeof CompanyRevenue>;
