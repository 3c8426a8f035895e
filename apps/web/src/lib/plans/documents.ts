import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const PlanActionQuery = graphql(`
  query PlanActionPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on PlanAction {
        id
        title
        description
        dueDate
        status
        progress
        overdue
        version
        owner {
          id
          name
        }
        account {
          id
          name
          assignableOwners {
            id
            name
          }
        }
        plan {
          id
          title
          status
          horizon {
            start
            end
          }
          objectives {
            id
            title
          }
        }
        objective {
          id
          title
        }
        updates {
          at
          note
          fromStatus
          toStatus
          fromProgress
          toProgress
          author {
            id
            name
          }
        }
      }
    }
  }
`);

type ActionNode = NonNullable<ResultOf<typeof PlanActionQuery>['node']>;
export type PlanActionDetail = Extract<ActionNode, { __typename: 'PlanAction' }>;

export function actionOf(data: ResultOf<typeof PlanActionQuery> | null): PlanActionDetail | null {
  const node = data?.node;
  return node && node.__typename === 'PlanAction' ? (node as PlanActionDetail) : null;
}

export const PlanQuery = graphql(`
  query PlanPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on AccountPlan {
        id
        title
        status
        version
        startMonth
        horizonMonths
        monthsRemaining
        horizon {
          start
          end
        }
        companyObjectives
        clientNeeds
        marketOpportunities
        previousPlan {
          id
          title
        }
        account {
          id
          name
          activePlan {
            id
            title
          }
          profile {
            currentNeeds
            futureNeeds
          }
          opportunities {
            id
            title
            stage
            probability
            estimatedRevenue
          }
          planExecution {
            open
            overdue
            done
            blocked
            total
            onTimeShare
          }
        }
        objectives {
          id
          title
          description
          status
          targetDate
          targetValue
          kpiDefinition {
            id
            name
            unit
          }
          answers
          opportunities {
            id
            title
          }
          progress {
            latestValue
            latestPeriod
            attainment
            forecastAtTargetDate
            onTrack
          }
        }
        actions {
          id
          title
          dueDate
          status
          progress
          overdue
          owner {
            id
            name
          }
          objective {
            id
          }
        }
      }
    }
  }
`);

type PlanNode = NonNullable<ResultOf<typeof PlanQuery>['node']>;
export type PlanDetail = Extract<PlanNode, { __typename: 'AccountPlan' }>;

export function planOf(data: ResultOf<typeof PlanQuery> | null): PlanDetail | null {
  const node = data?.node;
  return node && node.__typename === 'AccountPlan' ? (node as PlanDetail) : null;
}

// --- plan editor -------------------------------------------------------------------------------

/** What the plan editor edits, and the version an edit is based on. */
const PlanEditableFragment = graphql(`
  fragment PlanEditableFields on AccountPlan @_unmask {
    id
    title
    status
    startMonth
    horizonMonths
    horizon {
      start
      end
    }
    companyObjectives
    clientNeeds
    marketOpportunities
    revenueTargets {
      period
      amount
    }
    version
  }
`);

/** The account's plans, for the account page's "Plans" section. */
export const AccountPlansQuery = graphql(`
  query AccountPlans($id: ID!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        name
        plans {
          id
          title
          status
          startMonth
          horizonMonths
          horizon {
            start
            end
          }
        }
      }
    }
  }
`);

type AccountPlansNode = NonNullable<ResultOf<typeof AccountPlansQuery>['node']>;
export type AccountWithPlans = Extract<AccountPlansNode, { __typename: 'Account' }>;
export function accountPlansOf(data: ResultOf<typeof AccountPlansQuery> | null): AccountWithPlans | null {
  const node = data?.node;
  return node && node.__typename === 'Account' ? (node as AccountWithPlans) : null;
}

export const PlanEditQuery = graphql(
  `
  query PlanEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on AccountPlan {
        ...PlanEditableFields
        account {
          id
          name
        }
      }
    }
  }
`,
  [PlanEditableFragment],
);

type PlanEditNode = NonNullable<ResultOf<typeof PlanEditQuery>['node']>;
export type PlanForEdit = Extract<PlanEditNode, { __typename: 'AccountPlan' }>;
export function planForEditOf(data: ResultOf<typeof PlanEditQuery> | null): PlanForEdit | null {
  const node = data?.node;
  return node && node.__typename === 'AccountPlan' ? (node as PlanForEdit) : null;
}

const PlanConflictFragment = graphql(
  `
  fragment PlanConflictFields on ConflictError @_unmask {
    currentVersion
    current {
      __typename
      id
      ... on AccountPlan {
        ...PlanEditableFields
      }
    }
  }
`,
  [PlanEditableFragment],
);

