import type { VISIT_KINDS } from '@clave/domain';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import type { PlanAction } from '../plans/plan.entity.js';
import { PlanActionRef } from '../plans/plan-action.graphql.js';
import { StakeholderRef } from '../stakeholders/stakeholder.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { Visit, VisitNextStep } from './visit.entity.js';
import {
  lastContactOfStakeholders,
  lastVisitOfStakeholders,
  loadVisits,
  logVisit,
  myVisits,
  visitsOfAccount,
} from './visit.service.js';

const VisitKindEnum = builder.enumType('VisitKind', {
  description: 'How the meeting took place.',
  values: {
    IN_PERSON: { description: 'Face to face, at the client or elsewhere.' },
    VIDEO: { description: 'A video call.' },
    PHONE: { description: 'A phone call.' },
  } satisfies Record<(typeof VISIT_KINDS)[number], { description: string }>,
});

interface Location {
  lat: number;
  lng: number;
  label: string | null;
}

const LocationRef = builder.objectRef<Location>('VisitLocation').implement({
  description: 'Where the visit took place, as the phone recorded it.',
  fields: (t) => ({
    lat: t.exposeFloat('lat', { description: 'Latitude in degrees (−90 to 90).' }),
    lng: t.exposeFloat('lng', { description: 'Longitude in degrees (−180 to 180).' }),
    label: t.exposeString('label', {
      nullable: true,
      description: 'A place name, e.g. "Oficinas centrales".',
    }),
  }),
});

const NextStepRef = builder.objectRef<VisitNextStep>('VisitNextStep').implement({
  description: 'A next step agreed in the visit, as submitted.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'What will be done.' }),
    dueDate: t.exposeString('dueDate', { description: 'By when, as YYYY-MM-DD.' }),
    owner: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who will do it (null: the visit author, or someone the caller may not see).',
      resolve: (step, _args, ctx) => (step.ownerId ? UserRef.getDataloader(ctx).load(step.ownerId) : null),
    }),
  }),
});

