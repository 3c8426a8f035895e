import { type ACTION_STATUSES, isPlanActionOverdue, type PLAN_ACTION_SOURCES } from '@clave/domain';
import { Reference } from '@mikro-orm/core';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import type { Account } from '../accounts/account.entity.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { PlanAction, PlanActionUpdate } from './plan.entity.js';
import { compact, ObjectiveRef, PlanRef } from './plan.graphql.js';
import { assignableOwnersByAccount, todayIso } from './plan-access.js';
import {
  actionsByPlan,
  createPlanAction,
  listMyActions,
  loadActions,
  updatePlanAction,
  updatesByAction,
} from './plan-action.service.js';

export const ActionStatusEnum = builder.enumType('PlanActionStatus', {
  description:
    'Where a plan action stands. PLANNED, IN_PROGRESS and BLOCKED are open and move freely; DONE ' +
    'can only be reopened to IN_PROGRESS; CANCELLED is final.',
  values: {
    PLANNED: { description: 'Not started yet.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    BLOCKED: { description: 'Waiting on something; the update log says what.' },
    DONE: { description: 'Finished (progress 100).' },
    CANCELLED: { description: 'Will not be done; final.' },
  } satisfies Record<(typeof ACTION_STATUSES)[number], { description: string }>,
});

const SourceEnum = builder.enumType('PlanActionSource', {
  description: 'Where a plan action came from.',
  values: {
    PLAN: { description: 'Written in the plan.' },
    VISIT: { description: "A visit's next step." },
    OPPORTUNITY: { description: 'An opportunity turned into actions.' },
  } satisfies Record<(typeof PLAN_ACTION_SOURCES)[number], { description: string }>,
});

const UpdateRef = builder.objectRef<PlanActionUpdate>('PlanActionUpdate').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description: "An entry of a plan action's update log: a status or progress change, or a note.",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    author: t.field({
      type: UserRef,
      description: 'Who made the change.',
      resolve: (u) => Reference.create(u.author).loadOrFail({ dataloader: true }),
    }),
    fromStatus: t.field({
      type: ActionStatusEnum,
      nullable: true,
      description: 'Status before (null for the entry recording the creation).',
      resolve: (u) => u.fromStatus,
    }),
    toStatus: t.field({ type: ActionStatusEnum, description: 'Status after.', resolve: (u) => u.toStatus }),
    fromProgress: t.exposeInt('fromProgress', {
      nullable: true,
      description: 'Progress before (null at creation).',
    }),
    toProgress: t.exposeInt('toProgress', { description: 'Progress after, 0–100.' }),
    note: t.exposeString('note', { description: 'What happened, in the author words (may be empty).' }),
  }),
});

export const PlanActionRef = builder.loadableNode('PlanAction', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:plans' },
  description: 'What will be done for an account plan, by whom, by when.',
  id: { resolve: (a) => a.id },
  isTypeOf: isEntity('PlanAction'),
  load: (ids: string[], ctx: Context) => loadActions(ctx, ids) as Promise<PlanAction[]>,
  fields: (t) => ({
    title: t.exposeString('title', { description: 'What will be done.' }),
    description: t.exposeString('description', { description: 'Details.' }),
    status: t.field({ type: ActionStatusEnum, description: 'Where it stands.', resolve: (a) => a.status }),
    progress: t.exposeInt('progress', { description: 'Progress 0–100 (100 when DONE).' }),
    dueDate: t.exposeString('dueDate', { description: 'Due date, YYYY-MM-DD.' }),
    overdue: t.boolean({
      description: 'Due date passed (before today, UTC) and not DONE or CANCELLED.',
      resolve: (a) => isPlanActionOverdue(a, todayIso()),
    }),
    completedAt: t.expose('completedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was DONE.',
    }),
    source: t.field({ type: SourceEnum, description: 'Where it came from.', resolve: (a) => a.source }),
    owner: t.field({
      type: UserRef,
      description: 'Who does it.',
      resolve: (a) => Reference.create(a.owner).loadOrFail({ dataloader: true }),
    }),
    plan: t.field({
      type: PlanRef,
      description: 'The plan it belongs to.',
      resolve: (a) => a.plan.id as never,
    }),
    account: t.field({
      type: AccountRef,
      description: 'The account.',
      resolve: (a) => a.account.id as never,
    }),
    objective: t.field({
      type: ObjectiveRef,
      nullable: true,
      description: 'The objective it serves, if any.',
      resolve: (a) => (a.objective?.id ?? null) as never,
    }),
    updates: t.loadableList({
      type: UpdateRef,
      description: 'The update log, oldest first.',
      load: (ids: string[], ctx: Context) => updatesByAction(ctx.em, ids),
      resolve: (a) => a.id,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
    version: t.exposeInt('version', { description: 'Send as expectedVersion when changing it.' }),
  }),
});

builder.objectField(PlanRef, 'actions', (t) =>
  t.loadableList({
    type: PlanActionRef,
    description: "The plan's actions, soonest due first.",
    load: (ids: string[], ctx: Context) => actionsByPlan(ctx.em, ids),
    resolve: (p) => p.id,
  }),
);

