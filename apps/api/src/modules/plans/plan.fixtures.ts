import type { Client, TestApp } from '../../../test/helpers.js';

/** Shared GraphQL documents and helpers of the plans tests (not a test file itself). */

export const USERS = ['ana', 'luis', 'sofia', 'marta', 'jorge', 'admin'] as const;
export type Who = (typeof USERS)[number];

export const PLAN_FIELDS = `id title status startMonth horizonMonths version
  companyObjectives clientNeeds marketOpportunities
  horizon { start end months } revenueTargets { period amount }
  previousPlan { id } account { name }`;

export const ACTION_FIELDS = `id title status progress dueDate overdue completedAt source version
  owner { email } objective { title }
  updates { fromStatus toStatus fromProgress toProgress note author { email } at }`;

const CONFLICT = `... on ConflictError { currentVersion current { id ... on AccountPlan { title version }
      ... on PlanAction { title actionStatus: status progress version } } }`;

const result = (name: string, type: string, fields: string) => `
  ${name} {
    __typename
    ... on ${type} { data { ${fields} } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
    ${name.startsWith('create') || name.startsWith('roll') ? '' : CONFLICT}
  }`;

export const CREATE_PLAN = `mutation($input: CreateAccountPlanInput!) {
  ${result('createPlan(input: $input)', 'CreatePlanSuccess', PLAN_FIELDS)} }`;
export const UPDATE_PLAN = `mutation($id: ID!, $input: UpdateAccountPlanInput!) {
  ${result('updatePlan(id: $id, input: $input)', 'UpdatePlanSuccess', PLAN_FIELDS)} }`;
export const ACTIVATE_PLAN = `mutation($id: ID!, $v: Int!) {
  ${result('activatePlan(id: $id, expectedVersion: $v)', 'ActivatePlanSuccess', PLAN_FIELDS)} }`;
export const CLOSE_PLAN = `mutation($id: ID!, $v: Int!) {
  ${result('closePlan(id: $id, expectedVersion: $v)', 'ClosePlanSuccess', PLAN_FIELDS)} }`;
export const ROLL_PLAN = `mutation($id: ID!, $input: RollPlanInput) {
  ${result('rollPlan(id: $id, input: $input)', 'RollPlanSuccess', `${PLAN_FIELDS} objectives { title status } actions { ${ACTION_FIELDS} }`)} }`;
export const CREATE_OBJECTIVE = `mutation($input: CreateObjectiveInput!) {
  ${result('createObjective(input: $input)', 'CreateObjectiveSuccess', 'id title status version')} }`;
export const UPDATE_OBJECTIVE = `mutation($id: ID!, $input: UpdateObjectiveInput!) {
  ${result('updateObjective(id: $id, input: $input)', 'UpdateObjectiveSuccess', 'id title status version targetValue kpiDefinitionId')} }`;
export const CREATE_ACTION = `mutation($input: CreatePlanActionInput!) {
  ${result('createPlanAction(input: $input)', 'CreatePlanActionSuccess', ACTION_FIELDS)} }`;
export const UPDATE_ACTION = `mutation($id: ID!, $input: UpdatePlanActionInput!) {
  ${result('updatePlanAction(id: $id, input: $input)', 'UpdatePlanActionSuccess', ACTION_FIELDS)} }`;

export const ACCOUNT_PLANS = `query($id: ID!) { node(id: $id) { ... on Account {
  activePlan { ${PLAN_FIELDS} objectives { id title status } actions { ${ACTION_FIELDS} } }
  plans { id status title }
} } }`;
export const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on AccountPlan { title status version }
  ... on PlanAction { title actionStatus: status version }
  ... on Objective { title }
} }`;
export const MY_ACTIONS = `query($filter: MyActionsFilter) { myActions(filter: $filter) {
  id title status dueDate overdue owner { email } account { name } } }`;

// biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
export type Any = any;

export interface World {
  t: TestApp;
  clients: Record<Who, Client>;
  accounts: Record<string, string>;
  users: Record<Who, string>;
}

export async function setUpWorld(t: TestApp): Promise<World> {
  const clients = {} as Record<Who, Client>;
  const users = {} as Record<Who, string>;
  for (const who of USERS) {
    clients[who] = await t.as(who);
    users[who] = (await clients[who].data<{ me: { id: string } }>('{ me { id } }')).me.id;
  }
  const list = await clients.admin.data<Any>('{ accounts(first: 100) { edges { node { id name } } } }');
  const accounts: Record<string, string> = {};
  for (const { node } of list.accounts.edges) accounts[node.name] = node.id;
  return { t, clients, accounts, users };
}

export async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute('select count(*) as n from audit_entry');
  return Number(row.n);
}

export async function activePlan(client: Client, accountId: string): Promise<Any> {
  return (await client.data<Any>(ACCOUNT_PLANS, { id: accountId })).node.activePlan;
}

/** An ISO date `days` from today (UTC). */
export const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