export const VisitRef = builder.loadableNode('Visit', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:visits' },
  description: 'A client visit or meeting, logged by a KAM, often from the phone and offline.',
  id: { resolve: (visit) => visit.id },
  isTypeOf: isEntity('Visit'),
  // Null for visits of accounts the viewer may not see, as for a missing id.
  load: (ids: string[], ctx: Context) => loadVisits(ctx, ids) as Promise<Visit[]>,
  fields: (t) => ({
    uuid: t.exposeString('id', { description: 'The UUID the client made when logging the visit.' }),
    account: t.field({
      type: AccountRef,
      description: 'The account visited.',
      resolve: (v, _args, ctx) => AccountRef.getDataloader(ctx).load(v.account.id),
    }),
    kam: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who logged the visit (null if the caller may not see that user).',
      resolve: (v, _args, ctx) => UserRef.getDataloader(ctx).load(v.kam.id),
    }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the visit took place.' }),
    kind: t.field({ type: VisitKindEnum, description: 'In person, video or phone.', resolve: (v) => v.kind }),
    purpose: t.exposeString('purpose', { description: 'Why the meeting was held.' }),
    notes: t.exposeString('notes', { description: 'Free notes.' }),
    outcomes: t.exposeString('outcomes', { description: 'What came out of it.' }),
    acceptance: t.exposeInt('acceptance', {
      description: "The client's acceptance of the relationship after the visit, 1–5 (5: alta aceptación).",
    }),
    location: t.field({
      type: LocationRef,
      nullable: true,
      description: 'Where it took place, when recorded.',
      resolve: (v) =>
        v.locationLat != null && v.locationLng != null
          ? { lat: Number(v.locationLat), lng: Number(v.locationLng), label: v.locationLabel ?? null }
          : null,
    }),
    stakeholders: t.field({
      type: [StakeholderRef],
      description: 'The stakeholders met.',
      resolve: async (v) => (await v.stakeholders.load({ dataloader: true })).getItems(),
    }),
    nextSteps: t.field({
      type: [NextStepRef],
      description: 'Next steps agreed, as submitted.',
      resolve: (v) => v.nextSteps,
    }),
    createdActions: t.field({
      type: [PlanActionRef],
      description: 'The plan actions the next steps created, in the order of the next steps.',
      resolve: async (v, _args, ctx) => {
        if (v.createdActionIds.length === 0) return [];
        const actions = await PlanActionRef.getDataloader(ctx).loadMany(v.createdActionIds);
        return actions.filter((a): a is PlanAction => a != null && !(a instanceof Error));
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the server stored the visit.' }),
  }),
});

interface Page {
  first?: number | null;
  after?: string | null;
}

const connectionFields = {
  fields: (t: { int: (options: object) => unknown }) => ({
    totalCount: t.int({
      description: 'How many visits match, across all pages.',
      resolve: (connection: unknown) => (connection as { totalCount: number }).totalCount,
    }),
  }),
};

builder.objectField(AccountRef, 'visits', (t) =>
  t.connection(
    {
      type: VisitRef,
      description: 'Visits to the account, newest first.',
      validate: forwardPageArgs,
      resolve: (account, args: Page, ctx) =>
        orGraphQLError(ctx.locale, async () => toConnection(await visitsOfAccount(ctx.em, account.id, args))),
    },
    { name: 'AccountVisitsConnection', ...connectionFields } as never,
  ),
);

builder.queryField('myVisits', (t) =>
  t.connection(
    {
      type: VisitRef,
      description: "The caller's own visits, newest first (on accounts they may still see).",
      authScopes: { tokenScope: 'read:visits' },
      validate: forwardPageArgs,
      resolve: (_root, args: Page, ctx) =>
        orGraphQLError(ctx.locale, async () => toConnection(await myVisits(ctx, args))),
    },
    connectionFields as never,
  ),
);

builder.objectFields(StakeholderRef, (t) => ({
  lastVisit: t.loadable({
    type: VisitRef,
    nullable: true,
    description: 'The latest visit that met this stakeholder.',
    load: (ids: string[], ctx: Context) => lastVisitOfStakeholders(ctx.em, ids),
    resolve: (s) => s.id,
  }),
  lastContact: t.loadable({
    type: 'DateTime',
    nullable: true,
    description: 'When we last met this stakeholder (derived from visits).',
    load: (ids: string[], ctx: Context) => lastContactOfStakeholders(ctx.em, ids),
    resolve: (s) => s.id,
  }),
}));

const LocationInput = builder.inputType('VisitLocationInput', {
  description: 'Where the visit took place.',
  fields: (t) => ({
    lat: t.float({ required: true, description: 'Latitude in degrees.' }),
    lng: t.float({ required: true, description: 'Longitude in degrees.' }),
    label: t.string({ description: 'A place name.' }),
  }),
});

const NextStepInput = builder.inputType('VisitNextStepInput', {
  description: "A next step; it becomes an action of the account's active plan.",
  fields: (t) => ({
    title: t.string({ required: true, description: 'What will be done, 1–200 characters.' }),
    dueDate: t.string({ required: true, description: 'By when, as YYYY-MM-DD.' }),
    ownerId: t.id({ description: 'Global id of the user who will do it (default: the visit author).' }),
  }),
});

const LogVisitInput = builder.inputType('LogVisitInput', {
  description: 'A visit as the phone sends it. Sending the same visit again stores it once.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A UUID the client made for this visit (not a global id).' }),
    accountId: t.id({ required: true, description: 'Global id of the account visited.' }),
    occurredAt: t.string({
      required: true,
      description: 'When it took place: ISO 8601 with offset, at most a day ahead of the server.',
    }),
    kind: t.field({ type: VisitKindEnum, required: true, description: 'In person, video or phone.' }),
    stakeholderIds: t.idList({ description: 'Global ids of the stakeholders met (of this account).' }),
    purpose: t.string({ required: true, description: 'Why the meeting was held, 1–300 characters.' }),
    notes: t.string({ description: 'Free notes.' }),
    outcomes: t.string({ description: 'What came out of it.' }),
    nextSteps: t.field({ type: [NextStepInput], description: 'Next steps; each creates a plan action.' }),
    acceptance: t.int({ required: true, description: "The client's acceptance after the visit, 1–5." }),
    location: t.field({ type: LocationInput, description: 'Where it took place.' }),
  }),
});

type LogVisitArgs = typeof LogVisitInput.$inferInput;

/** Global ids to database ids; nulls dropped so the domain schema's defaults apply. */
function toServiceInput(input: LogVisitArgs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (value !== null && value !== undefined) out[key] = value;
  out.accountId = decodeId(input.accountId, 'Account', ['accountId']);
  if (input.stakeholderIds)
    out.stakeholderIds = input.stakeholderIds.map((id, i) =>
      decodeId(id, 'Stakeholder', ['stakeholderIds', i]),
    );
  if (input.nextSteps)
    out.nextSteps = input.nextSteps.map((step, i) => ({
      title: step.title,
      dueDate: step.dueDate,
      ...(step.ownerId ? { ownerId: decodeId(step.ownerId, 'User', ['nextSteps', i, 'ownerId']) } : {}),
    }));
  if (input.location)
    out.location = {
      lat: input.location.lat,
      lng: input.location.lng,
      ...(input.location.label != null ? { label: input.location.label } : {}),
    };
  return out;
}

builder.mutationField('logVisit', (t) =>
  t.field({
    type: VisitRef,
    description:
      'Logs a visit (the KAMs of the account and their manager). The client makes the id: sending ' +
      'the same visit again returns the stored one; the same id with other content is a ConflictError.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: LogVisitInput, required: true, description: 'The visit.' }) },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { input }, ctx) => logVisit(ctx, toServiceInput(input)),
  }),
);
