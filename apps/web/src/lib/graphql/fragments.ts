// Selections shared by many documents. `@_unmask` keeps their fields in the result types of the
// documents that spread them (no readFragment needed); gql.tada strips the directive before sending.
import { graphql } from './graphql';

/** What every typed error of a write carries: code and message, and a ValidationError's field issues. */
export const OutcomeErrorFragment = graphql(`
  fragment OutcomeErrorFields on Error @_unmask {
    code
    message
    ... on ValidationError {
      issues {
        path
        message
      }
    }
  }
`);

/** A conflict over a stakeholder: the server's version, shown next to the user's. */
export const StakeholderConflictFragment = graphql(`
  fragment StakeholderConflictFields on ConflictError @_unmask {
    currentVersion
    current {
      __typename
      id
      ... on Stakeholder {
        version
        name
        title
        decisionRole
        attitude
        influence
        email
        phone
        archived
        reportsTo {
          id
          name
        }
      }
    }
  }
`);
