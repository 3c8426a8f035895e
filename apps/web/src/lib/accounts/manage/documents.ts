import { graphql, type ResultOf } from '$lib/graphql/graphql';

/**
 * The people the viewer can see (one page of Query.users): a manager themselves and their team,
 * an admin everyone. The API stays the judge: a choice it refuses comes back as a ValidationError
 * on `ownerId` / `supporterIds`.
 */
export const AccountPeopleQuery = graphql(`
  query AccountPeople($after: String) {
    users(first: 100, after: $after) {
      edges {
        node {
          id
          name
          role
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type PersonRow = ResultOf<typeof AccountPeopleQuery>['users']['edges'][number]['node'];

/** What the edit form needs of an account (read from the network, never the offline copy). */
export const AccountEditQuery = graphql(`
  query AccountEdit($id: ID!) {
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
        owner {
          id
          name
          role
        }
        supporters {
          id
          name
          role
        }
      }
    }
  }
`);

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      __typename
      ... on CreateAccountSuccess {
        data {
          id
          name
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) {
      __typename
      ... on UpdateAccountSuccess {
        data {
          id
          name
          segment
          tier
          visitCadenceDays
          address
          owner {
            id
            name
          }
          supporters {
            id
            name
          }
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ArchiveAccountMutation = graphql(`
  mutation ArchiveAccount($id: ID!) {
    archiveAccount(id: $id) {
      __typename
      ... on ArchiveAccountSuccess {
        data {
          id
          status
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
