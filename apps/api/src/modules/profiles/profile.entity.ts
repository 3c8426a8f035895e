import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { User } from '../users/user.entity.js';

/**
 * The "know the client" text of one account. Its id is the account's id: there is at most one
 * profile per account, and an account without a row simply has an empty profile (version 0), so
 * nothing needs creating until the first edit.
 */
export const AccountProfile = defineEntity({
  name: 'AccountProfile',
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).unique().deleteRule('cascade'),
    history: p.text(),
    mission: p.text(),
    vision: p.text(),
    strategies: p.text(),
    objectives: p.text(),
    currentNeeds: p.text(),
    futureNeeds: p.text(),
    fears: p.text(),
    threats: p.text(),
    /** Starts at 1 with the first edit; the empty profile before it reads as version 0. */
    version: p.integer().version(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(User).nullable().index(),
  },
});
export type AccountProfile = InferEntity<typeof AccountProfile>;

/** One section's change: the profile's history, written in the same transaction as the change. */
export const AccountProfileRevision = defineEntity({
  name: 'AccountProfileRevision',
  indexes: [{ properties: ['account', 'at'] }],
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).deleteRule('cascade'),
    section: p.string().length(30),
    before: p.text(),
    after: p.text(),
    /** The profile version this change produced. */
    version: p.integer(),
    author: () => p.manyToOne(User).nullable().index(),
    at: p.datetime(),
  },
});
export type AccountProfileRevision = InferEntity<typeof AccountProfileRevision>;
