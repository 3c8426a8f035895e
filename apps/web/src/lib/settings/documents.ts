import { graphql, type ResultOf, type VariablesOf } from '$lib/graphql/graphql';

export const MyApiTokensQuery = graphql(`
  query MyApiTokens {
    myApiTokens {
      id
      name
      prefix
      scopes
      createdAt
      expiresAt
      revokedAt
      lastUsedAt
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenSuccess {
        data {
          secret
          token {
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

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on RevokeApiTokenSuccess {
        data {
          id
          revokedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export type ApiTokenRow = ResultOf<typeof MyApiTokensQuery>['myApiTokens'][number];
/** A scope as the GraphQL enum writes it, e.g. READ_ACCOUNTS for read:accounts. */
export type ScopeValue = VariablesOf<typeof CreateApiTokenMutation>['input']['scopes'][number];
