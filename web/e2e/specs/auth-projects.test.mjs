// Sign up → create a project → look around → sign out → sign in again.
// Every main page gets a screenshot and an axe check.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const user = {
  name: 'Ada Lovelace',
  email: `ada-${stamp}@example.com`,
  password: 'analytical engine notes',
  org: 'Analytical Engines',
};

let browser;
let page;

const test = sequentialSteps(() => reportFailure('auth-projects-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

test('a new user signs up and lands on an empty project list', async () => {
  await page.goto('/');
  await page.waitForURL(/\/sign-in/);
  await capture(page, 'sign-in');

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL(/\/sign-up/);
  // Client-side validation first: nothing filled in.
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Enter your name.').waitFor();
  await capture(page, 'sign-up');

  await signUp(page, user, { org: user.org });

  await page.waitForURL(/\/projects$/);
  await page.getByText('No projects yet').waitFor();
  assert.equal(await page.getByLabel('Organization', { exact: true }).inputValue() !== '', true);
  await capture(page, 'projects-empty');
  assertNoProblems(page);
});

test('the user creates a project and sees its page', async () => {
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.waitFor();
  await dialog.getByLabel('Name').fill('Payments Revamp');
  assert.equal(await dialog.getByLabel('Key').inputValue(), 'PR', 'the key is suggested from the name');
  await dialog.getByLabel('Key').fill('pay');
  assert.equal(await dialog.getByLabel('Key').inputValue(), 'PAY', 'the key is upper-cased');
  await dialog.getByLabel('Description').fill('One checkout for every market.');
  await capture(page, 'project-create-dialog');
  await dialog.getByRole('button', { name: 'Create project' }).click();

  await page.waitForURL(/\/projects\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Payments Revamp' }).waitFor();
  await page.getByText('One checkout for every market.').waitFor();
  await capture(page, 'project-page');

  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByRole('link', { name: 'Payments Revamp' }).waitFor();
  await capture(page, 'projects-list');
  assertNoProblems(page);
});

test('organization settings and account pages render', async () => {
  await page.getByRole('link', { name: 'Organization' }).click();
  await page.getByRole('heading', { level: 1, name: user.org }).waitFor();
  await capture(page, 'org-general');

  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('cell', { name: user.email, exact: true }).waitFor();
  await capture(page, 'org-members');

  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('E-mail').fill(`grace-${stamp}@example.com`);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('cell', { name: `grace-${stamp}@example.com`, exact: true }).waitFor();
  await capture(page, 'org-invitations');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
  await page.locator('tbody tr').first().waitFor();
  await capture(page, 'org-audit');

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await page.locator('main').getByText(user.email).waitFor();
  await capture(page, 'account-profile');

  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.getByText('This browser').waitFor();
  await capture(page, 'account-sessions');

  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByLabel('Name').fill('e2e script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByTestId('new-token');
  await secret.waitFor();
  assert.match(await secret.innerText(), /^prism_pat_/);
  await capture(page, 'account-token-created');
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await page.getByRole('cell', { name: 'e2e script', exact: true }).waitFor();
  await capture(page, 'account-tokens');
  assertNoProblems(page);
});

test('the user signs out and signs in again', async () => {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);

  // A protected page now sends back to sign in, remembering where to return.
  await page.goto('/account');
  await page.waitForURL(/\/sign-in\?next=%2Faccount/);

  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong e-mail or password').waitFor();

  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByRole('link', { name: 'Payments Revamp' }).waitFor();

  // A reload restores the session from the refresh cookie.
  await page.reload();
  await page.getByRole('link', { name: 'Payments Revamp' }).waitFor();
  assertNoProblems(page);
});

test('the project list works on a 375 px wide screen', async () => {
  const small = await page.context().newPage();
  await small.setViewportSize({ width: 375, height: 740 });
  await small.goto('/projects');
  await small.getByRole('link', { name: 'Payments Revamp' }).waitFor();
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await capture(small, 'projects-mobile');
  await small.close();
});
