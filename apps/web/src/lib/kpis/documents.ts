import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const KpiTrendQuery = graphql(`
  query KpiTrendPage($id: ID!, $months: Int!, $lastYearFrom: String!, $lastYearTo: String!) {
    node(id: $id) {
      __typename
      ... on KpiDefinition {
        id
        name
        unit
        description
        direction
        frequency
        target
        archived
        account {
          id
          name
          activePlan {
            id
            title
            horizon {
              end
            }
          }
        }
        trend(months: $months, forecastToPlanEnd: true) {
          from
          to
          status
          points {
            periodStart
            value
          }
          latest {
            periodStart
            value
          }
          forecast {
            periodStart
            value
            points {
              periodStart
              value
            }
          }
          changeVsPrevious {
            relative
          }
          changeVsLastYear {
            relative
          }
          attainment {
            ratio
            met
          }
        }
        lastYear: measurements(from: $lastYearFrom, to: $lastYearTo) {
          periodStart
          value
        }
      }
    }
  }
`);

type KpiNode = NonNullable<ResultOf<typeof KpiTrendQuery>['node']>;
export type KpiDetail = Extract<KpiNode, { __typename: 'KpiDefinition' }>;

export function kpiOf(data: ResultOf<typeof KpiTrendQuery> | null): KpiDetail | null {
  const node = data?.node;
  return node && node.__typename === 'KpiDefinition' ? (node as KpiDetail) : null;
}

export const KPI_WINDOWS = [3, 6, 12, 18] as const;
export type KpiWindowMonths = (typeof KPI_WINDOWS)[number];
