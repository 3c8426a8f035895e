import type { OPPORTUNITY_STAGES } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import type { PlanAction } from '../plans/plan.entity.js';
import { PlanActionRef } from '../plans/plan-action.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { Opportunity } from './opportunity.entity.js';
import {
  convertOpportunityToActions,
  createOpportunity,
  loadOpportunities,
  opportunitiesByAccount,
  planActionsByOpportunity,
  updateOpportunity,
} from './opportunity.service.js';

export const OpportunityStageEnum = builder.enumType('OpportunityStage', {
  description: 'How far a win-win opportunity has come, from an idea to won or lost.',
  values: {
    IDEA: { description: 'An idea, not yet checked with the client.' },
    QUALIFIED: { description: 'The client is interested and the value is worth pursuing.' },
    PROPOSED: { description: 'A concrete proposal is with the client.' },
    AGREED: { description: 'Agreed with the client; to be carried out.' },
    WON: { description: 'Carried out and delivering value.' },
    LOST: { description: 'Dropped or declined.' },
  } satisfies Record<(typeof OPPORTUNITY_STAGES)[number], { description: string }>,
});

export const OpportunityRef = builder.loadableNode('Opportunity', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description:
    'A win-win initiative with the client: its value for us and for the client, estimated revenue, ' +
    'probability and stage; it can be turned into plan actions.',
  id: { resolve: (opportunity) => opportunity.id },
  isTypeOf: isEntity('Opportunity'),
  // Null for opportunities of accounts the viewer may not see: `node` then answers null.
  load: (ids: string[], ctx: Context) => loadOpportunities(ctx, ids) as Promise<Opportunity[]>,
  fields: (t) => ({
    account: t.field({
      type: AccountRef,
      description: 'The account the opportunity is with.',
      resolve: (o) => Reference.create(o.account).loadOrFail({ dataloader: true }),
    }),
    title: t.exposeString('title', { description: 'Short name, e.g. "Promoción conjunta Navidad".' }),
    description: t.exposeString('description', { description: 'What the initiative is (may be empty).' }),
    valueForUs: t.exposeString('valueForUs', { description: 'What the company gains (may be empty).' }),
    valueForClient: t.exposeString('valueForClient', {
      description: 'What the client gains (may be empty).',
    }),
    estimatedRevenue: t.float({
      nullable: true,
      description: 'Estimated revenue in the company currency, or null when not estimated.',
      resolve: (o) => o.estimatedRevenue ?? null,
    }),
    probability: t.exposeInt('probability', { description: 'Chance of success, whole percent 0–100.' }),
    stage: t.field({ type: OpportunityStageEnum, description: 'Current stage.', resolve: (o) => o.stage }),
    owner: t.field({
      type: UserRef,
      description: 'Who drives the opportunity (its creator).',
      resolve: (o) => Reference.create(o.owner).loadOrFail({ dataloader: true }),
    }),
    planActions: t.loadableList({
      type: PlanActionRef,
      description: 'The plan actions created from this opportunity, in the order they were created.',
      load: (ids: string[], ctx) => planActionsByOpportunity(ctx.em, ids),
      resolve: (o) => o.id,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    version: t.exposeInt('version', { description: 'Send as expectedVersion when updating it.' }),
  }),
});

builder.objectField(AccountRef, 'opportunities', (t) =>
  t.loadableList({
    type: OpportunityRef,
    description: 'Win-win opportunities with the account, newest first.',
    load: (ids: string[], ctx) => opportunitiesByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
);

const CreateOpportunityInput = builder.inputType('CreateOpportunityInput', {
  description: 'A new win-win opportunity; its owner is the caller.',
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    title: t.string({ required: true, description: 'Short name, 1–200 characters, one line.' }),
    description: t.string({ description: 'What the initiative is, up to 4000 characters.' }),
    valueForUs: t.string({ description: 'What the company gains, up to 4000 characters.' }),
    valueForClient: t.string({ description: 'What the client gains, up to 4000 characters.' }),
    estimatedRevenue: t.float({ description: 'Estimated revenue, non-negative, at most two decimals.' }),
    probability: t.int({ required: true, description: 'Chance of success, whole percent 0–100.' }),
    stage: t.field({ type: OpportunityStageEnum, description: 'Initial stage (default IDEA).' }),
  }),
});

const UpdateOpportunityInput = builder.inputType('UpdateOpportunityInput', {
  description: 'Only the fields given change; at least one besides expectedVersion.',
  fields: (t) => ({
    expectedVersion: t.int({
      required: true,
      description: 'The version last read; a stale one returns ConflictError and changes nothing.',
    }),
    title: t.string({ description: 'New title.' }),
    description: t.string({ description: 'New description.' }),
    valueForUs: t.string({ description: 'New value for us.' }),
    valueForClient: t.string({ description: 'New value for the client.' }),
    estimatedRevenue: t.float({ description: 'New estimated revenue; null clears it.' }),
    probability: t.int({ description: 'New probability, whole percent 0–100.' }),
    stage: t.field({ type: OpportunityStageEnum, description: 'New stage.' }),
  }),
});

const OpportunityActionInput = builder.inputType('OpportunityActionInput', {
  description: "A plan action to create from an opportunity in the account's ACTIVE plan.",
  fields: (t) => ({
    title: t.string({ required: true, description: 'What will be done, 1–200 characters.' }),
    dueDate: t.string({ required: true, description: 'By when, as a calendar date YYYY-MM-DD.' }),
    ownerId: t.id({ description: 'Global id of the user who will do it (default: the caller).' }),
    description: t.string({ description: 'More detail (optional).' }),
  }),
});

/** Drops fields sent as null, except those where null means "clear". */
function withoutNulls(input: object, keep: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value !== undefined && (value !== null || keep.includes(key)),
    ),
  );
}

