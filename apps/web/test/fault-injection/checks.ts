// What the test asks of the devices and the server besides the writes themselves.
import { Client, fetchExchange } from '@urql/core';
import { OUTBOX_DOCUMENTS } from '$lib/offline/mutations';
import type { OutboxEntry } from '$lib/offline/outbox.svelte';
import type { Device } from './device';
import { cookieFrom, gql, type Session } from './graphql';
import type { Workload } from './scenario';

/** The user opens the action's screen: the versions shown are the server's current ones. */
export async function refreshVersions(device: Device, workload: Workload): Promise<void> {
  const ids = [...workload.actions.keys()];
  const data = await gql<{ nodes: ({ id: string; version: number } | null)[] }>(
    device.session,
    'query($ids: [ID!]!) { nodes(ids: $ids) { ... on PlanAction { id version } } }',
    { ids },
  );
  for (const node of data.nodes) if (node) workload.actions.set(node.id, node.version);
}

/** What the server answers to the same write sent again straight to it, in the device's language. */
export async function serverMessage(
  apiUrl: string,
  session: Session,
  entry: OutboxEntry,
): Promise<string | undefined> {
  let cookie = session.cookie;
  const client = new Client({
    url: `${apiUrl}/graphql`,
    preferGetMethod: false,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(input, { ...init, headers });
      cookie = cookieFrom(response, cookie);
      return response;
    },
    fetchOptions: () => ({ headers: { 'accept-language': session.locale } }),
    exchanges: [fetchExchange],
  });
  const result = await client.mutation(OUTBOX_DOCUMENTS[entry.kind], entry.variables as never).toPromise();
  return (result.data as Record<string, { message?: string } | undefined> | undefined)?.[entry.kind]?.message;
}

export function summaryOfEntries(devices: readonly Device[]): string {
  return devices
    .map((d) => {
      const states = new Map<string, number>();
      for (const e of d.outbox.entries) states.set(e.state, (states.get(e.state) ?? 0) + 1);
      const stuck = d.outbox.entries.some((e) => e.state !== 'rejected')
        ? ` (paused ${d.outbox.paused}, syncing ${d.outbox.syncing}, online ${d.online}; ${d.network()})`
        : '';
      return `${d.name} ${JSON.stringify(Object.fromEntries(states))}${stuck}`;
    })
    .join('; ');
}
