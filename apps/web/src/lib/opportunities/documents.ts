import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

/** What the opportunity form edits, and the version the edit is based on. */
const OpportunityEditableFragment = graphql(`
  fragment OpportunityEditableFields on Opportunity @_unmask {
    title
    description
    valueForUs
    valueForClient
    estimatedRevenue
    probability
    stage
    version
  }
`);

export const OpportunityPageQuery = graphql(
  `
  query OpportunityPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Opportunity {
        id
        ...OpportunityEditableFields
        updatedAt
        owner {
          id
          name
        }
        account {
          id
          name
          activePlan {
            id
            title
            horizon {
              start
              end
            }
          }
        }
        planActions {
          id
          title
          dueDate
          status
        }
      }
    }
  }
`,
  [OpportunityEditableFragment],
);

export type OpportunityPageData = ResultOf<typeof OpportunityPageQuery>;
export type OpportunityDetail = Extract<
  NonNullable<OpportunityPageData['node']>,
  { __typename: 'Opportunity' }
>;

export function opportunityOf(data: OpportunityPageData | null): OpportunityDetail | null {
  const node = data?.node;
  return node && node.__typename === 'Opportunity' ? (node as OpportunityDetail) : null;
}

export const CreateOpportunityMutation = graphql(
  `
  mutation CreateOpportunity($input: CreateOpportunityInput!) {
    createOpportunity(input: $input) {
      __typename
      ... on CreateOpportunitySuccess {
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

export const UpdateOpportunityMutation = graphql(
  `
  mutation UpdateOpportunity($id: ID!, $input: UpdateOpportunityInput!) {
    updateOpportunity(id: $id, input: $input) {
      __typename
      ... on UpdateOpportunitySuccess {
        data {
          id
          version
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ...OpportunityEditableFields
        }
      }
    }
  }
`,
  [OutcomeErrorFragment, OpportunityEditableFragment],
);

export const ConvertOpportunityMutation = graphql(
  `
  mutation ConvertOpportunity($opportunityId: ID!, $actions: [OpportunityActionInput!]!) {
    convertOpportunityToActions(opportunityId: $opportunityId, actions: $actions) {
      __typename
      ... on ConvertOpportunityToActionsSuccess {
        data {
          createdActions {
            id
            title
            dueDate
          }
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

export const opportunityPageKey = (id: string) => `opportunity:${id}`;
