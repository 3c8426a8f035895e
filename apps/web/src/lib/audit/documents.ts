import { graphql, type ResultOf } from '$lib/graphql/graphql';

/**
 * The history of one account, plan, action, stakeholder or KPI definition, newest first: any of
 * them by its global id (the component does not need to know which).
 */
export const HistoryQuery = graphql(`
  query AuditHistory($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      __typename
      ... on Account { history(first: $first, after: $after) { ...HistoryPage } }
      ... on AccountPlan { history(first: $first, after: $after) { ...HistoryPage } }
      ... on PlanAction { history(first: $first, after: $after) { ...HistoryPage } }
      ... on Stakeholder { history(first: $first, after: $after) { ...HistoryPage } }
      ... on KpiDefinition { history(first: $first, after: $after) { ...HistoryPage } }
    }
  }
  fragment HistoryPage on AuditEntryConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        at
        action
        entityType
        actor { id name }
        changes { field before after }
      }
    }
  }
`);
export type HistoryData = ResultOf<typeof HistoryQuery>;

/** The audit log of the desk, with the filters as the API takes them (global ids, instants). */
export const AuditLogQuery = graphql(`
  query AuditLog(
    $first: Int!
    $after: String
    $accountId: ID
    $actorId: ID
    $entityType: String
    $from: DateTime
    $to: DateTime
  ) {
    auditLog(
      first: $first
      after: $after
      accountId: $accountId
      actorId: $actorId
      entityType: $entityType
      from: $from
      to: $to
    ) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          at
          action
          entityType
          actor { id name }
          account { id name }
          changes { field before after }
        }
      }
    }
  }
`);
export type AuditLogData = ResultOf<typeof AuditLogQuery>;
export type AuditLogEntry = AuditLogData['auditLog']['edges'][number]['node'];

/** What the filters offer: the accounts and the people the viewer may see. */
export const AuditFilterOptionsQuery = graphql(`
  query AuditFilterOptions {
    accounts(first: 100, filter: { includeArchived: true }) { edges { node { id name } } }
    users(first: 100) { edges { node { id name } } }
  }
`);
