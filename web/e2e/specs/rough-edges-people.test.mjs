// Rough edges around people and their input, in one organization:
// over-long input stopped with a sentence (never cut), inviting an address
// twice offers Resend, the invitation page names who invites whom to what
// and pre-fills sign-up, renaming yourself and asking for the verification
// e-mail again, role changes to and from owner asked first with what is
// gained or lost, a viewer told up front instead of filling in forms, and
// the audit log in sentences with filters and a CSV download. Every page
// touched gets an axe check.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, checkA11y, launch, newPage, reportFailure } from '../browser.mjs';
import { findMailLink } from '../mail.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Charles Babbage', email: `babbage-${stamp}@example.com`, password: 'difference engine two', org: 'Babbage & Co' };
const grace = { name: 'Grace Hopper', email: `hopper-${stamp}@example.com`, password: 'compilers all the way' };
// 100 characters exactly, and one more.
const FULL_NAME = 'Analytical Engine '.repeat(6).slice(0, 100);
const LONG_NAME = `${FULL_NAME}s`;

let browser;
let ownerPage;
let gracePage;
let projectPath;

const test = sequentialSteps(() => reportFailure('rough-edges-people-failure', { owner: ownerPage, grace: gracePage }));

before(async () => {
  browser = await launch();
  ownerPage = await newPage(browser);
  gracePage = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

test('an over-long project name is stopped with a sentence, not cut', async () => {
  await ownerPage.goto('/sign-up');
  await signUp(ownerPage, owner, { org: owner.org });
  await ownerPage.waitForURL(/\/projects$/);
  await ownerPage.getByRole('button', { name: 'New project' }).first().click();
  const dialog = ownerPage.getByRole('dialog', { name: 'New project' });
  const name = dialog.getByLabel('Name');
  await name.fill('Analytical');
  await dialog.getByText('10 / 100').waitFor();
  // Pasting more than the limit keeps every character and says how many are too many.
  await name.fill(LONG_NAME);
  assert.equal(await name.inputValue(), LONG_NAME, 'the field keeps what was typed');
  await dialog.getByText('101 / 100 — 1 too many').waitFor();
  await dialog.getByLabel('Key').fill('AE');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await dialog.getByText('The name is 1 character too long: at most 100.').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await checkA11y(ownerPage, 'project-name-too-long');
  assert.match(ownerPage.url(), /\/projects$/, 'nothing was created');

  await name.fill(FULL_NAME);
  await dialog.getByText('100 / 100').waitFor();
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await ownerPage.waitForURL(/\/projects\/[^/]+$/);
  // Stored whole: the project's page is titled with all 100 characters.
  await ownerPage.getByRole('heading', { level: 1, name: FULL_NAME, exact: true }).waitFor();
  projectPath = new URL(ownerPage.url()).pathname;

  // The PRD brief shows the server's limits as the user types.
  await ownerPage.goto(`${projectPath}/new`);
  await ownerPage.getByLabel('Description').fill('A mechanical general-purpose computer.');
  await ownerPage.getByText('38 / 20,000').waitFor();
  await capture(ownerPage, 'new-prd-counters');
  assertNoProblems(ownerPage);
});

test('inviting an address twice offers to send the pending invitation again', async () => {
  await ownerPage.goto('/org/invitations');
  await ownerPage.getByLabel('E-mail').fill(grace.email);
  await ownerPage.getByLabel('Role').selectOption('member');
  await ownerPage.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await ownerPage.getByRole('cell', { name: grace.email, exact: true }).waitFor();
  const first = await findMailLink(grace.email, '/invitations/');

  await ownerPage.getByLabel('E-mail').fill(grace.email);
  await ownerPage.getByRole('button', { name: 'Send invitation', exact: true }).click();
  const offer = ownerPage.getByRole('alert').filter({ hasText: 'already has a pending invitation' });
  await offer.waitFor();
  await checkA11y(ownerPage, 'invitation-pending-offer');
  await offer.getByRole('button', { name: 'Resend the invitation' }).click();
  await ownerPage.getByText(`Invitation sent again to ${grace.email}`).waitFor();
  const second = await findMailLink(grace.email, '/invitations/', { after: 1 });
  assert.notEqual(second, first, 'a new link');

  // The first link no longer works, and says so before anyone signs in.
  await gracePage.goto(first);
  await gracePage.getByRole('alert').getByText('Invitation not found').waitFor();
  assertNoProblems(ownerPage);
});

test('the invitation page names who invites whom to what, and pre-fills sign-up', async () => {
  const link = await findMailLink(grace.email, '/invitations/', { after: 1 });
  await gracePage.goto(link);
  const summary = gracePage.getByTestId('invitation-summary');
  await summary.waitFor();
  assert.equal(
    (await summary.innerText()).replace(/\s+/g, ' ').trim(),
    `${owner.name} invited ${grace.email} to join ${owner.org} as a member.`,
  );
  await capture(gracePage, 'invitation-preview');
  await gracePage.getByRole('link', { name: 'Create an account' }).click();
  await gracePage.waitForURL(/\/sign-up\?next=/);
  assert.equal(await gracePage.getByLabel('E-mail').inputValue(), grace.email, 'the invited address is filled in');
  await capture(gracePage, 'sign-up-invited');
  await gracePage.getByLabel('Your name').fill(grace.name);
  await gracePage.getByLabel('Password').fill(grace.password);
  await gracePage.getByRole('button', { name: 'Create account' }).click();
  await gracePage.waitForURL((url) => url.pathname.startsWith('/invitations/'));
  await gracePage.getByRole('button', { name: 'Accept invitation' }).click();
  await gracePage.waitForURL(/\/projects$/);
  assertNoProblems(gracePage);
});

test('a user changes their own name and asks for the verification e-mail again', async () => {
  await gracePage.goto('/account');
  const name = gracePage.getByRole('form', { name: 'Your name' }).getByLabel('Name');
  await name.fill(LONG_NAME);
  await gracePage.getByText('101 / 100 — 1 too many').waitFor();
  await gracePage.getByRole('button', { name: 'Save name' }).click();
  await gracePage.getByText('Your name is 1 character too long: at most 100.').waitFor();
  await name.fill('Rear Admiral Grace Hopper');
  await gracePage.getByRole('button', { name: 'Save name' }).click();
  await gracePage.getByText('Your name was changed').waitFor();
  grace.name = 'Rear Admiral Grace Hopper';

  await gracePage.getByRole('button', { name: 'Resend verification e-mail' }).click();
  await gracePage.getByText('A new verification link is on its way').waitFor();
  await capture(gracePage, 'account-profile-rename');
  // Registration's e-mail, then the one asked for.
  const fresh = await findMailLink(grace.email, '/verify-email', { after: 1 });
  await gracePage.goto(fresh);
  await gracePage.getByText('Your e-mail address is verified.').waitFor();
  assertNoProblems(gracePage);
});

test('making someone owner, and taking it back, is asked first with what changes', async () => {
  await ownerPage.goto('/org/members');
  const role = ownerPage.getByLabel(`Role of ${grace.name}`);
  await role.selectOption('owner');
  const dialog = ownerPage.getByRole('dialog', { name: `Make ${grace.name} owner?` });
  await dialog.waitFor();
  await dialog.getByTestId('role-gains').getByText('delete the organization with everything in it').waitFor();
  await checkA11y(ownerPage, 'role-change-to-owner');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await role.inputValue(), 'member', 'nothing changed without confirmation');

  await role.selectOption('owner');
  await dialog.getByRole('button', { name: 'Make them owner' }).click();
  await ownerPage.getByText(`${grace.name} is now owner`).waitFor();

  await role.selectOption('viewer');
  const down = ownerPage.getByRole('dialog', { name: `Make ${grace.name} viewer?` });
  await down.getByTestId('role-losses').getByText('delete the organization with everything in it').waitFor();
  await down.getByTestId('role-losses').getByText('create and edit documents and stories').waitFor();
  await down.getByRole('button', { name: 'Make them viewer' }).click();
  await ownerPage.getByText(`${grace.name} is now viewer`).waitFor();
  assertNoProblems(ownerPage);
});

test('a viewer is told up front what needs another role, with no forms to fill in', async () => {
  await gracePage.goto(`${projectPath}/documents`);
  await gracePage.getByRole('heading', { name: 'Documents', level: 2 }).waitFor();
  await gracePage.getByTestId('role-note').getByText('creating documents and generating PRDs with AI needs the member role').waitFor();
  for (const name of ['New document', 'New PRD with AI']) {
    assert.equal(await gracePage.getByRole('button', { name, exact: true }).count() + (await gracePage.getByRole('link', { name, exact: true }).count()), 0, name);
  }
  await capture(gracePage, 'viewer-documents');

  await gracePage.goto(`${projectPath}/new`);
  await gracePage.getByTestId('role-note').getByText('generating a PRD needs the member role').waitFor();
  assert.equal(await gracePage.getByLabel('Product name').count(), 0, 'no PRD form for a viewer');
  await capture(gracePage, 'viewer-new-prd');

  await gracePage.goto(`${projectPath}/backlog`);
  await gracePage.getByTestId('role-note').getByText('adding, editing and generating stories').waitFor();
  assert.equal(await gracePage.getByRole('button', { name: 'New story' }).count(), 0);
  await gracePage.goto('/projects');
  await gracePage.getByTestId('role-note').getByText('creating, renaming and deleting projects needs the admin role').waitFor();
  assert.equal(await gracePage.getByRole('button', { name: 'New project' }).count(), 0);
  assertNoProblems(gracePage);
});

test('the audit log reads as sentences, filters on the server and downloads as CSV', async () => {
  await ownerPage.goto('/org/audit');
  const sentence = `${owner.name} changed ${grace.name}'s role from owner to viewer.`;
  await ownerPage.getByRole('cell', { name: `Role changed ${sentence}` }).waitFor();
  assert.equal(await ownerPage.getByText('member.role_changed').count(), 0, 'no raw action codes');
  await capture(ownerPage, 'audit-log-sentences');

  const filtered = ownerPage.waitForResponse((r) => r.url().includes('/audit?') && r.url().includes('action=member.role_changed'));
  await ownerPage.getByLabel('Action').selectOption({ label: 'Role changed' });
  await filtered;
  const listed = ownerPage.locator('tbody tr');
  await ownerPage.getByRole('cell', { name: `Role changed ${sentence}` }).waitFor();
  const rows = await listed.allInnerTexts();
  assert.equal(rows.length, 2, rows.join('\n'));
  for (const row of rows) assert.match(row, /Role changed/);

  await ownerPage.getByLabel('Person').selectOption({ label: `${grace.name} (${grace.email})` });
  await ownerPage.getByText('No entries match these filters').waitFor();
  await ownerPage.getByLabel('Person').selectOption('');
  await ownerPage.getByLabel('From', { exact: true }).fill('2030-01-02');
  await ownerPage.getByLabel('To', { exact: true }).fill('2030-01-01');
  await ownerPage.getByText('The end date is before the start date.').waitFor();
  await checkA11y(ownerPage, 'audit-log-filters');
  await ownerPage.getByLabel('From', { exact: true }).fill('');
  await ownerPage.getByLabel('To', { exact: true }).fill('');
  await ownerPage.getByRole('cell', { name: `Role changed ${sentence}` }).waitFor();

  const [download] = await Promise.all([ownerPage.waitForEvent('download'), ownerPage.getByRole('button', { name: 'Download these entries (CSV)' }).click()]);
  assert.match(download.suggestedFilename(), /^audit-.+\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'Time (UTC),Action,Action code,Description,Actor,Actor e-mail,Target type,Target,Target e-mail,IP address,Details');
  assert.equal(lines.length, 3, csv);
  assert.ok(lines[1].includes(`${owner.name} changed ${grace.name}'s role from owner to viewer.`), lines[1]);
  assert.ok(lines[1].includes(grace.email), lines[1]);
  assertNoProblems(ownerPage);
});
