/** Shared GraphQL documents of the revenue tests (not a test file itself). */

export const RECORD = `mutation($input: RecordMonthlyRevenueInput!) {
  recordMonthlyRevenue(input: $input) {
    __typename
    ... on RecordMonthlyRevenueSuccess { data { month amount updatedAt } account { name revenue { year amount } } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;
export const MONTHS = `query($id: ID!, $from: String, $to: String) {
  node(id: $id) { ... on Account { monthlyRevenue(from: $from, to: $to) { month amount } revenue { year amount } } }
}`;
