import { graphql, type ResultOf } from '$lib/graphql/graphql';

// The desk's typed documents.

export const DeskOverviewQuery = graphql(`
  query DeskOverview($filter: DeskFilter) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      accounts {
        id
        name
        tier
        owner { id name }
        visitCoverage { cadenceDays daysSinceLastVisit overdue lastVisitAt }
        health { score trend }
      }
      executionByKam { kam { id name } accounts open overdue blocked onTrack overdueShare onTimeShare }
      concentrationHistory {
        year
        hhi
        concentration
        companyRevenue
        shareDenominator
        accounts { share rank dependencyThreshold account { id name } }
      }
    }
  }
`);
export type DeskOverview = ResultOf<typeof DeskOverviewQuery>['desk'];

export const DeskPortfolioQuery = graphql(`
  query DeskPortfolio($filter: DeskFilter) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      dependencyThresholds
      concentrationHistory {
        year
        totalRevenue
        companyRevenue
        shareDenominator
        hhi
        concentration
        accounts {
          revenue
          share
          cumulativeShare
          rank
          dependencyThreshold
          account { id name tier owner { id name } }
        }
      }
    }
  }
`);
export type DeskPortfolio = ResultOf<typeof DeskPortfolioQuery>['desk'];

export const DeskExecutionQuery = graphql(`
  query DeskExecution($filter: DeskFilter, $withinDays: Int) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      executionByKam {
        kam { id name }
        accounts
        total
        done
        doneOnTime
        open
        onTrack
        overdue
        blocked
        overdueShare
        onTimeShare
      }
      accounts {
        id
        name
        tier
        owner { id name }
        activePlan { id title }
        planExecution { total done open overdue blocked onTimeShare }
      }
      blockedActions {
        id
        title
        dueDate
        owner { id name }
        account { id name }
        updates { at note toStatus author { id name } }
      }
      plansEndingWithoutSuccessor(withinDays: $withinDays) {
        endDate
        daysLeft
        plan { id title account { id name owner { id name } } }
      }
    }
  }
`);
export type DeskExecution = ResultOf<typeof DeskExecutionQuery>['desk'];

export const DeskActionsQuery = graphql(`
  query DeskActions($filter: DeskFilter) {
    desk(filter: $filter) {
      accounts {
        id
        name
        owner { id name }
        activePlan {
          id
          title
          actions { id title dueDate status progress overdue completedAt owner { id name } }
        }
      }
    }
  }
`);
export type DeskActions = ResultOf<typeof DeskActionsQuery>['desk'];

export const DeskCoverageQuery = graphql(`
  query DeskCoverage($filter: DeskFilter, $months: Int) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      accounts {
        id
        name
        tier
        owner { id name }
        visitCoverage { cadenceDays daysSinceLastVisit overdue lastVisitAt }
      }
      visitsByKamMonth(months: $months) { kam { id name } month visits averageAcceptance }
      acceptanceByMonth(months: $months) { month visits averageAcceptance }
    }
  }
`);
export type DeskCoverage = ResultOf<typeof DeskCoverageQuery>['desk'];

export const DeskVisitsQuery = graphql(`
  query DeskVisits($filter: DeskFilter, $months: Int) {
    desk(filter: $filter) {
      visits(months: $months) {
        id
        occurredAt
        kind
        acceptance
        purpose
        outcomes
        account { id name }
        kam { id name }
      }
    }
  }
`);
export type DeskVisit = ResultOf<typeof DeskVisitsQuery>['desk']['visits'][number];

export const DeskHealthQuery = graphql(`
  query DeskHealth($filter: DeskFilter) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      accounts {
        id
        name
        tier
        owner { id name }
        health { score trend acceptance recency execution reasons { code impact message } }
      }
    }
  }
`);
export type DeskHealth = ResultOf<typeof DeskHealthQuery>['desk'];

export const DeskKpisQuery = graphql(`
  query DeskKpis($filter: DeskFilter) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      accounts {
        id
        name
        tier
        owner { id name }
        kpis {
          id
          name
          unit
          category
          template { id name }
          trend(months: 3) { status latest { periodStart value } }
        }
      }
    }
  }
`);
export type DeskKpis = ResultOf<typeof DeskKpisQuery>['desk'];

export const DeskKpiSeriesQuery = graphql(`
  query DeskKpiSeries($filter: DeskFilter) {
    desk(filter: $filter) {
      accounts {
        id
        name
        kpis {
          id
          name
          unit
          target
          trend(months: 12) { status points { periodStart value } }
        }
      }
    }
  }
`);
export type DeskKpiSeries = ResultOf<typeof DeskKpiSeriesQuery>['desk'];

export const DeskApprovalsQuery = graphql(`
  query DeskApprovals($filter: DeskFilter) {
    desk(filter: $filter) {
      teams { id name }
      owners { id name }
      accounts { id }
    }
    pendingResourceRequests(first: 100) {
      totalCount
      edges {
        node {
          id
          kind
          status
          amount
          description
          createdAt
          requestedBy { id name }
          account { id name tier owner { id name } }
          planAction { id title }
          opportunity { id title }
        }
      }
    }
  }
`);
export type DeskApproval = ResultOf<
  typeof DeskApprovalsQuery
>['pendingResourceRequests']['edges'][number]['node'];
