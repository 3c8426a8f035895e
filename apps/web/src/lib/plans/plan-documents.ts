import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

/* The plan page, the account's plans, the plan editor and the plan's status changes and roll. */

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
