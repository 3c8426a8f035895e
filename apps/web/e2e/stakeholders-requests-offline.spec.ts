import { randomUUID } from 'node:crypto';
import {
  accountWithPlanAndOpportunity,
  openAccount,
  requestsDescribed,
  signInForOffline,
  stakeholdersNamed,
} from './flows';
import { apiAs, en, expect, expectPending, signIn, test, text } from './support';

test('a stakeholder and a resource request made offline survive a reload and are stored exactly once', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  const person = `Lucía Ferrer ${randomUUID().slice(0, 8)}`;
  const need = `Samples for the tasting days ${randomUUID()}`;
  const opportunity = account.opportunities[0];
  if (!opportunity) throw new Error('The account has no opportunity');

  await signInForOffline(page, 'ana@clave.dev', signIn);
  // Open the account and the requests screen once online: their data is kept on the device.
  await openAccount(page, account);
  await page.getByRole('link', { name: text(en, 'request_ask_cta'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: text(en, 'request_new_title') })).toBeVisible();
  await expect(page.getByLabel(text(en, 'request_account'), { exact: true })).toHaveValue(account.id);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByText(text(en, 'offline_banner'))).toBeVisible();

  // A new person on the map, with no connection.
  await page.getByRole('link', { name: text(en, 'stakeholder_add_cta'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_new_title') }),
  ).toBeVisible();
  await page.getByLabel(text(en, 'stakeholder_name'), { exact: true }).fill(person);
  await page.getByLabel(text(en, 'stakeholder_job_title'), { exact: true }).fill('Jefa de Frescos');
  await page.getByRole('radio', { name: text(en, 'stakeholder_role_influencer'), exact: true }).check();
  await page.getByRole('radio', { name: text(en, 'stakeholder_attitude_supporter'), exact: true }).check();
  await page.getByLabel(text(en, 'stakeholder_phone'), { exact: true }).fill('+34 600 11 22 33');
  await page.getByRole('button', { name: text(en, 'stakeholder_submit_new'), exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expect(page.getByText(text(en, 'stakeholder_saved_notice'))).toBeVisible();
  const pending = page.getByRole('region', { name: text(en, 'account_pending_title') });
  await expect(
    pending.getByText(text(en, 'stakeholder_outbox_new_label', { name: person, account: account.name })),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: text(en, 'account_stakeholders') }).getByText(person),
  ).toBeVisible();
  await expectPending(page, 1);

  // A resource request, with no connection.
  await page.getByRole('link', { name: text(en, 'request_ask_cta'), exact: true }).click();
  await expect(page.getByLabel(text(en, 'request_account'), { exact: true })).toHaveValue(account.id);
  await page
    .getByLabel(text(en, 'request_for'), { exact: true })
    .selectOption(`opportunity:${opportunity.id}`);
  await page.getByLabel(text(en, 'request_kind'), { exact: true }).selectOption('SAMPLES');
  await page.getByLabel(text(en, 'request_description'), { exact: true }).fill(need);
  await page.getByLabel(text(en, 'request_amount'), { exact: true }).fill('250');
  await page.getByRole('button', { name: text(en, 'request_submit'), exact: true }).click();
  await expect(page.getByText(text(en, 'request_queued'))).toBeVisible();
  await expect(page.getByText(need)).toBeVisible();
  await expectPending(page, 2);

  // Reloading with no network: the writes come back from IndexedDB; nothing reached the server.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expectPending(page, 2);
  await expect(page.getByText(need)).toBeVisible();
  expect(await stakeholdersNamed(api, account.id, person)).toHaveLength(0);
  expect(await requestsDescribed(api, need)).toHaveLength(0);

  // Back online: both go out by themselves, once each.
  await context.setOffline(false);
  await expectPending(page, 0);
  expect(await stakeholdersNamed(api, account.id, person)).toHaveLength(1);
  const requests = await requestsDescribed(api, need);
  expect(requests).toHaveLength(1);
  expect(requests[0]?.status).toBe('PENDING');

  // The new person is on the account page, editable.
  await openAccount(page, account);
  await page
    .getByRole('region', { name: text(en, 'account_stakeholders') })
    .getByRole('link', { name: person })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_edit_title') }),
  ).toBeVisible();
  await expect(page.getByLabel(text(en, 'stakeholder_name'), { exact: true })).toHaveValue(person);
  await api.dispose();
});

test('a stakeholder edit made offline is sent once with the version it was made on', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  const { node } = await api.gql<{ node: { stakeholders: { id: string; name: string; version: number }[] } }>(
    'query ($id: ID!) { node(id: $id) { ... on Account { stakeholders { id name version } } } }',
    { id: account.id },
  );
  const target = node.stakeholders[0];
  if (!target) throw new Error('The account has no stakeholder');
  const phone = `+34 611 ${String(Date.now()).slice(-6)}`;

  await signInForOffline(page, 'ana@clave.dev', signIn);
  await openAccount(page, account);
  await context.setOffline(true);
  await page
    .getByRole('region', { name: text(en, 'account_stakeholders') })
    .getByRole('link', { name: target.name })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_edit_title') }),
  ).toBeVisible();
  await page.getByLabel(text(en, 'stakeholder_phone'), { exact: true }).fill(phone);
  await page.getByRole('radio', { name: text(en, 'stakeholder_attitude_champion'), exact: true }).check();
  await page.getByRole('button', { name: text(en, 'stakeholder_submit_edit'), exact: true }).click();
  await expect(page.getByText(text(en, 'stakeholder_saved_notice'))).toBeVisible();
  await expectPending(page, 1);

  await context.setOffline(false);
  await expectPending(page, 0);
  const after = await api.gql<{ node: { phone: string; attitude: string; version: number } }>(
    'query ($id: ID!) { node(id: $id) { ... on Stakeholder { phone attitude version } } }',
    { id: target.id },
  );
  expect(after.node).toEqual({ phone, attitude: 'CHAMPION', version: target.version + 1 });
  await api.dispose();
});

test('a field the API would refuse is named in the form before anything is queued', async ({ page }) => {
  const api = await apiAs('ana@clave.dev');
  const account = await accountWithPlanAndOpportunity(api);
  await api.dispose();
  await signIn(page, 'ana@clave.dev');
  await openAccount(page, account);
  await page.getByRole('link', { name: text(en, 'stakeholder_add_cta'), exact: true }).click();
  await page.getByLabel(text(en, 'stakeholder_email'), { exact: true }).fill('lucia@');
  await page.getByLabel(text(en, 'stakeholder_phone'), { exact: true }).fill('call me');
  await page.getByRole('button', { name: text(en, 'stakeholder_submit_new'), exact: true }).click();

  const name = page.getByLabel(text(en, 'stakeholder_name'), { exact: true });
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription(text(en, 'stakeholder_name_invalid'));
  await expect(page.getByLabel(text(en, 'stakeholder_email'), { exact: true })).toHaveAccessibleDescription(
    text(en, 'stakeholder_email_invalid'),
  );
  await expect(page.getByLabel(text(en, 'stakeholder_phone'), { exact: true })).toHaveAccessibleDescription(
    text(en, 'stakeholder_phone_invalid'),
  );
  await expect(page.getByText(text(en, 'stakeholder_role_required'))).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 1, name: text(en, 'stakeholder_new_title') }),
  ).toBeVisible();
});
