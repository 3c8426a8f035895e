import { randomUUID } from 'node:crypto';
import { visitsWithPurpose } from './flows';
import { apiAs, en, expect, expectPending, pluralPattern, signIn, test, text } from './support';

test('a write queued by another user on the phone waits, unsent and unread, until that user signs in', async ({
  page,
}) => {
  const luis = await apiAs('luis@clave.dev');
  const { me } = await luis.gql<{ me: { id: string } }>('{ me { id } }');
  // Supermercados Alba: owned by Ana, supported by Luis, so both may log visits there.
  const { accounts } = await luis.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  const alba = accounts.edges.map((e) => e.node).find((a) => a.name === 'Supermercados Alba');
  if (!alba) throw new Error('Luis does not see Supermercados Alba');
  const purpose = `Visit queued by Luis ${randomUUID()}`;
  const visitId = randomUUID();

  await signIn(page, 'ana@clave.dev');
  // Luis used this phone before and left a visit in its outbox (as the app stores it).
  await page.evaluate(
    async ({ entry }) => {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('clave');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put(entry);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    {
      entry: {
        id: visitId,
        kind: 'logVisit',
        userId: me.id,
        label: `Visit to ${alba.name}`,
        accountId: alba.id,
        variables: {
          input: {
            id: visitId,
            accountId: alba.id,
            kind: 'PHONE',
            occurredAt: new Date().toISOString(),
            purpose,
            acceptance: 4,
            stakeholderIds: [],
            notes: '',
            outcomes: '',
            nextSteps: [],
          },
        },
        createdAt: new Date().toISOString(),
        attempts: 0,
        nextAttemptAt: new Date().toISOString(),
        state: 'pending',
      },
    },
  );
  await page.reload();
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'outbox_title') })).toBeVisible();
  const held = page.getByRole('region', { name: pluralPattern('en', 'outbox_held_title', 1) });
  await expect(held.getByText(text(en, 'outbox_held_entry'))).toBeVisible();
  // Ana sees that something waits, not what it is.
  await expect(page.getByText(`Visit to ${alba.name}`)).toHaveCount(0);
  await expect(page.getByText(text(en, 'outbox_empty'))).toBeVisible();
  await expectPending(page, 1);
  expect(await visitsWithPurpose(luis, purpose)).toHaveLength(0);

  // Ana signs out; Luis signs in on the same phone: his visit goes, under his session, once.
  await page.getByRole('button', { name: text(en, 'logout'), exact: true }).click();
  await expect(page.getByLabel(text(en, 'login_email'), { exact: true })).toBeVisible();
  await signIn(page, 'luis@clave.dev');
  await expectPending(page, 0);
  const stored = await visitsWithPurpose(luis, purpose);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ id: expect.any(String), account: { id: alba.id } });
  await luis.dispose();
});
