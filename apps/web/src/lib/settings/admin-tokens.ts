import { graphql, type ResultOf } from '$lib/graphql/graphql';

/**
 * Everyone's API tokens, newest first (Query.apiTokens: admins signed in to the app), with whose
 * they are. Never the secret: the API keeps only its hash and does not expose that either.
 */
export const AllApiTokensQuery = graphql(`
  query AllApiTokens($userId: ID, $after: String) {
    apiTokens(userId: $userId, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          prefix
          scopes
          createdAt
          expiresAt
          revokedAt
          lastUsedAt
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

/** The people whose tokens may be filtered on (an admin sees every active user). */
export const TokenPeopleQuery = graphql(`
  query TokenPeople {
    users(first: 100) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

export type AdminTokenRow = ResultOf<typeof AllApiTokensQuery>['apiTokens']['edges'][number]['node'];
export type TokenPerson = ResultOf<typeof TokenPeopleQuery>['users']['edges'][number]['node'];
