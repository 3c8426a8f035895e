import { getClient } from '$lib/graphql/client';
import { classifyError, type Failure } from '$lib/graphql/errors';
import { assignablePeople, type Person } from './account-form';
import { AccountPeopleQuery } from './documents';

/**
 * Who the viewer may choose as an account's owner and supporters (see assignablePeople), online
 * only; `current` keeps the people already on the account in the list.
 */
export async function loadAssignablePeople(
  current: readonly Person[] = [],
): Promise<{ people: Person[] } | { failure: Failure }> {
  const result = await getClient()
    .query(AccountPeopleQuery, {}, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.error || !result.data?.me) {
    return { failure: result.error ? classifyError(result.error) : 'unauthenticated' };
  }
  const { me, desk } = result.data;
  const supporters = desk.accounts.flatMap((account) => account.supporters);
  return { people: assignablePeople(me, { owners: desk.owners, supporters }, current) };
}
