import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { type Api, apiAs, DEMO_PASSWORD, en, es, expect, expectPending, signIn, test, text } from './support';

type Messages = typeof en;

interface StoredPlan {
  id: string;
  title: string;
  status: string;
  startMonth: string;
  horizonMonths: number;
  previousPlan: { id: string } | null;
  revenueTargets: { period: string; amount: number }[];
  objectives: { title: string; status: string; answers: string[] }[];
  actions: { id: string; title: string; status: string; owner: { email: string } }[];
}

const PLAN_FIELDS = `id title status startMonth horizonMonths previousPlan { id }
  revenueTargets { period amount }
  objectives { title status answers }
  actions { id title status owner { email } }`;

/** The account the plans are written for: one of ana's with no plan in the demo (no other test needs its plan). */
async function planlessAccount(api: Api): Promise<{ id: string; name: string }> {
  const { accounts } = await api.gql<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    '{ accounts(first: 100) { edges { node { id name } } } }',
  );
  const account = accounts.edges.map((e) => e.node).find((a) => a.name === 'Selecta Gourmet');
  if (!account) throw new Error('The demo has no Selecta Gourmet for ana');
  return account;
}

async function plansTitled(api: Api, accountId: string, title: string): Promise<StoredPlan[]> {
  const { node } = await api.gql<{ node: { plans: StoredPlan[] } }>(
    `query ($id: ID!) { node(id: $id) { ... on Account { plans { ${PLAN_FIELDS} } } } }`,
    { id: accountId },
  );
  return node.plans.filter((p) => p.title === title);
}

async function planById(api: Api, id: string): Promise<StoredPlan> {
  const { node } = await api.gql<{ node: StoredPlan }>(
    `query ($id: ID!) { node(id: $id) { ... on AccountPlan { ${PLAN_FIELDS} } } }`,
    { id },
  );
  return node;
}