builder.mutationField('createOpportunity', (t) =>
  t.field({
    type: OpportunityRef,
    description: 'Records a win-win opportunity on an account the caller works on.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateOpportunityInput, required: true, description: 'The opportunity.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) =>
      createOpportunity(ctx, {
        ...withoutNulls(input),
        accountId: decodeId(input.accountId, 'Account', ['accountId']),
      }),
  }),
);

builder.mutationField('updateOpportunity', (t) =>
  t.field({
    type: OpportunityRef,
    description: 'Changes an opportunity, guarded by expectedVersion.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the opportunity.' }),
      input: t.arg({ type: UpdateOpportunityInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) =>
      updateOpportunity(ctx, decodeId(id, 'Opportunity'), withoutNulls(input, ['estimatedRevenue'])),
  }),
);

interface Conversion {
  readonly opportunity: Opportunity;
  readonly actions: readonly PlanAction[];
}

const ConversionRef = builder.objectRef<Conversion>('OpportunityConversion').implement({
  description: 'The result of turning an opportunity into plan actions.',
  fields: (t) => ({
    opportunity: t.field({
      type: OpportunityRef,
      description: 'The opportunity, now linked to the new actions.',
      resolve: (c) => c.opportunity,
    }),
    createdActions: t.field({
      type: [PlanActionRef],
      description: 'The plan actions just created, in the order given.',
      resolve: (c) => [...c.actions],
    }),
  }),
});

builder.mutationField('convertOpportunityToActions', (t) =>
  t.field({
    type: ConversionRef,
    description:
      "Turns an opportunity into actions of its account's ACTIVE plan, all or none. Without an " +
      'ACTIVE plan the result is a ValidationError on opportunityId.',
    authScopes: { signedIn: true },
    args: {
      opportunityId: t.arg.id({ required: true, description: 'Global id of the opportunity.' }),
      actions: t.arg({
        type: [OpportunityActionInput],
        required: true,
        description: 'The actions to create, 1–50.',
      }),
    },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { opportunityId, actions }, ctx) =>
      convertOpportunityToActions(ctx, decodeId(opportunityId, 'Opportunity', ['opportunityId']), {
        actions: actions.map((action, i) => ({
          ...withoutNulls(action),
          ownerId: action.ownerId ? decodeId(action.ownerId, 'User', ['actions', i, 'ownerId']) : undefined,
        })),
      }),
  }),
);
