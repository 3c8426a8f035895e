// The session and accounts-list documents. Result and variable types are inferred by gql.tada from
// apps/api/schema.graphql; the exported type names below are views of those, never hand-typed shapes.
import { graphql, type ResultOf, type VariablesOf } from './graphql';

/** A field-level problem, as every ValidationError carries it. */
export const FieldIssueFragment = graphql(`
  fragment FieldIssueFields on FieldIssue {
    path
    message
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      role
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        data {
          id
          email
          name
          role
        }
      }
      ... on Error {
        code
        message
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const AccountsQuery = graphql(`
  query Accounts($first: Int!, $after: String, $filter: AccountFilter) {
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
        }
      }
    }
  }
`);

export type SessionUser = NonNullable<ResultOf<typeof MeQuery>['me']>;
export type LoginResult = ResultOf<typeof LoginMutation>['login'];
export type FieldIssue = ResultOf<typeof FieldIssueFragment>;
export type AccountsPage = ResultOf<typeof AccountsQuery>;
export type AccountsVariables = VariablesOf<typeof AccountsQuery>;
export type AccountRow = AccountsPage['accounts']['edges'][number]['node'];
