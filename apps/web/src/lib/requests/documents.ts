import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const RequestsQuery = graphql(`
  query RequestsPage {
    myResourceRequests(first: 50) {
      edges {
        node {
          id
          kind
          status
          amount
          description
          decisionReason
          createdAt
          account {
            id
            name
          }
        }
      }
    }
    pendingResourceRequests(first: 50) {
      edges {
        node {
          id
          kind
          status
          amount
          description
          createdAt
          version
          requestedBy {
            id
            name
          }
          account {
            id
            name
          }
          planAction {
            id
            title
          }
          opportunity {
            id
            title
          }
        }
      }
    }
    accounts(first: 100) {
      edges {
        node {
          id
          name
          activePlan {
            id
            actions {
              id
              title
              status
            }
          }
          opportunities {
            id
            title
            stage
          }
        }
      }
    }
  }
`);

export type RequestsData = ResultOf<typeof RequestsQuery>;

// A new request goes through the outbox (createResourceRequest in $lib/offline/mutations.ts).

export const DecideResourceRequestMutation = graphql(`
  mutation DecideResourceRequest($id: ID!, $approve: Boolean!, $reason: String) {
    decideResourceRequest(id: $id, approve: $approve, reason: $reason) {
      __typename
      ... on DecideResourceRequestSuccess {
        data {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** What a request is for, as the form keeps it: "action:<id>" or "opportunity:<id>". */
export function splitTarget(target: string): { planActionId?: string; opportunityId?: string } {
  const [kind, id] = target.split(/:(.*)/s);
  if (!id) return {};
  return kind === 'action' ? { planActionId: id } : kind === 'opportunity' ? { opportunityId: id } : {};
}
