import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

/**
 * An account's revenue per year and which months have figures (from `from` to `to`), so the
 * screen knows which years are typed as a whole and which are the sum of their months.
 */
export const AccountYearlyRevenueQuery = graphql(`
  query AccountYearlyRevenue($id: ID!, $from: String!, $to: String!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        status
        revenue {
          year
          amount
        }
        monthlyRevenue(from: $from, to: $to) {
          month
        }
      }
    }
  }
`);
export type AccountYearlyRevenueData = ResultOf<typeof AccountYearlyRevenueQuery>;

/** The revenue of a whole year, for years without monthly figures (the API refuses the others). */
export const SetAccountRevenueMutation = graphql(
  `
  mutation SetAccountRevenue($accountId: ID!, $year: Int!, $amount: Float!) {
    setAccountRevenue(accountId: $accountId, year: $year, amount: $amount) {
      __typename
      ... on SetAccountRevenueSuccess {
        data {
          id
          revenue {
            year
            amount
          }
        }
      }
      ... on Error {
        ...OutcomeErrorFields
      }
    }
  }
`,
  [OutcomeErrorFragment],
);
