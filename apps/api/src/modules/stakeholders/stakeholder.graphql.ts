import type { STAKEHOLDER_ATTITUDES, STAKEHOLDER_INFLUENCES, STAKEHOLDER_ROLES } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import type { Stakeholder } from './stakeholder.entity.js';
import {
  archiveStakeholder,
  buyingCentreGaps,
  createStakeholder,
  directReportsOf,
  loadStakeholders,
  stakeholdersByAccount,
  updateStakeholder,
} from './stakeholder.service.js';

export const DecisionRoleEnum = builder.enumType('StakeholderDecisionRole', {
  description: "The stakeholder's part in the client's buying decisions.",
  values: {
    DECISION_MAKER: { description: 'Takes the decision (signs the deal).' },
    INFLUENCER: { description: 'Shapes the decision without taking it.' },
    USER: { description: 'Works with what we sell; their experience counts.' },
    GATEKEEPER: { description: 'Controls access to the decision makers.' },
  } satisfies Record<(typeof STAKEHOLDER_ROLES)[number], { description: string }>,
});

export const AttitudeEnum = builder.enumType('StakeholderAttitude', {
  description: 'How the stakeholder stands towards us.',
  values: {
    CHAMPION: { description: 'Actively promotes us inside the client.' },
    SUPPORTER: { description: 'Favourable to us.' },
    NEUTRAL: { description: 'Neither for nor against.' },
    DETRACTOR: { description: 'Prefers a competitor or opposes us.' },
  } satisfies Record<(typeof STAKEHOLDER_ATTITUDES)[number], { description: string }>,
});

export const InfluenceEnum = builder.enumType('StakeholderInfluence', {
  description: "The stakeholder's weight in the buying decision, separate from their role in it.",
  values: {
    HIGH: { description: 'Their view carries the decision (or vetoes it).' },
    MEDIUM: { description: 'Listened to; can tip a close decision.' },
    LOW: { description: 'Little weight in the decision.' },
  } satisfies Record<(typeof STAKEHOLDER_INFLUENCES)[number], { description: string }>,
});

export const StakeholderRef = builder.loadableNode('Stakeholder', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description: 'A person at the client: role in decisions, attitude towards us, and reporting line.',
  id: { resolve: (s) => s.id },
  isTypeOf: isEntity('Stakeholder'),
  // Null for stakeholders of accounts the viewer may not see, as for a missing id.
  load: (ids: string[], ctx: Context) => loadStakeholders(ctx, ids) as Promise<Stakeholder[]>,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    title: t.string({
      nullable: true,
      description: 'Job title, e.g. "Directora de Compras".',
      resolve: (s) => s.title ?? null,
    }),
    decisionRole: t.field({
      type: DecisionRoleEnum,
      description: 'Role in decisions.',
      resolve: (s) => s.decisionRole,
    }),
    attitude: t.field({
      type: AttitudeEnum,
      description: 'Attitude towards us.',
      resolve: (s) => s.attitude,
    }),
    influence: t.field({
      type: InfluenceEnum,
      nullable: true,
      description: 'Weight in the decision (separate from the role); null when not assessed.',
      resolve: (s) => s.influence ?? null,
    }),
    email: t.string({ nullable: true, description: 'Work email.', resolve: (s) => s.email ?? null }),
    phone: t.string({ nullable: true, description: 'Phone as typed.', resolve: (s) => s.phone ?? null }),
    archived: t.boolean({
      description: 'Archived stakeholders are kept with their visits but left off the map.',
      resolve: (s) => s.archivedAt != null,
    }),
    account: t.field({
      type: AccountRef,
      description: 'The client the stakeholder works for.',
      resolve: (s, _args, ctx) => AccountRef.getDataloader(ctx).load(s.account.id),
    }),
    version: t.exposeInt('version', {
      description: 'Send it back as `expectedVersion` to avoid lost updates.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
  }),
});

// The reporting line, added after the type exists (its fields point back at the type itself).
builder.objectFields(StakeholderRef, (t) => ({
  reportsTo: t.field({
    type: StakeholderRef,
    nullable: true,
    description: 'Whom they report to: another stakeholder of the same account.',
    resolve: (s) => (s.reportsTo ? Reference.create(s.reportsTo).load({ dataloader: true }) : null),
  }),
  directReports: t.loadableList({
    type: StakeholderRef,
    description: 'Active stakeholders who report to this one, by name.',
    load: (ids: string[], ctx: Context) => directReportsOf(ctx.em, ids),
    resolve: (s) => s.id,
  }),
}));

builder.objectField(AccountRef, 'stakeholders', (t) =>
  t.loadableList({
    type: StakeholderRef,
    description: 'People at the client, by name; archived ones only when asked.',
    args: {
      includeArchived: t.arg.boolean({ description: 'Also list archived stakeholders (default false).' }),
    },
    // Keyed by account and flag, so a page of accounts costs one query per flag value.
    load: async (keys: string[], ctx: Context) => {
      const ids = keys.map((k) => k.split('|')[0] as string);
      const archived = keys.some((k) => k.endsWith('|all'));
      const lists = await stakeholdersByAccount(ctx.em, ids, archived);
      return lists.map((list, i) => (keys[i]?.endsWith('|all') ? list : list.filter((s) => !s.archivedAt)));
    },
    resolve: (account, args) => `${account.id}|${args.includeArchived ? 'all' : 'active'}`,
  }),
);