builder.objectField(AccountRef, 'assignableOwners', (t) =>
  t.loadableList({
    type: UserRef,
    description:
      "Who may own the account's plan actions: its owner, its supporters and the manager of the owner's " +
      'team, active users only; the owner first, then by name (batched).',
    load: (accounts: Account[], ctx: Context) => assignableOwnersByAccount(ctx.em, accounts),
    resolve: (account) => account,
  }),
);

const MyActionsFilter = builder.inputType('MyActionsFilter', {
  description: 'Narrows the Today list; every condition given must hold.',
  fields: (t) => ({
    overdue: t.boolean({ description: 'true: only overdue actions; false: only those not overdue.' }),
    dueWithinDays: t.int({ description: 'Only actions due by today + this many days (0–366).' }),
    status: t.field({
      type: [ActionStatusEnum],
      description: 'Only these statuses (default: the open ones, PLANNED, IN_PROGRESS, BLOCKED).',
    }),
  }),
});

builder.queryField('myActions', (t) =>
  t.field({
    type: [PlanActionRef],
    description:
      "The Today list: actions of ACTIVE plans that the caller owns, plus for a manager every action on their team's accounts; soonest due first, at most 200.",
    authScopes: { tokenScope: 'read:plans' },
    args: { filter: t.arg({ type: MyActionsFilter, description: 'Conditions the actions must meet.' }) },
    resolve: (_root, args, ctx) => orGraphQLError(ctx.locale, () => listMyActions(ctx, args.filter ?? {})),
  }),
);

const CreatePlanActionInput = builder.inputType('CreatePlanActionInput', {
  description: 'A new action of a DRAFT or ACTIVE plan.',
  fields: (t) => ({
    id: t.id({
      description:
        'A UUID the client made for this action (not a global id; the outbox id), so that sending it ' +
        'again stores it once: the same id with the same content answers the stored action, with other ' +
        'content a ConflictError. Optional: the server makes one when absent.',
    }),
    planId: t.id({ required: true, description: 'Global id of the plan.' }),
    title: t.string({ required: true, description: 'What will be done, 1–200 characters.' }),
    description: t.string({ description: 'Details.' }),
    ownerId: t.id({
      required: true,
      description: "Global id of who does it: one of the account's assignableOwners.",
    }),
    objectiveId: t.id({ description: 'Global id of the objective it serves (same plan).' }),
    dueDate: t.string({ required: true, description: "Due date, YYYY-MM-DD, inside the plan's months." }),
    status: t.field({ type: ActionStatusEnum, description: 'Initial status (default PLANNED).' }),
    progress: t.int({ description: 'Initial progress 0–100 (default 0).' }),
    note: t.string({ description: 'First entry of the update log.' }),
  }),
});

const UpdatePlanActionInput = builder.inputType('UpdatePlanActionInput', {
  description:
    'Only the fields given change. A status or progress change, or a note, adds an entry to the update log.',
  fields: (t) => ({
    expectedVersion: t.int({ required: true, description: 'The version the change is based on.' }),
    title: t.string({ description: 'New title.' }),
    description: t.string({ description: 'New details.' }),
    ownerId: t.id({
      description:
        "Global id of the new owner, one of the account's assignableOwners. The team's manager may " +
        'reassign (and an admin, who may change nothing else of the action).',
    }),
    objectiveId: t.id({ description: 'Global id of the objective, or null to unlink.' }),
    dueDate: t.string({ description: "New due date, YYYY-MM-DD, inside the plan's months." }),
    status: t.field({ type: ActionStatusEnum, description: 'New status (allowed moves only).' }),
    progress: t.int({ description: 'New progress 0–100.' }),
    note: t.string({ description: 'Why; logged with the change (alone, it logs a comment).' }),
  }),
});

const userId = (id: string | null | undefined, path: string) => (id ? decodeId(id, 'User', [path]) : id);
const objectiveId = (id: string | null | undefined) => (id ? decodeId(id, 'Objective', ['objectiveId']) : id);

builder.mutationField('createPlanAction', (t) =>
  t.field({
    type: PlanActionRef,
    description:
      'Adds an action to a DRAFT or ACTIVE plan. With a client-made `id`, a re-send stores it once ' +
      '(another content under the same id is a ConflictError).',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreatePlanActionInput, required: true, description: 'The action.' }) },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { input }, ctx) => {
      const data = compact(input);
      data.planId = decodeId(input.planId, 'AccountPlan', ['planId']);
      data.ownerId = userId(input.ownerId, 'ownerId');
      if (input.objectiveId) data.objectiveId = objectiveId(input.objectiveId);
      return createPlanAction(ctx, data);
    },
  }),
);

builder.mutationField('updatePlanAction', (t) =>
  t.field({
    type: PlanActionRef,
    description:
      'Changes an action: status (allowed moves only), progress, note, title, due date, owner. A stale ' +
      'expectedVersion is a ConflictError carrying the action as it is now.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the action.' }),
      input: t.arg({ type: UpdatePlanActionInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { id, input }, ctx) => {
      const data = compact(input, ['objectiveId']);
      if (input.ownerId) data.ownerId = userId(input.ownerId, 'ownerId');
      if ('objectiveId' in data) data.objectiveId = objectiveId(input.objectiveId);
      return updatePlanAction(ctx, decodeId(id, 'PlanAction'), data);
    },
  }),
);
