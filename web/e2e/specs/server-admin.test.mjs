// Server administration in the browser: `prism admin grant` (the command
// line, on the running server's database) makes an account an administrator;
// the "Server admin" page lists accounts, disables one (which signs it out
// at once and refuses its sign-in), enables it again, and shows the
// database's storage use.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure } from '../browser.mjs';
import { webDir } from '../servers.mjs';

const stamp = Date.now().toString(36);
const admin = { name: 'Ada Lovelace', email: `ada-admin-${stamp}@example.com`, password: 'analytical engine notes', org: 'Lovelace Works' };
const member = { name: 'Bob Kahn', email: `bob-member-${stamp}@example.com`, password: 'packets over copper wire', org: 'Kahn Networks' };

let browser;
let adminPage;
let memberPage;

const test = sequentialSteps(() => reportFailure('server-admin-failure', { admin: adminPage, member: memberPage }));

// `prism <args>` on the database of the server the specs run against
// (e2e/run.mjs starts it on a SQLite file beside its log).
function prism(...args) {
  const log = process.env.E2E_PRISM_LOG;
  if (!log) throw new Error('this spec needs the server started by e2e/run.mjs (E2E_PRISM_LOG is not set)');
  const binary = resolve(webDir, process.env.PRISM_BINARY ?? '../build/prism');
  return execFileSync(binary, args, {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dirname(log), 'prism.db')}`, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}

before(async () => {
  browser = await launch();
  adminPage = await newPage(browser);
  memberPage = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

test('two people sign up; neither sees the server administration', async () => {
  for (const [page, who] of [
    [adminPage, admin],
    [memberPage, member],
  ]) {
    await page.goto('/sign-up');
    await signUp(page, who, { org: who.org });
    await page.waitForURL(/\/projects$/);
  }
  assert.equal(await adminPage.getByRole('link', { name: 'Server admin' }).count(), 0);
  await adminPage.goto('/admin');
  await adminPage.getByText('Server administrators only').waitFor();
});

test('prism admin grant makes one an administrator', async () => {
  prism('admin', 'grant', admin.email);
  await adminPage.goto('/projects');
  await adminPage.getByRole('link', { name: 'Server admin' }).click();
  await adminPage.getByRole('heading', { level: 1, name: 'Server administration' }).waitFor();
  const own = adminPage.getByRole('row').filter({ hasText: admin.email });
  await own.getByText('Administrator').waitFor();
  assert.equal(await own.getByRole('button').count(), 0, 'no buttons on your own row');
  await capture(adminPage, 'server-admin-users');
  assertNoProblems(adminPage);
});

test('disabling an account signs it out at once and refuses its sign-in', async () => {
  await adminPage.getByRole('searchbox', { name: 'Search users' }).fill('bob-member');
  const row = adminPage.getByRole('row').filter({ hasText: member.email });
  await row.getByRole('button', { name: 'Disable' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Disable account' }).click();
  await row.getByText(/^Disabled/).waitFor();

  await memberPage.reload();
  await memberPage.waitForURL(/\/sign-in/);
  await memberPage.getByLabel('E-mail').fill(member.email);
  await memberPage.getByLabel('Password').fill(member.password);
  await memberPage.getByRole('button', { name: 'Sign in' }).click();
  await memberPage.getByRole('alert').getByText('This account is disabled', { exact: true }).waitFor();
  await memberPage.getByRole('alert').getByText("Ask the server's administrator to enable it again.", { exact: false }).waitFor();
});

test('enabling it lets the person sign in again', async () => {
  const row = adminPage.getByRole('row').filter({ hasText: member.email });
  await row.getByRole('button', { name: 'Enable' }).click();
  await row.getByText('Active').waitFor();
  await memberPage.getByRole('button', { name: 'Sign in' }).click();
  await memberPage.waitForURL(/\/projects$/);
});

test('the storage tab measures the database', async () => {
  await adminPage.getByRole('link', { name: 'Storage' }).click();
  await adminPage.getByRole('heading', { name: 'Storage' }).waitFor();
  await adminPage.getByText('No quota is set').waitFor();
  const users = adminPage.getByRole('row').filter({ has: adminPage.getByRole('cell', { name: 'users', exact: true }) });
  const rows = Number((await users.getByRole('cell').nth(1).innerText()).replace(/\D/g, ''));
  assert.ok(rows >= 2, `the users table counts both accounts (${rows})`);
  await capture(adminPage, 'server-admin-storage');
  assertNoProblems(adminPage);
});
