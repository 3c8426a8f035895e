import { graphql, type ResultOf } from '$lib/graphql/graphql';

/* The plan action page's query. */

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
