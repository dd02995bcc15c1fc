// Over-long input, everywhere it could still be cut: the comment composer,
// the review dialog, the template form, an item of a list field and the ⌘K
// search keep every character typed, count it against the server's limit
// and stop with a sentence (the browser's maxLength no longer cuts it). Two
// admins editing one template: the stale save is refused and the page offers
// to reload the newer version. Every page touched gets an axe check.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { api, apiOk, register, signInPage } from '../api.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, checkA11y, launch, newPage, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Mary Somerville', email: `somerville-${stamp}@example.com`, password: 'mechanism of the heavens', org: 'Somerville Press' };
const data = {};

let browser;
let page;

const test = sequentialSteps(() => reportFailure('rough-edges-limits-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

/** Pastes `text` into a field at once, as a person pasting would (fill() replaces the value). */
const paste = (locator, text) => locator.fill(text);

test('set up: an organization with a project, a document and a template', async () => {
  data.token = await register(owner);
  const me = await apiOk('/api/v1/auth/me', { token: data.token });
  data.orgId = me.memberships[0].org_id;
  const project = await apiOk(`/api/v1/orgs/${data.orgId}/projects`, { method: 'POST', token: data.token, body: { name: 'Almanac', key: 'ALM' } });
  data.projectId = project.id;
  const doc = await apiOk(`/api/v1/projects/${project.id}/documents`, {
    method: 'POST',
    token: data.token,
    body: { title: 'Tide tables PRD', content: '## Goals\n\nPrint the tides.\n' },
  });
  data.documentId = doc.id;
  const template = await apiOk(`/api/v1/orgs/${data.orgId}/templates`, {
    method: 'POST',
    token: data.token,
    body: { name: 'Almanac house style', description: 'For almanac pages.', sections: [{ title: 'Tables' }] },
  });
  data.templateId = template.id;
  await signInPage(page, owner);
});

test('the comment composer counts as one types and stops an over-long comment, keeping it whole', async () => {
  await page.goto(`/documents/${data.documentId}`);
  await page.getByRole('button', { name: 'Comment on the whole document' }).click();
  const box = page.getByRole('combobox', { name: 'Your comment' });
  await box.fill('Check the spring tides.');
  await page.getByText('23 / 10,000').waitFor();
  const long = 'A tide table row. '.repeat(556).slice(0, 10_001);
  await paste(box, long);
  assert.equal((await box.inputValue()).length, 10_001, 'the composer keeps every character');
  await page.getByText('10,001 / 10,000 — 1 too many').waitFor();
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await page.getByText('The comment is 1 character too long: at most 10,000.').waitFor();
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'comment-too-long');
  await capture(page, 'comment-too-long');
  const comments = await apiOk(`/api/v1/documents/${data.documentId}/comments`, { token: data.token });
  assert.equal(comments.items.length, 0, 'nothing was sent');
  assertNoProblems(page);
});

test('the template form counts its fields and refuses an over-long name and section title', async () => {
  await page.goto('/org/templates/new');
  await page.getByRole('heading', { level: 2, name: 'New template' }).waitFor();
  const name = page.getByRole('textbox', { name: /^Name/ });
  const title = page.getByRole('textbox', { name: /^Title/ }).first();
  await name.fill('Almanac');
  await page.getByText('7 / 100').waitFor();
  await paste(name, `${'Nautical Almanac '.repeat(7).slice(0, 101)}s`);
  await paste(title, 'Sunrise and sunset, by latitude '.repeat(7).slice(0, 201));
  assert.equal((await name.inputValue()).length, 102, 'the name keeps every character');
  await page.getByText('102 / 100 — 2 too many').waitFor();
  await page.getByText('201 / 200 — 1 too many').waitFor();
  await page.getByRole('button', { name: 'Create template' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'things to fix before saving' });
  await summary.getByText('The name is 2 characters too long: at most 100.').waitFor();
  await summary.getByText('Section 1’s title is 1 character too long: at most 200.').waitFor();
  await checkA11y(page, 'template-too-long');
  await capture(page, 'template-too-long');
  const list = await apiOk(`/api/v1/orgs/${data.orgId}/templates`, { token: data.token });
  assert.equal(list.items.filter((t) => !t.builtin).length, 1, 'no template was created');
  assertNoProblems(page);
});

test('a list item over its limit is kept, marked with how much it is over, and stops the form', async () => {
  await page.goto(`/projects/${data.projectId}/new`);
  await page.getByLabel(/^Product name/).fill('Tide tables');
  await page.getByLabel(/^Description/).fill('Tide tables for small harbours.');
  const feature = page.getByLabel('New Key features');
  await paste(feature, 'Alerts before the high tide, '.repeat(35).slice(0, 1001));
  await page.getByText('1,001 / 1,000 — 1 too many').waitFor();
  await page.getByRole('button', { name: 'Add feature' }).click();
  const item = page.getByLabel('Key features 1', { exact: true });
  assert.equal((await item.inputValue()).length, 1001, 'the item keeps every character');
  assert.equal(await item.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: /^Generate PRD/ }).click();
  await page.getByText('Feature 1 is 1 character too long: at most 1,000.').waitFor();
  assert.match(page.url(), /\/new$/, 'no generation was started');
  await checkA11y(page, 'list-item-too-long');
  assertNoProblems(page);
});

test('the ⌘K search says the text is too long instead of searching a cut one', async () => {
  await page.goto('/projects');
  // The shortcut is listened for once the signed-in layout is up.
  await page.getByRole('link', { name: /Almanac/ }).first().waitFor();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search and jump' });
  const box = palette.getByRole('combobox', { name: /Search documents and stories/ });
  await box.waitFor();
  await paste(box, 'tide '.repeat(41));
  assert.equal((await box.inputValue()).length, 205);
  await palette.getByText('The search text is 4 characters too long: at most 200. Shorten it to search.').waitFor();
  await box.fill('tide');
  await palette.getByRole('option', { name: /Tide tables PRD/ }).waitFor();
  await page.keyboard.press('Escape');
  assertNoProblems(page);
});

test('a template someone else saved meanwhile is not overwritten; the page offers to reload it', async () => {
  await page.goto(`/org/templates/${data.templateId}`);
  await page.getByRole('heading', { level: 2, name: 'Edit “Almanac house style”' }).waitFor();
  // Another admin saves version 2 while this page edits version 1.
  const elsewhere = await api(`/api/v1/templates/${data.templateId}`, {
    method: 'PATCH',
    token: data.token,
    body: { description: 'Changed in another tab.' },
    headers: { 'If-Match': '"1"' },
  });
  assert.equal(elsewhere.status, 200, elsewhere.text);
  await page.getByRole('textbox', { name: /^Description/ }).fill('Changed here.');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByRole('alert').getByText(/Someone else saved this template while you were editing it/).waitFor();
  assert.equal(await page.getByRole('textbox', { name: /^Description/ }).inputValue(), 'Changed here.', 'the edits stay in the form');
  await checkA11y(page, 'template-conflict');
  await capture(page, 'template-conflict');
  const stored = await apiOk(`/api/v1/templates/${data.templateId}`, { token: data.token });
  assert.equal(stored.description, 'Changed in another tab.', 'the stale save overwrote nothing');

  await page.getByRole('button', { name: 'Reload the template' }).click();
  await page.getByText(/^Version 2\./).waitFor();
  assert.equal(await page.getByRole('textbox', { name: /^Description/ }).inputValue(), 'Changed in another tab.');
  await page.getByRole('textbox', { name: /^Description/ }).fill('Changed here, after reloading.');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('Template “Almanac house style” saved (version 3)').waitFor();
  assertNoProblems(page);
});
