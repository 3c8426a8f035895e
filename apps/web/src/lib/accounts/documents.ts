import { graphql, type ResultOf, type VariablesOf } from '$lib/graphql/graphql';

export const AccountsQuery = graphql(`
  query AccountsList($first: Int!, $after: String, $filter: AccountFilter) {
    accounts(first: $first, after: $after, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          segment
          tier
          status
          owner {
            id
            name
          }
          health {
            score
            trend
          }
          revenueShare
          visitCoverage {
            overdue
          }
        }
      }
    }
  }
`);

export type AccountRow = ResultOf<typeof AccountsQuery>['accounts']['edges'][number]['node'];
export type AccountsVariables = VariablesOf<typeof AccountsQuery>;

/** Everything the account page shows, and what "Log a visit" needs offline (same cached copy). */
export const AccountPageQuery = graphql(`
  query AccountPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        name
        segment
        tier
        status
        visitCadenceDays
        address
        revenueShare
        owner {
          id
          name
        }
        health {
          score
          trend
          reasons {
            code
            message
            impact
          }
        }
        visitCoverage {
          overdue
          daysSinceLastVisit
          lastVisitAt
          cadenceDays
        }
        planExecution {
          open
          overdue
          done
          blocked
          total
          onTimeShare
        }
        kpis {
          id
          name
          unit
          archived
          target
          latest {
            value
            periodStart
            status
          }
          trend(months: 12) {
            status
            points {
              periodStart
              value
            }
          }
        }
        activePlan {
          id
          title
          horizon {
            start
            end
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
          }
        }
        visits(first: 5) {
          totalCount
          edges {
            node {
              id
              occurredAt
              purpose
              acceptance
              kind
            }
          }
        }
        stakeholders {
          id
          name
          title
          decisionRole
          attitude
          influence
          lastContact
          email
          phone
          version
          reportsTo {
            id
          }
        }
        opportunities {
          id
          title
          stage
          probability
          estimatedRevenue
        }
        profile {
          version
          historyText
          mission
          vision
          strategies
          objectives
          currentNeeds
          futureNeeds
          fears
          threats
        }
      }
    }
  }
`);

export type AccountPageData = ResultOf<typeof AccountPageQuery>;
export type AccountDetail = Extract<NonNullable<AccountPageData['node']>, { __typename: 'Account' }>;

/** The account of a page result, or null when it is not an account (or not visible). */
export function accountOf(data: AccountPageData | null): AccountDetail | null {
  const node = data?.node;
  return node && node.__typename === 'Account' ? (node as AccountDetail) : null;
}

export const accountPageKey = (id: string) => `account:${id}`;
