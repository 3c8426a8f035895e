// The writes the outbox delivers. Each selects enough to tell every typed outcome apart and, for a
// conflict, to show the server's version next to the user's.
import { OutcomeErrorFragment, StakeholderConflictFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf, type VariablesOf } from '$lib/graphql/graphql';

export const LogVisitMutation = graphql(
  `
  mutation OutboxLogVisit($input: LogVisitInput!) {
    logVisit(input: $input) {
      __typename
      ... on LogVisitSuccess {
        data {
          id
          uuid
          occurredAt
          createdActions {
            id
          }
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on Visit {
            uuid
            kind
            occurredAt
            purpose
            acceptance
            notes
            outcomes
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment],
);

export const UpdatePlanActionMutation = graphql(
  `
  mutation OutboxUpdatePlanAction($id: ID!, $input: UpdatePlanActionInput!) {
    updatePlanAction(id: $id, input: $input) {
      __typename
      ... on UpdatePlanActionSuccess {
        data {
          id
          version
          status
          progress
          updatedAt
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on PlanAction {
            version
            title
            description
            dueDate
            status
            progress
            updatedAt
            owner {
              id
              name
            }
            objective {
              id
            }
            updates {
              at
              note
              toStatus
              toProgress
              author {
                id
              }
            }
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment],
);

/** A new plan action, made on the phone under the outbox id (`input.id`): stored once however often sent. */
export const CreatePlanActionMutation = graphql(
  `
  mutation OutboxCreatePlanAction($input: CreatePlanActionInput!) {
    createPlanAction(input: $input) {
      __typename
      ... on CreatePlanActionSuccess {
        data {
          id
          version
          title
          status
          progress
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on PlanAction {
            version
            title
            description
            dueDate
            status
            progress
            owner {
              id
              name
            }
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment],
);

export const RecordKpiMeasurementsMutation = graphql(
  `
  mutation OutboxRecordKpiMeasurements($input: RecordKpiMeasurementsInput!) {
    recordKpiMeasurements(input: $input) {
      __typename
      ... on RecordKpiMeasurementsSuccess {
        data {
          stored
          created
          updated
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

export const CreateStakeholderMutation = graphql(
  `
  mutation OutboxCreateStakeholder($input: CreateStakeholderInput!) {
    createStakeholder(input: $input) {
      __typename
      ... on CreateStakeholderSuccess {
        data {
          id
          version
          name
        }
      }
      ...OutcomeErrorFields
      ...StakeholderConflictFields
    }
  }
`,
  [OutcomeErrorFragment, StakeholderConflictFragment],
);

export const UpdateStakeholderMutation = graphql(
  `
  mutation OutboxUpdateStakeholder($id: ID!, $input: UpdateStakeholderInput!) {
    updateStakeholder(id: $id, input: $input) {
      __typename
      ... on UpdateStakeholderSuccess {
        data {
          id
          version
          name
        }
      }
      ...OutcomeErrorFields
      ...StakeholderConflictFields
    }
  }
`,
  [OutcomeErrorFragment, StakeholderConflictFragment],
);

export const CreateResourceRequestMutation = graphql(
  `
  mutation OutboxCreateResourceRequest($input: CreateResourceRequestInput!) {
    createResourceRequest(input: $input) {
      __typename
      ... on CreateResourceRequestSuccess {
        data {
          id
          version
          status
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on ResourceRequest {
            kind
            amount
            description
            status
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment],
);

/**
 * Sections of an account's profile, guarded by the version they were read at. A conflict carries the
 * profile as the server has it, to show next to the user's sections.
 */
export const UpdateAccountProfileMutation = graphql(
  `
  mutation OutboxUpdateAccountProfile($accountId: ID!, $input: UpdateAccountProfileInput!) {
    updateAccountProfile(accountId: $accountId, input: $input) {
      __typename
      ... on UpdateAccountProfileSuccess {
        data {
          id
          version
          updatedAt
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on AccountProfile {
            version
            historyText
            mission
            vision
            strategies
            objectives
            currentNeeds
            futureNeeds
            fears
            threats
            updatedAt
            updatedBy {
              id
              name
            }
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment],
);

/** Who the session belongs to, asked before a pass sends anything: never a write under another user. */
export const OutboxSessionQuery = graphql(`
  query OutboxSession {
    me {
      id
    }
  }
`);

/** The variables of each kind of write, for callers that want them checked: `satisfies OutboxVariables['logVisit']`. */
export interface OutboxVariables {
  logVisit: VariablesOf<typeof LogVisitMutation>;
  updatePlanAction: VariablesOf<typeof UpdatePlanActionMutation>;
  createPlanAction: VariablesOf<typeof CreatePlanActionMutation>;
  recordKpiMeasurements: VariablesOf<typeof RecordKpiMeasurementsMutation>;
  createStakeholder: VariablesOf<typeof CreateStakeholderMutation>;
  updateStakeholder: VariablesOf<typeof UpdateStakeholderMutation>;
  createResourceRequest: VariablesOf<typeof CreateResourceRequestMutation>;
  updateAccountProfile: VariablesOf<typeof UpdateAccountProfileMutation>;
}

export type LogVisitOutcome = ResultOf<typeof LogVisitMutation>['logVisit'];
export type UpdatePlanActionOutcome = ResultOf<typeof UpdatePlanActionMutation>['updatePlanAction'];
export type CreatePlanActionOutcome = ResultOf<typeof CreatePlanActionMutation>['createPlanAction'];
export type RecordKpiMeasurementsOutcome = ResultOf<
  typeof RecordKpiMeasurementsMutation
>['recordKpiMeasurements'];

export type UpdateStakeholderOutcome = ResultOf<typeof UpdateStakeholderMutation>['updateStakeholder'];
/** The server's version of a stakeholder, as a ConflictError of updateStakeholder carries it. */
export type StakeholderOnServer = Extract<
  UpdateStakeholderOutcome,
  { __typename: 'ConflictError' }
>['current'];

export type UpdateAccountProfileOutcome = ResultOf<
  typeof UpdateAccountProfileMutation
>['updateAccountProfile'];
/** The server's version of a profile, as a ConflictError of updateAccountProfile carries it. */
export type ProfileOnServer = Extract<
  UpdateAccountProfileOutcome,
  { __typename: 'ConflictError' }
>['current'];

/** The server's version of a plan action, as a ConflictError of updatePlanAction carries it. */
export type PlanActionOnServer = Extract<UpdatePlanActionOutcome, { __typename: 'ConflictError' }>['current'];
/** The stored visit, as a ConflictError of logVisit carries it (same id, other content). */
export type VisitOnServer = Extract<LogVisitOutcome, { __typename: 'ConflictError' }>['current'];

export const OUTBOX_DOCUMENTS = {
  logVisit: LogVisitMutation,
  updatePlanAction: UpdatePlanActionMutation,
  createPlanAction: CreatePlanActionMutation,
  recordKpiMeasurements: RecordKpiMeasurementsMutation,
  createStakeholder: CreateStakeholderMutation,
  updateStakeholder: UpdateStakeholderMutation,
  createResourceRequest: CreateResourceRequestMutation,
  updateAccountProfile: UpdateAccountProfileMutation,
} as const;