async function signInAs(page: Page, messages: Messages, email: string) {
  await page.goto('/login');
  await page.getByLabel(text(messages, 'login_email'), { exact: true }).fill(email);
  await page.getByLabel(text(messages, 'login_password'), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: text(messages, 'login_submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: text(messages, 'logout'), exact: true })).toBeVisible();
}

/** WCAG 2.1 A and AA rules; serious and critical findings fail the test (as in accessibility.spec.ts). */
async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Setup {
  messages: Messages;
  /** 12 500.5 and 100 000 the way the language writes them, and 12 500.5 as the field shows it back. */
  target: string;
  shown: string;
  /** Also mark the second objective achieved before rolling (so only the first is carried). */
  achieve: boolean;
  total: string;
  tag: string;
}

async function planningCycle(
  page: Page,
  testInfo: TestInfo,
  { messages: t, target, shown, total, tag, achieve }: Setup,
) {
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}-${tag}.png`), fullPage: true });
  const api = await apiAs('ana@clave.dev');
  const account = await planlessAccount(api);
  const title = `Plan ${tag} ${randomUUID().slice(0, 6)}`;
  const now = new Date();
  const month = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;

  await signInAs(page, t, 'ana@clave.dev');
  await page.goto(`/accounts/${account.id}`);
  await expect(page.getByRole('heading', { level: 2, name: text(t, 'plans_section_title') })).toBeVisible();
  await expectAxeClean(page);
  await page
    .getByRole('region', { name: text(t, 'plans_section_title') })
    .screenshot({ path: testInfo.outputPath(`account-plans-${tag}.png`) });
  await page.getByRole('link', { name: text(t, 'plan_new_cta'), exact: true }).click();

  // --- a new plan: starts this month, 18 months by default ---------------------------------------
  await expect(page.getByRole('heading', { level: 1, name: text(t, 'plan_new_title') })).toBeVisible();
  await expect(page.getByLabel(text(t, 'plan_horizon_months'), { exact: true })).toHaveValue('18');
  await page.getByLabel(text(t, 'plan_title_label'), { exact: true }).fill(title);
  const legend = text(t, 'plan_start_month');
  await page
    .getByLabel(text(t, 'plan_month_select', { legend }), { exact: true })
    .selectOption(String(now.getMonth() + 1));
  await page
    .getByLabel(text(t, 'plan_year_select', { legend }), { exact: true })
    .selectOption(String(now.getFullYear()));
  await page
    .getByLabel(text(t, 'plan_company_objectives'), { exact: true })
    .fill('Crecer un 12 % en gourmet.');
  await page.getByLabel(text(t, 'plan_client_needs'), { exact: true }).fill('Surtido premium para Navidad.');
  await page
    .getByLabel(text(t, 'plan_market_opportunities'), { exact: true })
    .fill('Auge del queso artesano.');
  await shot('plan-new');
  await page.getByRole('button', { name: text(t, 'plan_create_submit'), exact: true }).click();

  // --- monthly targets: a total spread, one month typed the way the language writes it --------------
  await expect(page.getByRole('heading', { level: 1, name: text(t, 'plan_edit_title') })).toBeVisible();
  await expect(page.getByText(text(t, 'plan_created_notice'))).toBeVisible();
  await page.getByLabel(text(t, 'plan_targets_spread_label', { months: '18' }), { exact: true }).fill(total);
  await page.getByRole('button', { name: text(t, 'plan_targets_spread'), exact: true }).click();
  const first = page.locator(`#target-${month}`);
  await first.fill(target);
  await first.blur();
  await expect(first).toHaveValue(shown);
  await expectNoSideScroll(page);
  await expectAxeClean(page);
  await shot('plan-edit-targets');
  await page.getByRole('button', { name: text(t, 'plan_targets_save'), exact: true }).click();
  await expect(page.getByText(text(t, 'plan_targets_saved'))).toBeVisible();
  const [created] = await plansTitled(api, account.id, title);
  expect(created).toMatchObject({ status: 'DRAFT', startMonth: month, horizonMonths: 18 });
  expect(created?.revenueTargets).toHaveLength(18);
  expect(created?.revenueTargets[0]).toEqual({ period: month, amount: 12500.5 });
  expect(created?.revenueTargets[1]?.amount).toBe(5555.56);
  const planId = created?.id as string;

  // --- two objectives ------------------------------------------------------------------------------
  const objectives = [
    { title: `Referenciar la gama artesana ${tag}`, answer: 'plan_client_needs' },
    { title: `Crecer un 12 % en gourmet ${tag}`, answer: 'plan_company_objectives' },
  ];
  for (const objective of objectives) {
    await page.goto(`/plans/${planId}`);
    await page.getByRole('link', { name: text(t, 'plan_objective_new'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: text(t, 'objective_new_title') })).toBeVisible();
    await page.getByLabel(text(t, 'objective_title_label'), { exact: true }).fill(objective.title);
    await page.getByRole('checkbox', { name: text(t, objective.answer), exact: true }).check();
    await page.getByLabel(text(t, 'objective_target_date'), { exact: true }).fill(isoIn(90));
    if (objective === objectives[0]) {
      await expectAxeClean(page);
      await shot('objective-new');
    }
    await page.getByRole('button', { name: text(t, 'objective_create_submit'), exact: true }).click();
    await expect(page.getByText(text(t, 'objective_saved'))).toBeVisible();
  }

  // --- three actions: two from the plan, one from an objective ----------------------------------------
  const actions = [`Cata en tienda ${tag}`, `Propuesta de surtido ${tag}`, `Visita al comprador ${tag}`];
  for (const [index, actionTitle] of actions.entries()) {
    if (index === 2) {
      await page
        .getByRole('link', {
          name: text(t, 'plan_objective_add_action', { title: objectives[0]?.title ?? '' }),
          exact: true,
        })
        .click();
    } else {
      await page.getByRole('link', { name: text(t, 'plan_action_new'), exact: true }).click();
    }
    await expect(page.getByRole('heading', { level: 1, name: text(t, 'action_new_title') })).toBeVisible();
    await page.getByLabel(text(t, 'action_title_label'), { exact: true }).fill(actionTitle);
    await page.getByLabel(text(t, 'action_due_date'), { exact: true }).fill(isoIn(20 + index));
    if (index === 0) {
      await expectAxeClean(page);
      await shot('action-new');
    }
    await page.getByRole('button', { name: text(t, 'action_create_submit'), exact: true }).click();
    await expect(page.getByText(text(t, 'action_created_notice'))).toBeVisible();
    // Through the outbox: it shows in the plan once the server has it.
    await expect(page.getByRole('link', { name: new RegExp(actionTitle) })).toBeVisible();
  }
  const drafted = await planById(api, planId);
  expect(drafted.objectives.map((o) => [o.title, o.answers])).toEqual([
    [objectives[0]?.title, ['CLIENT_NEEDS']],
    [objectives[1]?.title, ['COMPANY_OBJECTIVES']],
  ]);
  expect(drafted.actions.map((a) => a.title).sort()).toEqual([...actions].sort());

  // --- activate ---------------------------------------------------------------------------------------
  await page.getByRole('button', { name: text(t, 'plan_activate'), exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: text(t, 'plan_activate_confirm_title') }),
  ).toBeVisible();
  await page.getByRole('button', { name: text(t, 'plan_activate_yes'), exact: true }).click();
  await expect(page.getByText(text(t, 'plan_activated_notice'))).toBeVisible();
  expect((await planById(api, planId)).status).toBe('ACTIVE');
  await expectNoSideScroll(page);
  await expectAxeClean(page);
  await shot('plan-active');

  // One action done, so the roll carries only the two open ones.
  const done = drafted.actions.find((a) => a.title === actions[0]);
  await page.goto(`/actions/${done?.id}`);
  await page.getByRole('radio', { name: text(t, 'action_status_done'), exact: true }).check();
  await page.getByRole('button', { name: text(t, 'action_save'), exact: true }).click();
  await expect
    .poll(async () => (await planById(api, planId)).actions.find((a) => a.id === done?.id)?.status)
    .toBe('DONE');

  if (achieve) {
    // The second objective reached: marked achieved on its own screen.
    await page.goto(`/plans/${planId}`);
    await page
      .getByRole('link', {
        name: text(t, 'plan_objective_edit', { title: objectives[1]?.title ?? '' }),
        exact: true,
      })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: text(t, 'objective_edit_title') }),
    ).toBeVisible();
    await page.getByRole('radio', { name: text(t, 'objective_status_achieved'), exact: true }).check();
    await expectAxeClean(page);
    await page.getByRole('button', { name: text(t, 'objective_save'), exact: true }).click();
    await expect(page.getByText(text(t, 'objective_saved'))).toBeVisible();
    expect((await planById(api, planId)).objectives.map((o) => o.status)).toEqual(['OPEN', 'ACHIEVED']);
    // The printed plan: no buttons, the actions as a table.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: text(t, 'plan_activate'), exact: true })).toHaveCount(0);
    await shot('plan-print');
    await page.emulateMedia({ media: 'screen' });
  }
  const carried = achieve ? objectives.slice(0, 1) : objectives;

  // --- roll into the next plan -------------------------------------------------------------------------
  await page.goto(`/plans/${planId}`);
  await page.getByRole('link', { name: text(t, 'plan_roll'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(t, 'plan_roll_title') })).toBeVisible();
  await expect(
    page.getByText(text(t, 'plan_roll_carry', { objectives: String(carried.length), actions: '2' })),
  ).toBeVisible();
  await expectAxeClean(page);
  await shot('plan-roll');
  await page.getByRole('button', { name: text(t, 'plan_roll_submit'), exact: true }).click();
  await expect(page.getByText(text(t, 'plan_rolled_notice'))).toBeVisible();
  const next = (await plansTitled(api, account.id, title)).find((p) => p.previousPlan?.id === planId);
  expect(next).toMatchObject({ status: 'DRAFT', horizonMonths: 18 });
  expect(next?.actions.map((a) => a.title).sort()).toEqual([actions[1], actions[2]].sort());
  expect(next?.objectives.map((o) => o.title)).toEqual(carried.map((o) => o.title));
  await expect(page.getByRole('link', { name: text(t, 'plan_previous', { title }) })).toBeVisible();
  await api.dispose();

  // --- the manager reassigns an action ----------------------------------------------------------------
  const open = drafted.actions.find((a) => a.title === actions[1]);
  await page.getByRole('button', { name: text(t, 'logout'), exact: true }).click();
  await signInAs(page, t, 'marta@clave.dev');
  await page.goto(`/actions/${open?.id}`);
  const owner = page.getByLabel(text(t, 'action_owner'), { exact: true });
  await expect(owner).toHaveValue(/.+/);
  await owner.selectOption({ label: 'Marta Ibáñez' });
  await page.getByLabel(text(t, 'action_note'), { exact: true }).fill('Lo llevo yo con el comprador.');
  await expectAxeClean(page);
  await shot('action-reassign');
  await page.getByRole('button', { name: text(t, 'action_save'), exact: true }).click();
  const manager = await apiAs('marta@clave.dev');
  await expect
    .poll(async () => (await planById(manager, planId)).actions.find((a) => a.id === open?.id)?.owner.email)
    .toBe('marta@clave.dev');
  await manager.dispose();
  expect(uncaught).toEqual([]);
}

