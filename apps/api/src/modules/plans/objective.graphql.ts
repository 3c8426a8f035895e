import { builder } from '../../graphql/builder.js';
import { WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { createObjective, updateObjective } from './objective.service.js';
import { compact, ObjectiveRef, ObjectiveStatusEnum, PLAN_ERRORS } from './plan.graphql.js';

const CreateObjectiveInput = builder.inputType('CreateObjectiveInput', {
  description: 'A new objective of a DRAFT or ACTIVE plan.',
  fields: (t) => ({
    planId: t.id({ required: true, description: 'Global id of the plan.' }),
    title: t.string({ required: true, description: 'The goal, 1–200 characters.' }),
    description: t.string({ description: 'Details and how it is measured.' }),
    kpiDefinitionId: t.id({ description: 'Global id of the KpiDefinition that measures it.' }),
    targetValue: t.float({ description: 'Target value of the KPI.' }),
    targetDate: t.string({ description: 'When it should be reached, YYYY-MM-DD.' }),
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
    targetDate: t.string({ description: 'New target date YYYY-MM-DD, or null to clear.' }),
    status: t.field({ type: ObjectiveStatusEnum, description: 'OPEN, ACHIEVED or DROPPED.' }),
  }),
});

const kpiId = (id: string | null | undefined) =>
  id ? decodeId(id, 'KpiDefinition', ['kpiDefinitionId']) : id;

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
      return updateObjective(ctx, decodeId(id, 'Objective'), data);
    },
  }),
);
