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
        }
        plan {
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
        horizonMonths
        monthsRemaining
        horizon {
          start
          end
        }
        companyObjectives
        clientNeeds
        marketOpportunities
        account {
          id
          name
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
          status
          targetDate
          targetValue
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