test.describe('on a phone in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('a KAM writes a plan with targets, objectives and actions, activates and rolls it; the manager reassigns', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await planningCycle(page, testInfo, {
      messages: es,
      target: '12.500,50',
      shown: '12.500,50',
      achieve: false,
      total: '100.000',
      tag: 'es-360',
    });
  });
});

test.describe('at a desk in English', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, locale: 'en-US' });

  test('the same planning cycle at 1440 px, the plan page in columns', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await planningCycle(page, testInfo, {
      messages: en,
      target: '12,500.50',
      shown: '12,500.50',
      achieve: true,
      total: '100,000',
      tag: 'en-1440',
    });
  });
});

test('a plan action made offline is queued, shown as waiting and stored once when back online', async ({
  page,
  context,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await planlessAccount(api);
  const now = new Date();
  const title = `Plan offline ${randomUUID().slice(0, 6)}`;
  const { createPlan } = await api.gql<{ createPlan: { __typename: string; data?: { id: string } } }>(
    `mutation ($input: CreateAccountPlanInput!) { createPlan(input: $input) {
      __typename ... on CreatePlanSuccess { data { id } } } }`,
    {
      input: { accountId: account.id, title, startMonth: `${now.getFullYear()}-${pad(now.getMonth() + 1)}` },
    },
  );
  const planId = createPlan.data?.id as string;
  const actionTitle = `Reponer lineal sin cobertura ${randomUUID().slice(0, 6)}`;

  await signIn(page, 'ana@clave.dev');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
    .toBe('activated');

  // Online: the plan and the new-action form are read once (kept on the device), then the signal goes.
  await page.goto(`/plans/${planId}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('link', { name: text(en, 'plan_action_new'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'action_new_title') })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByText(text(en, 'offline_banner'))).toBeVisible();

  await page.getByLabel(text(en, 'action_title_label'), { exact: true }).fill(actionTitle);
  await page.getByLabel(text(en, 'action_due_date'), { exact: true }).fill(isoIn(10));
  await page.getByRole('button', { name: text(en, 'action_create_submit'), exact: true }).click();
  await expect(page.getByText(text(en, 'action_created_notice'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: text(en, 'plan_queued_actions') })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: actionTitle })).toBeVisible();
  await expectPending(page, 1);
  expect((await planById(api, planId)).actions).toHaveLength(0);

  // Back online: it goes out by itself, once, and shows in the plan as a real action.
  await context.setOffline(false);
  await expectPending(page, 0);
  await expect(page.getByRole('link', { name: new RegExp(actionTitle) })).toBeVisible();
  expect((await planById(api, planId)).actions.map((a) => a.title)).toEqual([actionTitle]);
  await api.dispose();
});

test('a plan changed by someone else meanwhile: the edit shows both versions, and keeping mine saves over theirs', async ({
  page,
}) => {
  const api = await apiAs('ana@clave.dev');
  const account = await planlessAccount(api);
  const now = new Date();
  const title = `Plan conflicto ${randomUUID().slice(0, 6)}`;
  const { createPlan } = await api.gql<{ createPlan: { data?: { id: string; version: number } } }>(
    `mutation ($input: CreateAccountPlanInput!) { createPlan(input: $input) {
      ... on CreatePlanSuccess { data { id version } } } }`,
    {
      input: { accountId: account.id, title, startMonth: `${now.getFullYear()}-${pad(now.getMonth() + 1)}` },
    },
  );
  const plan = createPlan.data as { id: string; version: number };

  await signIn(page, 'ana@clave.dev');
  await page.goto(`/plans/${plan.id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: text(en, 'plan_edit_title') })).toBeVisible();
  // Someone else rewrites the client's needs after the form was opened.
  await api.gql(
    `mutation ($id: ID!, $input: UpdateAccountPlanInput!) { updatePlan(id: $id, input: $input) { __typename } }`,
    { id: plan.id, input: { expectedVersion: plan.version, clientNeeds: 'Their needs' } },
  );
  await page.getByLabel(text(en, 'plan_company_objectives'), { exact: true }).fill('My objectives');
  await page.getByRole('button', { name: text(en, 'plan_save'), exact: true }).click();
  const conflict = page.getByRole('region', { name: text(en, 'plan_conflict') });
  await expect(conflict).toBeVisible();
  await expect(
    conflict.getByRole('row', { name: new RegExp(text(en, 'plan_company_objectives')) }),
  ).toContainText('My objectives');
  await conflict.getByRole('button', { name: text(en, 'outbox_keep_mine'), exact: true }).click();
  await expect(page.getByText(text(en, 'plan_saved'))).toBeVisible();
  const { node } = await api.gql<{ node: { companyObjectives: string; clientNeeds: string } }>(
    'query ($id: ID!) { node(id: $id) { ... on AccountPlan { companyObjectives clientNeeds } } }',
    { id: plan.id },
  );
  // Mine where I typed, theirs where I did not.
  expect(node).toEqual({ companyObjectives: 'My objectives', clientNeeds: 'Their needs' });
  await api.dispose();
});
