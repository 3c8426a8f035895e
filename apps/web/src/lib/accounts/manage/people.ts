import { getClient } from '$lib/graphql/client';
import { classifyError, type Failure } from '$lib/graphql/errors';
import { assignablePeople, type Person } from './account-form';
import { AccountPeopleQuery } from './documents';

const fetchPage = (after: string | null) =>
  getClient().query(AccountPeopleQuery, { after }, { requestPolicy: 'network-only' }).toPromise();

/** Pages of a hundred; a company with more users than this many pages is not a Clave customer. */
const MAX_PAGES = 50;

/**
 * Who the viewer may choose as an account's owner and supporters (see assignablePeople), online
 * only; `current` keeps the people already on the account in the list.
 */
export async function loadAssignablePeople(
  current: readonly Person[] = [],
): Promise<{ people: Person[] } | { failure: Failure }> {
  const users: Person[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result: Awaited<ReturnType<typeof fetchPage>> = await fetchPage(after);
    if (result.error || !result.data) {
      return { failure: result.error ? classifyError(result.error) : 'unauthenticated' };
    }
    const { edges, pageInfo } = result.data.users;
    users.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  return { people: assignablePeople(users, current) };
}