builder.objectField(AccountRef, 'buyingCentreGaps', (t) =>
  t.loadableList({
    type: DecisionRoleEnum,
    description:
      'The gaps in the buying centre: the decision roles (in the order DECISION_MAKER, INFLUENCER, ' +
      'USER, GATEKEEPER) that no active stakeholder with that role has been met in, by a logged visit, ' +
      'in the last 90 calendar days (UTC, counting from the start of the day 90 days ago). A role ' +
      'nobody at the account holds is a gap too. Empty when every role was met.',
    load: (ids: string[], ctx: Context) => buyingCentreGaps(ctx.em, ids),
    resolve: (account) => account.id,
  }),
);

const CreateStakeholderInput = builder.inputType('CreateStakeholderInput', {
  description: 'A new stakeholder of an account.',
  fields: (t) => ({
    id: t.id({
      description:
        'A UUID the client made for this stakeholder (not a global id), so that sending it again ' +
        'stores it once. Optional: the server makes one when absent.',
    }),
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    name: t.string({ required: true, description: 'Full name, 1–200 characters.' }),
    title: t.string({ description: 'Job title.' }),
    decisionRole: t.field({ type: DecisionRoleEnum, required: true, description: 'Role in decisions.' }),
    attitude: t.field({ type: AttitudeEnum, description: 'Attitude towards us (default NEUTRAL).' }),
    influence: t.field({
      type: InfluenceEnum,
      description: 'Weight in the decision; absent when not assessed.',
    }),
    reportsToId: t.id({ description: 'Global id of the stakeholder (same account) they report to.' }),
    email: t.string({ description: 'Work email.' }),
    phone: t.string({ description: 'Phone, as written on the business card.' }),
  }),
});

const UpdateStakeholderInput = builder.inputType('UpdateStakeholderInput', {
  description: 'Only the fields given change; null clears title, influence, reportsToId, email or phone.',
  fields: (t) => ({
    expectedVersion: t.int({ description: 'The version last read; refuses the change if it moved on.' }),
    name: t.string({ description: 'Full name.' }),
    title: t.string({ description: 'Job title (null clears it).' }),
    decisionRole: t.field({ type: DecisionRoleEnum, description: 'Role in decisions.' }),
    attitude: t.field({ type: AttitudeEnum, description: 'Attitude towards us.' }),
    influence: t.field({ type: InfluenceEnum, description: 'Weight in the decision (null clears it).' }),
    reportsToId: t.id({
      description: 'Global id of the stakeholder (same account) they report to; null for none.',
    }),
    email: t.string({ description: 'Work email (null clears it).' }),
    phone: t.string({ description: 'Phone (null clears it).' }),
  }),
});

const CLEARABLE = new Set(['title', 'influence', 'reportsToId', 'email', 'phone']);

/** Global ids to database ids; null kept only where it means "clear". */
function withDatabaseIds(input: Record<string, unknown>, clearable: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || (value === null && !(clearable && CLEARABLE.has(key)))) continue;
    out[key] = value;
  }
  if (typeof input.accountId === 'string')
    out.accountId = decodeId(input.accountId, 'Account', ['accountId']);
  if (typeof input.reportsToId === 'string')
    out.reportsToId = decodeId(input.reportsToId, 'Stakeholder', ['reportsToId']);
  return out;
}

builder.mutationField('createStakeholder', (t) =>
  t.field({
    type: StakeholderRef,
    description:
      "Adds a person to an account's stakeholder map (its KAMs and their manager). With a client-made " +
      'id, sending the same stakeholder again returns the stored one; the same id with other content ' +
      'is a ConflictError.',
    authScopes: { signedIn: true },
    args: {
      input: t.arg({ type: CreateStakeholderInput, required: true, description: 'The new stakeholder.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { input }, ctx) => createStakeholder(ctx, withDatabaseIds(input, false)),
  }),
);

builder.mutationField('updateStakeholder', (t) =>
  t.field({
    type: StakeholderRef,
    description: 'Changes a stakeholder. The reporting line must stay within the account and form no circle.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the stakeholder.' }),
      input: t.arg({ type: UpdateStakeholderInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) =>
      updateStakeholder(ctx, decodeId(id, 'Stakeholder'), withDatabaseIds(input, true)),
  }),
);

builder.mutationField('archiveStakeholder', (t) =>
  t.field({
    type: StakeholderRef,
    description: 'Archives a stakeholder (kept with their visits, left off the map). Twice is harmless.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the stakeholder.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { id }, ctx) => archiveStakeholder(ctx, decodeId(id, 'Stakeholder')),
  }),
);
