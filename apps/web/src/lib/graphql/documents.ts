// Hand-typed documents until the API's schema is checked in; then these move to gql.tada.
// Keep the result types minimal: exactly the fields selected below.
import type { AccountStatus, AccountTier, Role } from '@clave/domain';
import { gql } from '@urql/core';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface FieldIssue {
  path: string[];
  message: string;
}

export type LoginResult =
  | { __typename: 'LoginSuccess'; data: SessionUser }
  | { __typename: 'InvalidCredentialsError'; code: string; message: string }
  | { __typename: 'RateLimitedError'; code: string; message: string; retryAfterSeconds: number }
  | { __typename: 'ValidationError'; code: string; message: string; issues: FieldIssue[] };

export const MeQuery = gql<{ me: SessionUser | null }, Record<string, never>>`
  query Me {
    me {
      id
      email
      name
      role
    }
  }
`;

export const LoginMutation = gql<{ login: LoginResult }, { email: string; password: string }>`
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
`;

export const LogoutMutation = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;

export interface AccountRow {
  id: string;
  name: string;
  segment: string;
  tier: AccountTier;
  status: AccountStatus;
  owner: { id: string; name: string };
}

export interface AccountsPage {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: AccountRow }[];
  };
}

export interface AccountsVariables {
  first: number;
  after?: string | null;
  filter?: { search?: string; tier?: AccountTier };
}

export const AccountsQuery = gql<AccountsPage, AccountsVariables>`
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
`;
