import { createContextCache } from '@pothos/core';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import {
  type CompanyRevenueYear,
  type CompanySettingsView,
  companyRevenueYears,
  companySettings,
  setCompanyRevenue,
  shareYear,
  updateCompanySettings,
} from './company.service.js';

/** The share year, read once per request whoever asks (account pages, lists, portfolio). */
export const shareYearOfRequest = createContextCache((ctx: Context) => shareYear(ctx.em));

const settingsOfRequest = createContextCache((ctx: Context) => companySettings(ctx.em));

/** Company is a singleton: its fields read what they need through the request. */
interface CompanyView {
  /** Set when a mutation has just written the settings (read back without another query). */
  readonly settings?: CompanySettingsView;
}

export const CompanyRevenueYearRef = builder.objectRef<CompanyRevenueYear>('CompanyRevenueYear').implement({
  description:
    "One year of the company's revenue: its total (customers outside Clave included) and the key accounts' part.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Calendar year.' }),
    totalRevenue: t.float({
      nullable: true,
      description:
        "The company's total revenue in the year, customers outside Clave included, in the company currency; null when not set (shares are then of the key accounts' sum).",
      resolve: (y) => y.totalRevenue,
    }),
    keyAccountRevenue: t.exposeFloat('keyAccountRevenue', {
      description:
        "The sum of every key account's revenue in the year (the whole company's, not only the viewer's).",
    }),
  }),
});

export const CompanyRef = builder.objectRef<CompanyView>('Company').implement({
  description: 'The company using Clave: its settings and its revenue per year.',
  fields: (t) => ({
    currency: t.string({
      description: 'ISO 4217 code of the currency every amount is in (default EUR).',
      resolve: async (c, _args, ctx) => (c.settings ?? (await settingsOfRequest(ctx))).currency,
    }),
    shareYear: t.int({
      nullable: true,
      description:
        'The year every share of company revenue is of by default: the latest COMPLETE year with revenue on record (the latest year before the current one with any account revenue; if none, the latest year on record); null without revenue.',
      resolve: (_c, _args, ctx) => shareYearOfRequest(ctx),
    }),
    revenueYears: t.field({
      type: [CompanyRevenueYearRef],
      description:
        'Every year with key-account revenue or a company total, newest first. Managers and admins; empty for KAMs and for API tokens without read:accounts.',
      resolve: (_c, _args, ctx) => companyRevenueYears(ctx),
    }),
  }),
});

builder.queryField('company', (t) =>
  t.field({
    type: CompanyRef,
    description: 'The company: currency, share year and revenue per year. Any signed-in user or API token.',
    authScopes: { signedIn: true },
    resolve: () => ({}),
  }),
);

const SetCompanyRevenueInput = builder.inputType('SetCompanyRevenueInput', {
  description: "The company's total revenue of one year, customers outside Clave included.",
  fields: (t) => ({
    year: t.int({ required: true, description: 'Calendar year, from 2000 to the current one.' }),
    totalRevenue: t.float({
      description:
        "Total revenue in the company currency, two decimals at most; at least the key accounts' revenue of that year. Null clears it.",
    }),
  }),
});

const UpdateCompanySettingsInput = builder.inputType('UpdateCompanySettingsInput', {
  description: 'Company settings to change.',
  fields: (t) => ({
    currency: t.string({
      required: true,
      description: 'ISO 4217 currency code, e.g. EUR, USD, MXN (case-insensitive).',
    }),
  }),
});

builder.mutationField('setCompanyRevenue', (t) =>
  t.field({
    type: CompanyRevenueYearRef,
    description:
      "Sets or clears the company's total revenue of a year, the denominator of that year's shares, HHI and dependency alerts (admins only; others get ForbiddenError).",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: SetCompanyRevenueInput, required: true, description: 'Year and total.' }) },
    errors: { types: [ValidationError, ForbiddenError] },
    resolve: (_root, { input }, ctx) =>
      setCompanyRevenue(ctx, { year: input.year, totalRevenue: input.totalRevenue ?? null }),
  }),
);

builder.mutationField('updateCompanySettings', (t) =>
  t.field({
    type: CompanyRef,
    description: "Changes the company's settings: its currency (admins only; others get ForbiddenError).",
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: UpdateCompanySettingsInput, required: true, description: 'The new settings.' }),
    },
    errors: { types: [ValidationError, ForbiddenError] },
    resolve: async (_root, { input }, ctx) => ({ settings: await updateCompanySettings(ctx, input) }),
  }),
);
