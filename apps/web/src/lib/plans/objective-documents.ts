import { OutcomeErrorFragment } from '$lib/graphql/fragments';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

/* What the objective and action forms read and write. */

/** What the objective and action forms need to know about the plan and its account. */
const PlanContextFragment = graphql(`
  fragment PlanContextFields on AccountPlan @_unmask {
    id
    title
    status
    startMonth
    horizonMonths
    horizon {
      start
      end
    }
    objectives {
      id
      title
      status
    }
    account {
      id
      name
      owner {
        id
        name
      }
      assignableOwners {
        id
        name
      }
      kpis {
        id
        name
        unit
        archived
        direction
      }
      opportunities {
        id
        title
        stage
      }
    }
  }
`);

export const PlanContextQuery = graphql(
  `
  query PlanContext($id: ID!) {
    node(id: $id) {
      __typename
      ... on AccountPlan {
        ...PlanContextFields
      }
    }
  }
`,
  [PlanContextFragment],
);

type PlanContextNode = NonNullable<ResultOf<typeof PlanContextQuery>['node']>;
export type PlanContext = Extract<PlanContextNode, { __typename: 'AccountPlan' }>;
/** The plan as the objective and action forms need it (from either query). */
export type PlanContextData = Omit<PlanContext, '__typename'>;
export function planContextOf(data: ResultOf<typeof PlanContextQuery> | null): PlanContext | null {
  const node = data?.node;
  return node && node.__typename === 'AccountPlan' ? (node as PlanContext) : null;
}

const ObjectiveEditableFragment = graphql(`
  fragment ObjectiveEditableFields on Objective @_unmask {
    id
    title
    description
    kpiDefinitionId
    targetValue
    targetDate
    status
    version
    answers
    opportunities {
      id
    }
  }
`);

export const ObjectiveQuery = graphql(
  `
  query ObjectiveEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Objective {
        ...ObjectiveEditableFields
        plan {
          ...PlanContextFields
        }
      }
    }
  }
`,
  [ObjectiveEditableFragment, PlanContextFragment],
);

type ObjectiveNode = NonNullable<ResultOf<typeof ObjectiveQuery>['node']>;
export type ObjectiveForEdit = Extract<ObjectiveNode, { __typename: 'Objective' }>;
export function objectiveOf(data: ResultOf<typeof ObjectiveQuery> | null): ObjectiveForEdit | null {
  const node = data?.node;
  return node && node.__typename === 'Objective' ? (node as ObjectiveForEdit) : null;
}

export const CreateObjectiveMutation = graphql(
  `
  mutation CreateObjective($input: CreateObjectiveInput!) {
    createObjective(input: $input) {
      __typename
      ... on CreateObjectiveSuccess {
        data {
          id
        }
      }
      ...OutcomeErrorFields
    }
  }
`,
  [OutcomeErrorFragment],
);

export const UpdateObjectiveMutation = graphql(
  `
  mutation UpdateObjective($id: ID!, $input: UpdateObjectiveInput!) {
    updateObjective(id: $id, input: $input) {
      __typename
      ... on UpdateObjectiveSuccess {
        data {
          ...ObjectiveEditableFields
        }
      }
      ...OutcomeErrorFields
      ... on ConflictError {
        currentVersion
        current {
          __typename
          id
          ... on Objective {
            ...ObjectiveEditableFields
          }
        }
      }
    }
  }
`,
  [OutcomeErrorFragment, ObjectiveEditableFragment],
);
