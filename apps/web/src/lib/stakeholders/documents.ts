// The stakeholder map's read and the archive mutation (online only: archiving asks for a confirmation
// and answers at once, like archiving an account).
import { CachedResource, unwrap } from '$lib/components/cached-resource.svelte';
import { getClient } from '$lib/graphql/client';
import { graphql, type ResultOf } from '$lib/graphql/graphql';

export const StakeholderMapQuery = graphql(`
  query StakeholderMap($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Account {
        name
        buyingCentreGaps
        stakeholders {
          id
          name
          title
          decisionRole
          attitude
          influence
          lastContact
          email
          phone
          reportsTo {
            id
          }
        }
      }
    }
  }
`);

export type StakeholderMapData = ResultOf<typeof StakeholderMapQuery>;
export type MapAccount = Extract<NonNullable<StakeholderMapData['node']>, { __typename: 'Account' }>;
export type MapStakeholder = MapAccount['stakeholders'][number];

export function mapAccountOf(data: StakeholderMapData | null): MapAccount | null {
  const node = data?.node;
  return node && node.__typename === 'Account' ? (node as MapAccount) : null;
}

export function stakeholderMapResource(id: string): CachedResource<StakeholderMapData> {
  return new CachedResource(`stakeholder-map:${id}`, async () =>
    unwrap(
      await getClient().query(StakeholderMapQuery, { id }, { requestPolicy: 'network-only' }).toPromise(),
    ),
  );
}

export const ArchiveStakeholderMutation = graphql(`
  mutation ArchiveStakeholder($id: ID!) {
    archiveStakeholder(id: $id) {
      __typename
      ... on ArchiveStakeholderSuccess {
        data {
          id
          archived
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
