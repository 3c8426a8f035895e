import { graphql, type ResultOf } from '$lib/graphql/graphql';

/*
 * Setting up KPIs (issue 14): the company templates (admins), an account's KPI definitions, and
 * correcting or removing a stored value. Everything here is online only: these are decisions the
 * server checks, read fresh from the network.
 */

export const KpiTemplatesQuery = graphql(`
  query KpiTemplatesSetup($includeInactive: Boolean) {
    kpiTemplates(includeInactive: $includeInactive) {
      id
      name
      unit
      direction
      frequency
      target
      amberThreshold
      redThreshold
      category
      description
      active
      version
    }
  }
`);
export type KpiTemplateRow = ResultOf<typeof KpiTemplatesQuery>['kpiTemplates'][number];

export const CreateKpiTemplateMutation = graphql(`
  mutation CreateKpiTemplateSetup($input: CreateKpiTemplateInput!) {
    createKpiTemplate(input: $input) {
      __typename
      ... on CreateKpiTemplateSuccess {
        data {
          id
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export const UpdateKpiTemplateMutation = graphql(`
  mutation UpdateKpiTemplateSetup($id: ID!, $input: UpdateKpiTemplateInput!) {
    updateKpiTemplate(id: $id, input: $input) {
      __typename
      ... on UpdateKpiTemplateSuccess {
        data {
          id
          version
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

/** An account and its live KPIs, with what the setup list shows of each. */
export const AccountKpisSetupQuery = graphql(`
  query AccountKpisSetup($id: ID!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        name
        status
        kpis {
          id
          name
          unit
          direction
          frequency
          target
          amberThreshold
          redThreshold
          category
          template {
            id
            name
          }
        }
      }
    }
  }
`);

export const KpiDefinitionSetupQuery = graphql(`
  query KpiDefinitionSetup($id: ID!) {
    node(id: $id) {
      __typename
      ... on KpiDefinition {
        id
        name
        unit
        direction
        frequency
        target
        amberThreshold
        redThreshold
        category
        description
        archived
        version
        template {
          id
          name
        }
        account {
          id
          name
          status
        }
      }
    }
  }
`);

export const CreateKpiDefinitionMutation = graphql(`
  mutation CreateKpiDefinitionSetup($input: CreateKpiDefinitionInput!) {
    createKpiDefinition(input: $input) {
      __typename
      ... on CreateKpiDefinitionSuccess {
        data {
          id
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export const UpdateKpiDefinitionMutation = graphql(`
  mutation UpdateKpiDefinitionSetup($id: ID!, $input: UpdateKpiDefinitionInput!) {
    updateKpiDefinition(id: $id, input: $input) {
      __typename
      ... on UpdateKpiDefinitionSuccess {
        data {
          id
          version
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export const ArchiveKpiDefinitionMutation = graphql(`
  mutation ArchiveKpiDefinitionSetup($id: ID!) {
    archiveKpiDefinition(id: $id) {
      __typename
      ... on ArchiveKpiDefinitionSuccess {
        data {
          id
          archived
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

/** The stored values of a KPI over a range, newest last (the KPI page lists them to correct). */
export const KpiValuesQuery = graphql(`
  query KpiValues($id: ID!, $from: String!, $to: String!) {
    node(id: $id) {
      __typename
      ... on KpiDefinition {
        id
        measurements(from: $from, to: $to) {
          periodStart
          value
          source
          recordedAt
        }
      }
    }
  }
`);
export type KpiValueRow = NonNullable<
  Extract<
    NonNullable<ResultOf<typeof KpiValuesQuery>['node']>,
    { __typename: 'KpiDefinition' }
  >['measurements']
>[number];

export const CorrectKpiMeasurementMutation = graphql(`
  mutation CorrectKpiMeasurement($input: CorrectKpiMeasurementInput!) {
    correctKpiMeasurement(input: $input) {
      __typename
      ... on CorrectKpiMeasurementSuccess {
        data {
          periodStart
          value
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export const RemoveKpiMeasurementMutation = graphql(`
  mutation RemoveKpiMeasurement($input: RemoveKpiMeasurementInput!) {
    removeKpiMeasurement(input: $input) {
      __typename
      ... on RemoveKpiMeasurementSuccess {
        data {
          id
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);
