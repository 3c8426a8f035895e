import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const TodayQuery = graphql(`
  query Today {
    overdue: myActions(filter: { overdue: true }) {
      id
      title
      dueDate
      status
      progress
      overdue
      account {
        id
        name
      }
    }
    dueSoon: myActions(filter: { dueWithinDays: 7 }) {
      id
      title
      dueDate
      status
      progress
      overdue
      account {
        id
        name
      }
    }
    accounts(first: 100) {
      edges {
        node {
          id
          name
          tier
          visitCoverage {
            overdue
            daysSinceLastVisit
            cadenceDays
          }
        }
      }
    }
    myVisits(first: 5) {
      edges {
        node {
          id
          occurredAt
          purpose
          acceptance
          account {
            id
            name
          }
        }
      }
    }
  }
`);

export type TodayData = ResultOf<typeof TodayQuery>;

/** Actions due soon that are not already listed as overdue. */
export function dueSoonOnly<T extends { id: string; overdue: boolean }>(
  dueSoon: readonly T[],
  overdue: readonly T[],
): T[] {
  const shown = new Set(overdue.map((a) => a.id));
  return dueSoon.filter((a) => !a.overdue && !shown.has(a.id));
}