export const CreatePlanMutation = graphql(
  `
  mutation CreatePlan($input: CreateAccountPlanInput!) {
    createPlan(input: $input) {
      __typename
      ... on CreatePlanSuccess {
        data {
          id
          version
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

export const UpdatePlanMutation = graphql(
  `
  mutation UpdatePlan($id: ID!, $input: UpdateAccountPlanInput!) {
    updatePlan(id: $id, input: $input) {
      __typename
      ... on UpdatePlanSuccess {
        data {
          ...PlanEditableFields
        }
      }
      ...OutcomeErrorFields
      ...PlanConflictFields
    }
  }
`,
  [OutcomeErrorFragment, PlanEditableFragment, PlanConflictFragment],
);

export const ActivatePlanMutation = graphql(
  `
  mutation ActivatePlan($id: ID!, $expectedVersion: Int!) {
    activatePlan(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on ActivatePlanSuccess {
        data {
          id
          status
          version
        }
      }
      ...OutcomeErrorFields
      ...PlanConflictFields
    }
  }
`,
  [OutcomeErrorFragment, PlanConflictFragment],
);

export const ClosePlanMutation = graphql(
  `
  mutation ClosePlan($id: ID!, $expectedVersion: Int!) {
    closePlan(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on ClosePlanSuccess {
        data {
          id
          status
          version
        }
      }
      ...OutcomeErrorFields
      ...PlanConflictFields
    }
  }
`,
  [OutcomeErrorFragment, PlanConflictFragment],
);

export const RollPlanMutation = graphql(
  `
  mutation RollPlan($id: ID!, $input: RollPlanInput) {
    rollPlan(id: $id, input: $input) {
      __typename
      ... on RollPlanSuccess {
        data {
          id
          version
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

// --- objectives and new actions ----------------------------------------------------------------

/** What the objective and action forms need to know about the plan and its account. */
const PlanContextFragment = graphql(`
  fragment PlanContextFields on AccountPlan @_unmask {
    id
    title
    status
    startMonth
    horizonMonths
    horizon {
      start
      end
    }
    objectives {
      id
      title
      status
    }
    account {
      id
      name
      owner {
        id
        name
      }
      assignableOwners {
        id
        name
      }
      kpis {
        id
        name
        unit
        archived
        direction
      }
      opportunities {
        id
        title
        stage
      }
    }
  }
`);

export const PlanContextQuery = graphql(
  `
  query PlanContext($id: ID!) {
    node(id: $id) {
      __typename
      ... on AccountPlan {
        ...PlanContextFields
      }
    }
  }
`,
  [PlanContextFragment],
);

type PlanContextNode = NonNullable<ResultOf<typeof PlanContextQuery>['node']>;
export type PlanContext = Extract<PlanContextNode, { __typename: 'AccountPlan' }>;
/** The plan as the objective and action forms need it (from either query). */
export type PlanContextData = Omit<PlanContext, '__typename'>;
export function planContextOf(data: ResultOf<typeof PlanContextQuery> | null): PlanContext | null {
  const node = data?.node;
  return node && node.__typename === 'AccountPlan' ? (node as PlanContext) : null;
}

const ObjectiveEditableFragment = graphql(`
  fragment ObjectiveEditableFields on Objective @_unmask {
    id
    title
    description
    kpiDefinitionId
    targetValue
    targetDate
    status
    version
    answers
    opportunities {
      id
    }
  }
`);

export const ObjectiveQuery = graphql(
  `
  query ObjectiveEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Objective {
        ...ObjectiveEditableFields
        plan {
          ...PlanContextFields
        }
      }
    }
  }
`,
  [ObjectiveEditableFragment, PlanContextFragment],
);

type ObjectiveNode = NonNullable<ResultOf<typeof ObjectiveQuery>['node']>;
export type ObjectiveForEdit = Extract<ObjectiveNode, { __typename: 'Objective' }>;
export function objectiveOf(data: ResultOf<typeof ObjectiveQuery> | null): ObjectiveForEdit | null {
  const node = data?.node;
  return node && node.__typename === 'Objective' ? (node as ObjectiveForEdit) : null;
}

export const CreateObjectiveMutation = graphql(
  `
  mutation CreateObjective($input: CreateObjectiveInput!) {
    createObjective(input: $input) {
      __typename
      ... on CreateObjectiveSuccess {
        data {
          id
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

export const UpdateObjectiveMutation = graphql(
  `
  mutation UpdateObjective($id: ID!, $input: UpdateObjectiveInput!) {
    updateObjective(id: $id, input: $input) {
      __typename
      ... on UpdateObjectiveSuccess {
        data {
          ...ObjectiveEditableFields
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on Objective {
            ...ObjectiveEditableFields
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment, ObjectiveEditableFragment],
);
