import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

// Revenue by month, target against actual, and the company's settings (currency, total revenue).

/**
 * What every screen needs of the company: its currency, the year shares are of, and (managers and
 * admins; empty for KAMs) which years have a company total, so screens say what shares are of.
 */
export const CompanyQuery = graphql(`
  query Company {
    company {
      currency
      shareYear
      revenueYears {
        year
        totalRevenue
      }
    }
  }
`);
export type CompanyBasics = ResultOf<typeof CompanyQuery>['company'];

/** The company settings screen (admins): currency and total revenue per year beside the key accounts'. */
export const CompanySettingsQuery = graphql(`
  query CompanySettings {
    company {
      currency
      shareYear
      revenueYears {
        year
        totalRevenue
        keyAccountRevenue
      }
    }
  }
`);
export type CompanySettings = ResultOf<typeof CompanySettingsQuery>['company'];

export const SetCompanyRevenueMutation = graphql(
  `
  mutation SetCompanyRevenue($input: SetCompanyRevenueInput!) {
    setCompanyRevenue(input: $input) {
      __typename
      ... on SetCompanyRevenueSuccess {
        data {
          year
          totalRevenue
          keyAccountRevenue
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

export const UpdateCompanySettingsMutation = graphql(
  `
  mutation UpdateCompanySettings($input: UpdateCompanySettingsInput!) {
    updateCompanySettings(input: $input) {
      __typename
      ... on UpdateCompanySettingsSuccess {
        data {
          currency
          shareYear
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

/** An account's monthly actual revenue between two months (inclusive), for the grid. */
export const AccountMonthlyRevenueQuery = graphql(`
  query AccountMonthlyRevenue($id: ID!, $from: String!, $to: String!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        name
        monthlyRevenue(from: $from, to: $to) {
          month
          amount
          updatedAt
        }
      }
    }
  }
`);
export type AccountMonthlyRevenueData = ResultOf<typeof AccountMonthlyRevenueQuery>;

export const RecordMonthlyRevenueMutation = graphql(
  `
  mutation RecordMonthlyRevenue($input: RecordMonthlyRevenueInput!) {
    recordMonthlyRevenue(input: $input) {
      __typename
      ... on RecordMonthlyRevenueSuccess {
        data {
          month
          amount
          updatedAt
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

/** A plan's target against actual by month, with the figures to date and the gap to its total. */
export const PlanRevenueQuery = graphql(`
  query PlanRevenue($id: ID!) {
    node(id: $id) {
      __typename
      ... on AccountPlan {
        id
        title
        account {
          id
          name
        }
        revenueAttainment {
          months {
            month
            target
            actual
            cumulativeTarget
            cumulativeActual
          }
          totalTarget
          targetToDate
          actualToDate
          attainmentToDate
          gapToTotal
          throughMonth
        }
      }
    }
  }
`);
export type PlanRevenueData = ResultOf<typeof PlanRevenueQuery>;
export type PlanRevenuePlan = Extract<NonNullable<PlanRevenueData['node']>, { __typename: 'AccountPlan' }>;
export type RevenueAttainment = PlanRevenuePlan['revenueAttainment'];

/** The plan of a result, or null when it is not a plan (or not visible). */
export function planRevenueOf(data: PlanRevenueData | null): PlanRevenuePlan | null {
  const node = data?.node;
  return node && node.__typename === 'AccountPlan' ? (node as PlanRevenuePlan) : null;
}

/** The denominator of the portfolio's shares in a year (desk screens). */
export const ShareDenominatorQuery = graphql(`
  query ShareDenominator($year: Int) {
    portfolio(year: $year) {
      year
      companyRevenue
      shareDenominator
    }
  }
`);
