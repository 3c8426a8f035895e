import { graphql, type ResultOf } from '$lib/graphql/graphql';

/**
 * The people the viewer can see who may own or support an account. The schema has no list of
 * users: the desk's owners (every owner of the viewer's accounts) and the supporters of those
 * accounts are the people in reach, plus the viewer (a manager may own accounts). The API stays
 * the judge: a choice it refuses comes back as a ValidationError on `ownerId` / `supporterIds`.
 */
export const AccountPeopleQuery = graphql(`
  query AccountPeople {
    me {
      id
      name
      role
    }
    desk {
      owners {
        id
        name
        role
      }
      accounts {
        id
        supporters {
          id
          name
          role
        }
      }
    }
  }
`);

export type PersonRow = NonNullable<ResultOf<typeof AccountPeopleQuery>['me']>;

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
