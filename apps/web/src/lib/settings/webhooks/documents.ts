import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      id
      url
      description
      events
      active
      version
      createdAt
      updatedAt
      owner {
        id
        name
      }
    }
  }
`);

export type WebhookRow = ResultOf<typeof WebhooksQuery>['webhooks'][number];

/** One webhook (through `node`: null when it is gone or not the viewer's) with a page of its delivery log. */
export const WebhookDetailQuery = graphql(`
  query WebhookDetail($id: ID!, $first: Int!, $after: String, $state: WebhookDeliveryState) {
    node(id: $id) {
      __typename
      ... on Webhook {
        id
        url
        description
        events
        active
        version
        createdAt
        owner {
          id
          name
        }
      }
    }
    webhookDeliveries(webhookId: $id, first: $first, after: $after, state: $state) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          deliveryId
          eventType
          occurredAt
          state
          attempts
          lastAttemptAt
          lastStatusCode
          lastError
          nextAttemptAt
          deliveredAt
          createdAt
        }
      }
    }
  }
`);

export type WebhookDetail = Extract<
  NonNullable<ResultOf<typeof WebhookDetailQuery>['node']>,
  { __typename: 'Webhook' }
>;
export type DeliveryRow = ResultOf<typeof WebhookDetailQuery>['webhookDeliveries']['edges'][number]['node'];

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      __typename
      ... on CreateWebhookSuccess {
        data {
          secret
          webhook {
            id
            url
          }
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      __typename
      ... on UpdateWebhookSuccess {
        data {
          id
          url
          description
          events
          active
          version
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      __typename
      ... on RotateWebhookSecretSuccess {
        data {
          secret
          webhook {
            id
            version
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RedeliverWebhookDeliveryMutation = graphql(`
  mutation RedeliverWebhookDelivery($id: ID!) {
    redeliverWebhookDelivery(id: $id) {
      __typename
      ... on RedeliverWebhookDeliverySuccess {
        data {
          id
          state
          attempts
          nextAttemptAt
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
