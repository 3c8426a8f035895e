import { ACCOUNT_STATUSES, ACCOUNT_TIERS } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumColumn } from '../../db/enum-column.js';
import { User } from '../users/user.entity.js';

export const Account = defineEntity({
  name: 'Account',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200).index(),
    segment: p.string().length(120),
    tier: enumColumn(ACCOUNT_TIERS).index(),
    // No database defaults anywhere: SQLite reads them back differently, so the schema diff
    // would never be empty; services always set every column.
    status: enumColumn(ACCOUNT_STATUSES),
    owner: () => p.manyToOne(User).index(),
    supporters: () => p.manyToMany(User).pivotTable('account_supporter').owner(),
    visitCadenceDays: p.integer(),
    /** Street address for directions to the client; null when not given. */
    address: p.string().length(300).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date())
      .index(),
    archivedAt: p.datetime().nullable(),
  },
});
export type Account = InferEntity<typeof Account>;

/** Revenue with us in one calendar year; the source of every share-of-revenue figure. */
export const AccountRevenue = defineEntity({
  name: 'AccountRevenue',
  uniques: [{ properties: ['account', 'year'] }],
  // Shares of company revenue read every account's revenue of one year, or its sum: covered by
  // the index alone, without reading the rows (bench/README.md).
  indexes: [{ properties: ['year', 'amount'] }],
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).deleteRule('cascade'),
    year: p.integer(),
    amount: p.decimal('number').precision(16).scale(2),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type AccountRevenue = InferEntity<typeof AccountRevenue>;

/**
 * Revenue with us from the account in one calendar month. Where a year has months, its
 * AccountRevenue row is their sum, kept in the transaction that records them.
 */
export const AccountMonthlyRevenue = defineEntity({
  name: 'AccountMonthlyRevenue',
  // Also the index of every read: an account's months in a range, for a batch of accounts.
  uniques: [{ properties: ['account', 'month'] }],
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).deleteRule('cascade'),
    /** 'YYYY-MM'. */
    month: p.string().length(7),
    amount: p.decimal('number').precision(16).scale(2),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type AccountMonthlyRevenue = InferEntity<typeof AccountMonthlyRevenue>;
