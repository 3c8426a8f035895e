import type { ObjectiveProgress, PLAN_INPUTS } from '@clave/domain';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { OpportunityRef } from '../opportunities/opportunity.graphql.js';
import {
  createObjective,
  opportunitiesByObjective,
  readAnswers,
  updateObjective,
} from './objective.service.js';
import { progressByObjective } from './objective-progress.service.js';
import type { Objective } from './plan.entity.js';
import { compact, ObjectiveRef, ObjectiveStatusEnum, PLAN_ERRORS } from './plan.graphql.js';

export const PlanInputEnum = builder.enumType('PlanInput', {
  description: 'The three inputs an account plan joins; an objective says which of them it answers.',
  values: {
    COMPANY_OBJECTIVES: { description: "Our company's objectives for the account." },
    CLIENT_NEEDS: { description: "The client's needs and objectives (from the account profile)." },
    MARKET_OPPORTUNITIES: { description: 'Market opportunities (from the opportunities).' },
  } satisfies Record<(typeof PLAN_INPUTS)[number], { description: string }>,
});

const ObjectiveProgressRef = builder.objectRef<ObjectiveProgress>('ObjectiveProgress').implement({
  description:
    "How far an objective has got, from its KPI's measurements of the last 24 months and the KPI " +
    "trend's forecast (the same math as the KPI's trend).",
  fields: (t) => ({
    latestValue: t.float({
      nullable: true,
      description: "The KPI's latest measured value (its period's mean); null without measurements.",
      resolve: (p) => p.latestValue,
    }),
    latestPeriod: t.string({
      nullable: true,
      description: 'Start of the period of that value, YYYY-MM-DD.',
      resolve: (p) => p.latestPeriod,
    }),
    attainment: t.float({
      nullable: true,
      description:
        'Latest value against the objective target, direction-aware: HIGHER_IS_BETTER latest/target, ' +
        'LOWER_IS_BETTER target/latest (1 = on target); null when the ratio means nothing (a target ≤ 0).',
      resolve: (p) => p.attainment,
    }),
    forecastAtTargetDate: t.float({
      nullable: true,
      description:
        "The KPI trend's straight-line forecast for the period of the target date; null without a " +
        'future target date or with fewer than two measured periods.',
      resolve: (p) => p.forecastAtTargetDate,
    }),
    onTrack: t.boolean({
      nullable: true,
      description:
        'Whether the forecast at the target date (or the latest value, without a forecast) reaches the ' +
        'target; null without measurements.',
      resolve: (p) => p.onTrack,
    }),
  }),
});

builder.objectFields(ObjectiveRef, (t) => ({
  answers: t.field({
    type: [PlanInputEnum],
    description: "Which of the plan's three inputs this objective answers.",
    resolve: (o) => readAnswers(o.answers),
  }),
  opportunities: t.loadableList({
    type: OpportunityRef,
    description: "The account's opportunities this objective answers, by title (batched).",
    load: (ids: string[], ctx: Context) => opportunitiesByObjective(ctx.em, ids),
    resolve: (o) => o.id,
  }),
  progress: t.loadable({
    type: ObjectiveProgressRef,
    nullable: true,
    description:
      "Progress from the KPI's measurements and trend; null without a KPI or without a target value " +
      "(batched for all of a plan's objectives).",
    load: (objectives: Objective[], ctx: Context) => progressByObjective(ctx.em, objectives),
    resolve: (o) => o,
  }),
}));

const CreateObjectiveInput = builder.inputType('CreateObjectiveInput', {
  description: 'A new objective of a DRAFT or ACTIVE plan.',
  fields: (t) => ({
    planId: t.id({ required: true, description: 'Global id of the plan.' }),
    title: t.string({ required: true, description: 'The goal, 1–200 characters.' }),
    description: t.string({ description: 'Details and how it is measured.' }),
    kpiDefinitionId: t.id({ description: 'Global id of the KpiDefinition that measures it.' }),
    targetValue: t.float({ description: 'Target value of the KPI.' }),
    targetDate: t.string({
      description: "When it should be reached, YYYY-MM-DD, inside the plan's months.",
    }),
    answers: t.field({
      type: [PlanInputEnum],
      description: "Which of the plan's three inputs it answers (default none).",
    }),
    opportunityIds: t.idList({
      description: "Global ids of the account's opportunities it answers (same account only).",
    }),
  }),
});

const UpdateObjectiveInput = builder.inputType('UpdateObjectiveInput', {
  description: 'Only the fields given change; null clears kpiDefinitionId, targetValue or targetDate.',
  fields: (t) => ({
    expectedVersion: t.int({ description: 'If given, the version the change is based on.' }),
    title: t.string({ description: 'New goal.' }),
    description: t.string({ description: 'New details.' }),
    kpiDefinitionId: t.id({ description: 'Global id of the KpiDefinition, or null to unlink.' }),
    targetValue: t.float({ description: 'New target value, or null to clear.' }),
    targetDate: t.string({
      description: "New target date YYYY-MM-DD inside the plan's months, or null to clear.",
    }),
    status: t.field({ type: ObjectiveStatusEnum, description: 'OPEN, ACHIEVED or DROPPED.' }),
    answers: t.field({
      type: [PlanInputEnum],
      description: 'The complete new list of inputs it answers ([] for none).',
    }),
    opportunityIds: t.idList({
      description: "The complete new list of the account's opportunities it answers ([] for none).",
    }),
  }),
});

const kpiId = (id: string | null | undefined) =>
  id ? decodeId(id, 'KpiDefinition', ['kpiDefinitionId']) : id;

const opportunityIds = (ids: readonly (string | number)[]) =>
  ids.map((id, i) => decodeId(String(id), 'Opportunity', ['opportunityIds', i]));

builder.mutationField('createObjective', (t) =>
  t.field({
    type: ObjectiveRef,
    description: 'Adds an objective to a DRAFT or ACTIVE plan.',
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: CreateObjectiveInput, required: true, description: 'The objective.' }) },
    errors: { types: WRITE_ERRORS },
    resolve: (_root, { input }, ctx) =>
      createObjective(ctx, {
        ...compact(input),
        planId: decodeId(input.planId, 'AccountPlan', ['planId']),
        ...(input.kpiDefinitionId ? { kpiDefinitionId: kpiId(input.kpiDefinitionId) } : {}),
        ...(input.opportunityIds ? { opportunityIds: opportunityIds(input.opportunityIds) } : {}),
      }),
  }),
);

builder.mutationField('updateObjective', (t) =>
  t.field({
    type: ObjectiveRef,
    description: 'Changes an objective of a DRAFT or ACTIVE plan.',
    authScopes: { signedIn: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the objective.' }),
      input: t.arg({ type: UpdateObjectiveInput, required: true, description: 'The fields to change.' }),
    },
    errors: { types: PLAN_ERRORS },
    resolve: (_root, { id, input }, ctx) => {
      const data = compact(input, ['kpiDefinitionId', 'targetValue', 'targetDate']);
      if ('kpiDefinitionId' in data) data.kpiDefinitionId = kpiId(input.kpiDefinitionId);
      if (input.opportunityIds) data.opportunityIds = opportunityIds(input.opportunityIds);
      return updateObjective(ctx, decodeId(id, 'Objective'), data);
    },
  }),
);
