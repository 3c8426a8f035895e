import type { Page } from '@playwright/test';
import { type Api, en, expect, text } from './support';

export interface AccountRef {
  id: string;
  name: string;
}

export interface ActionRef {
  id: string;
  title: string;
  progress: number;
  version: number;
  account: AccountRef;
}

/** One of ana's open plan actions (not done, progress below 100), as the server has it. */
export async function openActionOf(api: Api): Promise<ActionRef> {
  const { myActions } = await api.gql<{ myActions: (ActionRef & { status: string })[] }>(
    '{ myActions { id title status progress version account { id name } } }',
  );
  const action = myActions.find(
    (candidate) => !['DONE', 'CANCELLED'].includes(candidate.status) && candidate.progress <= 90,
  );
  if (!action) throw new Error('The demo has no open plan action for this user');
  return action;
}

interface VisitRow {
  id: string;
  purpose: string;
  acceptance: number;
  account: { id: string };
}

/** The visits the server stored for this user with this purpose. */
export async function visitsWithPurpose(api: Api, purpose: string): Promise<VisitRow[]> {
  const { myVisits } = await api.gql<{ myVisits: { edges: { node: VisitRow }[] } }>(
    '{ myVisits(first: 100) { edges { node { id purpose acceptance account { id } } } } }',
  );
  return myVisits.edges.map((edge) => edge.node).filter((visit) => visit.purpose === purpose);
}

/** Accounts tab → the account's page, through the UI. */
export async function openAccount(page: Page, account: AccountRef): Promise<void> {
  await page
    .getByRole('navigation', { name: text(en, 'nav_label') })
    .getByRole('link', { name: text(en, 'nav_accounts'), exact: true })
    .click();
  await page.getByRole('main').getByRole('link', { name: account.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
}

/** From an account page: fills in the visit form (kind left as is) and saves it. */
export async function logVisit(page: Page, visit: { purpose: string; acceptance: number; notes: string }) {
  await page.getByRole('link', { name: text(en, 'log_visit_cta'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'visit_title') })).toBeVisible();
  await page
    .getByRole('group', { name: text(en, 'visit_acceptance') })
    .getByRole('radio', { name: String(visit.acceptance), exact: true })
    .check();
  await page.getByLabel(text(en, 'visit_purpose'), { exact: true }).fill(visit.purpose);
  await page.getByLabel(text(en, 'visit_notes'), { exact: true }).fill(visit.notes);
  await page.getByRole('button', { name: text(en, 'visit_submit'), exact: true }).click();
}

/** One of the user's accounts with an active plan and at least one opportunity, as the server has it. */
export async function accountWithPlanAndOpportunity(
  api: Api,
): Promise<AccountRef & { opportunities: { id: string; title: string }[] }> {
  const { accounts } = await api.gql<{
    accounts: {
      edges: {
        node: AccountRef & {
          activePlan: { id: string } | null;
          opportunities: { id: string; title: string }[];
        };
      }[];
    };
  }>('{ accounts(first: 100) { edges { node { id name activePlan { id } opportunities { id title } } } } }');
  const account = accounts.edges
    .map((edge) => edge.node)
    .find((candidate) => candidate.activePlan !== null && candidate.opportunities.length > 0);
  if (!account)
    throw new Error('The demo has no account with an active plan and an opportunity for this user');
  return account;
}

/** The stakeholders the server holds on an account with this name (archived ones too). */
export async function stakeholdersNamed(
  api: Api,
  accountId: string,
  name: string,
): Promise<{ id: string }[]> {
  const { node } = await api.gql<{ node: { stakeholders: { id: string; name: string }[] } }>(
    'query ($id: ID!) { node(id: $id) { ... on Account { stakeholders(includeArchived: true) { id name } } } }',
    { id: accountId },
  );
  return node.stakeholders.filter((person) => person.name === name);
}

/** The user's resource requests with this description. */
export async function requestsDescribed(
  api: Api,
  description: string,
): Promise<{ id: string; status: string }[]> {
  const { myResourceRequests } = await api.gql<{
    myResourceRequests: { edges: { node: { id: string; status: string; description: string } }[] };
  }>('{ myResourceRequests(first: 100) { edges { node { id status description } } } }');
  return myResourceRequests.edges
    .map((edge) => edge.node)
    .filter((request) => request.description === description);
}

/** Signs in and waits until the service worker controls the page, so the app opens offline. */
export async function signInForOffline(
  page: Page,
  email: string,
  signIn: (page: Page, email: string) => Promise<void>,
) {
  await signIn(page, email);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
    .toBe('activated');
}
