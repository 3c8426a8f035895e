import { ACTION_STATUSES, OBJECTIVE_STATUSES, PLAN_ACTION_SOURCES, PLAN_STATUSES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';
import { Account } from '../accounts/account.entity.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { User } from '../users/user.entity.js';

/**
 * An account plan: an 18-month (by default) horizon from its start month joining the three inputs
 * SPEC.md names into objectives and actions, with revenue targets per month.
 */
export const AccountPlan = defineEntity({
  name: 'AccountPlan',
  properties: {
    id: p.uuid().primary(),
    account: () => p.manyToOne(Account).index(),
    title: p.string().length(200),
    status: enumColumn(PLAN_STATUSES).index(),
    /**
     * The account's id while the plan is ACTIVE, null otherwise: a unique column (NULLs never
     * collide) that makes "one ACTIVE plan per account" a database guarantee, also under races.
     */
    activeAccountId: p.uuid().nullable().unique(),
    /** 'YYYY-MM'. */
    startMonth: p.string().length(7),
    horizonMonths: p.integer(),
    companyObjectives: p.text(),
    clientNeeds: p.text(),
    marketOpportunities: p.text(),
    createdBy: () => p.manyToOne(User).index(),
    /** The plan this one was rolled from. */
    previousPlanId: p.uuid().nullable().index(),
    activatedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type AccountPlan = InferEntity<typeof AccountPlan>;

/** The revenue the plan aims at in one month: its link to the commercial plan. */
export const PlanRevenueTarget = defineEntity({
  name: 'PlanRevenueTarget',
  uniques: [{ properties: ['plan', 'period'] }],
  properties: {
    id: p.uuid().primary(),
    plan: () => p.manyToOne(AccountPlan).deleteRule('cascade').index(),
    /** 'YYYY-MM'. */
    period: p.string().length(7),
    amount: p.decimal('number').precision(16).scale(2),
  },
});
export type PlanRevenueTarget = InferEntity<typeof PlanRevenueTarget>;

/** A measurable goal of a plan, optionally tied to a KPI and a target value and date. */
export const Objective = defineEntity({
  name: 'Objective',
  properties: {
    id: p.uuid().primary(),
    plan: () => p.manyToOne(AccountPlan).index(),
    title: p.string().length(200),
    description: p.text(),
    /** A KPI definition of the account; no foreign key yet (the KPI module links it later). */
    kpiDefinitionId: p.uuid().nullable().index(),
    targetValue: p.double().nullable(),
    /** 'YYYY-MM-DD'. */
    targetDate: p.string().length(10).nullable(),
    status: enumColumn(OBJECTIVE_STATUSES),
    /**
     * Which of the plan's three inputs (PLAN_INPUTS) it answers, comma-separated in PLAN_INPUTS
     * order; '' for none. A short text rather than JSON: the same on both databases, and rows that
     * existed before the column read as "none".
     */
    answers: p.string().length(100).default(''),
    /** The objective of the previous plan this one was carried over from. */
    carriedFromId: p.uuid().nullable(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type Objective = InferEntity<typeof Objective>;

/** What will be done, by whom, by when. */
export const PlanAction = defineEntity({
  name: 'PlanAction',
  properties: {
    id: p.uuid().primary(),
    plan: () => p.manyToOne(AccountPlan).index(),
    /** The plan's account, denormalised for authorization and account-wide queries. */
    account: () => p.manyToOne(Account).index(),
    objective: () => p.manyToOne(Objective).nullable().index(),
    title: p.string().length(200),
    description: p.text(),
    owner: () => p.manyToOne(User).index(),
    /** 'YYYY-MM-DD'. */
    dueDate: p.string().length(10).index(),
    status: enumColumn(ACTION_STATUSES).index(),
    progress: p.integer(),
    completedAt: p.datetime().nullable(),
    source: enumColumn(PLAN_ACTION_SOURCES),
    /** The action of the previous plan this one was carried over from. */
    carriedFromId: p.uuid().nullable(),
    /**
     * SHA-256 of the creation input when the client sent its own id (createPlanAction from the
     * outbox): a re-send with the same hash answers the stored action, another one is a conflict.
     */
    contentHash: p.string().length(64).nullable(),
    ...timestamps(),
    version: p.integer().version(),
  },
});
export type PlanAction = InferEntity<typeof PlanAction>;

/** An opportunity of the account that an objective answers (many-to-many, same account only). */
export const ObjectiveOpportunity = defineEntity({
  name: 'ObjectiveOpportunity',
  uniques: [{ properties: ['objective', 'opportunity'] }],
  properties: {
    id: p.uuid().primary(),
    objective: () => p.manyToOne(Objective).deleteRule('cascade'),
    opportunity: () => p.manyToOne(Opportunity).deleteRule('cascade').index(),
  },
});
export type ObjectiveOpportunity = InferEntity<typeof ObjectiveOpportunity>;

/** One entry of an action's update log: a status or progress change, or a note, by whom and when. */
export const PlanActionUpdate = defineEntity({
  name: 'PlanActionUpdate',
  properties: {
    id: p.uuid().primary(),
    action: () => p.manyToOne(PlanAction).deleteRule('cascade').index(),
    author: () => p.manyToOne(User).index(),
    at: p.datetime(),
    /** Null for the entry that records the action's creation. */
    fromStatus: enumColumn(ACTION_STATUSES).nullable(),
    toStatus: enumColumn(ACTION_STATUSES),
    fromProgress: p.integer().nullable(),
    toProgress: p.integer(),
    note: p.text(),
  },
});
export type PlanActionUpdate = InferEntity<typeof PlanActionUpdate>;
