import { graphql, type ResultOf } from '$lib/graphql/graphql';

/** The profile screen: the nine sections with their version, and the latest changes. */
export const ProfilePageQuery = graphql(`
  query ProfilePage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        name
        status
        profile {
          id
          version
          updatedAt
          updatedBy {
            id
            name
          }
          historyText
          mission
          vision
          strategies
          objectives
          currentNeeds
          futureNeeds
          fears
          threats
        }
        profileHistory(first: 100) {
          section
          before
          after
          version
          at
          author {
            id
            name
          }
        }
      }
    }
  }
`);

export type ProfilePageData = ResultOf<typeof ProfilePageQuery>;
export type ProfileAccount = Extract<NonNullable<ProfilePageData['node']>, { __typename: 'Account' }>;

export const profileOf = (data: ProfilePageData | null): ProfileAccount | null =>
  data?.node?.__typename === 'Account' ? data.node : null;

/** The read cache's key of an account's profile screen. */
export const profilePageKey = (id: string) => `profile:${id}`;

/** The changes of one section (the screen's list filtered by section reaches back further than 100 changes). */
export const ProfileSectionHistoryQuery = graphql(`
  query ProfileSectionHistory($id: ID!, $section: AccountProfileSection!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        profileHistory(first: 100, section: $section) {
          section
          before
          after
          version
          at
          author {
            id
            name
          }
        }
      }
    }
  }
`);

export type ProfileSectionHistoryData = ResultOf<typeof ProfileSectionHistoryQuery>;

/** The read cache's key of one section's changes. */
export const profileSectionHistoryKey = (id: string, section: string) => `profile-history:${id}:${section}`;
