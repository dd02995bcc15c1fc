// Invitation → sign up through the link → accept; e-mail verification;
// forgotten password → reset → sign in; role change seen by the member.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure } from '../browser.mjs';
import { findMailLink } from '../mail.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Charles Babbage', email: `charles-${stamp}@example.com`, password: 'difference engine two', org: 'Babbage & Co' };
const invitee = { name: 'Grace Hopper', email: `grace-${stamp}@example.com`, password: 'compilers all the way', newPassword: 'nanoseconds of wire' };

let browser;
let ownerPage;
let inviteePage;

const test = sequentialSteps(() => reportFailure('invitations-failure', { owner: ownerPage, invitee: inviteePage }));

before(async () => {
  browser = await launch();
  ownerPage = await newPage(browser);
  inviteePage = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

test('an owner invites someone by e-mail', async () => {
  await ownerPage.goto('/sign-up');
  await signUp(ownerPage, owner, { org: owner.org });
  await ownerPage.waitForURL(/\/projects$/);
  await ownerPage.goto('/org/invitations');
  await ownerPage.getByLabel('E-mail').fill(invitee.email);
  await ownerPage.getByLabel('Role').selectOption('member');
  await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
  await ownerPage.getByRole('cell', { name: invitee.email, exact: true }).waitFor();
  assertNoProblems(ownerPage);
});

test('the invitee signs up through the link and joins the organization', async () => {
  const link = await findMailLink(invitee.email, '/invitations/');
  await inviteePage.goto(link);
  await inviteePage.getByRole('heading', { name: 'You have been invited to PRISM' }).waitFor();
  await capture(inviteePage, 'invitation-signed-out');
  await inviteePage.getByRole('link', { name: 'Create an account' }).click();
  await inviteePage.waitForURL(/\/sign-up\?next=/);
  await inviteePage.getByRole('heading', { name: 'Create your PRISM account' }).waitFor();
  assert.equal(await inviteePage.getByLabel('Organization name').count(), 0, 'no own organization when joining one');
  await signUp(inviteePage, invitee);
  await inviteePage.waitForURL((url) => url.pathname.startsWith('/invitations/'));
  await inviteePage.getByRole('button', { name: 'Accept invitation' }).waitFor();
  await capture(inviteePage, 'invitation-accept');
  await inviteePage.getByRole('button', { name: 'Accept invitation' }).click();
  await inviteePage.waitForURL(/\/projects$/);
  await inviteePage.getByText(`In ${owner.org}`, { exact: true }).waitFor();
  assert.equal(await inviteePage.getByRole('button', { name: 'New project' }).count(), 0, 'only admins create projects');

  // The same link cannot be used twice: its page says so before offering anything.
  await inviteePage.goto(link);
  await inviteePage.getByRole('alert').getByText('This invitation can no longer be used').waitFor();
  assert.equal(await inviteePage.getByRole('button', { name: 'Accept invitation' }).count(), 0);
  assertNoProblems(inviteePage);
});

test('the invitee verifies the e-mail address', async () => {
  const link = await findMailLink(invitee.email, '/verify-email');
  await inviteePage.goto(link);
  await inviteePage.getByText('Your e-mail address is verified.').waitFor();
  await capture(inviteePage, 'verify-email');
  await inviteePage.goto('/account');
  await inviteePage.locator('main').getByText('Verified', { exact: true }).waitFor();
});

test('the owner makes the invitee a viewer, who then cannot create projects', async () => {
  await ownerPage.goto('/org/members');
  await ownerPage.getByLabel(`Role of ${invitee.name}`).selectOption('viewer');
  await ownerPage.getByText(`${invitee.name} is now viewer`).waitFor();

  await inviteePage.goto('/projects');
  await inviteePage.getByText('No projects yet').waitFor();
  assert.equal(await inviteePage.getByRole('button', { name: 'New project' }).count(), 0);
  await inviteePage.goto('/org');
  assert.equal(await inviteePage.getByRole('link', { name: 'Invitations' }).count(), 0, 'viewers do not see invitations');
  assertNoProblems(ownerPage);
});

test('a forgotten password is reset through the e-mailed link', async () => {
  await inviteePage.getByRole('button', { name: /Account menu/ }).click();
  await inviteePage.getByRole('button', { name: 'Sign out' }).click();
  await inviteePage.waitForURL(/\/sign-in/);
  await inviteePage.getByRole('link', { name: 'Forgot your password?' }).click();
  // The sign-in page has an E-mail field too, and the URL changes before the
  // new page renders: fill only once the reset form is there.
  await inviteePage.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await inviteePage.getByLabel('E-mail').fill(invitee.email);
  await inviteePage.getByRole('button', { name: 'Send reset link' }).click();
  await inviteePage.getByText('Check your e-mail').waitFor({ timeout: 30_000 });
  await capture(inviteePage, 'forgot-password');

  const link = await findMailLink(invitee.email, '/reset-password');
  await inviteePage.goto(link);
  await inviteePage.getByLabel('New password', { exact: true }).fill(invitee.newPassword);
  await inviteePage.getByLabel('Repeat the new password').fill('something else entirely');
  await inviteePage.getByRole('button', { name: 'Set new password' }).click();
  await inviteePage.getByText('The passwords do not match.').waitFor();
  await capture(inviteePage, 'reset-password');
  await inviteePage.getByLabel('Repeat the new password').fill(invitee.newPassword);
  await inviteePage.getByRole('button', { name: 'Set new password' }).click();
  await inviteePage.waitForURL(/\/sign-in\?reset=1/);

  await inviteePage.getByLabel('E-mail').fill(invitee.email);
  await inviteePage.getByLabel('Password').fill(invitee.newPassword);
  await inviteePage.getByRole('button', { name: 'Sign in' }).click();
  await inviteePage.waitForURL(/\/projects$/);
  assertNoProblems(inviteePage);
});

test('pages pass axe in the dark theme too', async () => {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await capture(page, 'sign-in-dark');
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/projects$/);
  await capture(page, 'projects-dark');
  await page.goto('/org/members');
  await page.getByRole('cell', { name: invitee.email, exact: true }).waitFor();
  await capture(page, 'org-members-dark');
  await context.close();
});
