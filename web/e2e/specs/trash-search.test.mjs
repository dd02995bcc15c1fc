// Trash and search everywhere (issue 15): the ⌘K / Ctrl+K palette finds a
// document and a story by their text and a story by its key, marks the
// match, and jumps to them; a deleted document leaves search, waits in the
// organization's Trash with who deleted it and its purge date, and comes back
// with its history; on a phone the header's search button opens the palette.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, checkA11y, launch, newPage, reportFailure, screenshot } from '../browser.mjs';

const stamp = Date.now().toString(36);
const user = { name: 'Ada Lovelace', email: `ada-trash-${stamp}@example.com`, password: 'analytical engine notes', org: 'Quokka Works' };
const docTitle = 'Quokka refunds';

let browser;
let page;
let documentUrl;

const test = sequentialSteps(() => reportFailure('trash-search-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

/** Opens the palette with the keyboard shortcut and types `text`. */
async function paletteSearch(text) {
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search and jump' });
  const box = palette.getByRole('combobox', { name: /Search documents and stories/ });
  await box.waitFor();
  assert.ok(await box.evaluate((el) => el === document.activeElement), 'the search box has focus');
  await box.fill(text);
  return { palette, box, list: palette.getByRole('listbox') };
}

test('a member writes a document in two versions and a story', async () => {
  await page.goto('/sign-up');
  await signUp(page, user, { org: user.org });
  await page.waitForURL(/\/projects$/);

  await page.getByRole('button', { name: 'New project' }).first().click();
  const projectDialog = page.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Name').fill('Checkout');
  await projectDialog.getByLabel('Key').fill('CHK');
  await projectDialog.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);

  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(docTitle);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  documentUrl = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Document content (Markdown)' });
  await editor.click();
  await page.keyboard.type('## Goals\n\nEvery refund reaches the customer within a day.\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved as version 2').waitFor();

  await page.goto(documentUrl.replace(/\/documents\/.*/, '/projects'));
  await page.getByRole('link', { name: /Checkout/ }).first().click();
  await page.getByRole('link', { name: 'Backlog' }).click();
  await page.getByRole('button', { name: 'New story' }).first().click();
  const storyDialog = page.getByRole('dialog', { name: 'New story' });
  await storyDialog.getByLabel('Title').fill('Card payouts');
  await storyDialog.getByLabel('I want').fill('to pay a quokka sanctuary by card');
  await storyDialog.getByRole('button', { name: 'Create story' }).click();
  await page.getByRole('article', { name: /CHK-1/ }).waitFor();
  assertNoProblems(page);
});

test('the palette finds the document and the story by text, marks the match, and jumps', async () => {
  const { palette, list, box } = await paletteSearch('quokka');
  const docOption = list.getByRole('option', { name: new RegExp(docTitle) });
  const storyOption = list.getByRole('option', { name: /Card payouts/ });
  await docOption.waitFor();
  await storyOption.waitFor();
  assert.equal(await docOption.locator('mark').first().textContent(), 'Quokka', 'the title match is marked');
  assert.equal(await storyOption.locator('mark').first().textContent(), 'quokka', 'the story text match is marked');
  assert.match(await storyOption.textContent(), /Story CHK-1 · Checkout \(CHK\)/);
  // The document's title matches, the story's body: the document comes first and is active.
  assert.equal(await box.getAttribute('aria-activedescendant'), await docOption.getAttribute('id'));
  await checkA11y(page, 'palette');
  await screenshot(page, 'palette-results');

  await page.keyboard.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), await storyOption.getAttribute('id'), 'Down moves to the story');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === documentUrl);
  await page.getByRole('heading', { level: 1, name: docTitle }).waitFor();
  assert.equal(await palette.isVisible(), false, 'the palette closed');
  assertNoProblems(page);
});

test('a story key finds its story first and opens it in the backlog', async () => {
  const { list } = await paletteSearch('chk-1');
  const first = list.getByRole('option').first();
  await first.filter({ hasText: 'Card payouts' }).waitFor();
  assert.match(await first.textContent(), /Story CHK-1/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/projects\/[^/]+\/backlog\?q=CHK-1$/);
  await page.getByRole('article', { name: /CHK-1/ }).waitFor();
  assert.equal(await page.getByRole('searchbox', { name: 'Search stories' }).inputValue(), 'CHK-1');
  assertNoProblems(page);
});

test('a deleted document leaves search and waits in the trash with who deleted it and when it goes', async () => {
  await page.goto(documentUrl);
  await page.getByRole('heading', { level: 1, name: docTitle }).waitFor();
  await page.locator('.doc-toolbar').getByRole('button', { name: 'Delete document' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this document?' });
  await confirm.getByText(/moves to the organization’s trash/).waitFor();
  await confirm.getByRole('button', { name: 'Delete document' }).click();
  await page.waitForURL(/\/projects\/[^/]+\/documents$/);

  const { palette, list } = await paletteSearch('quokka');
  await list.getByRole('option', { name: /Card payouts/ }).waitFor();
  assert.equal(await list.getByRole('option', { name: new RegExp(docTitle) }).count(), 0, 'search no longer finds the trashed document');
  // The palette also jumps to pages by name: the trash.
  await palette.getByRole('combobox').fill('trash');
  await list.getByRole('option', { name: 'Trash' }).click();
  await page.waitForURL(/\/org\/trash$/);

  const row = page.getByRole('row', { name: new RegExp(docTitle) });
  await row.waitFor();
  assert.match(await row.textContent(), /by Ada Lovelace/);
  assert.match(await row.textContent(), /2 versions/);
  const purge = await row.locator('time').nth(1).getAttribute('datetime');
  const deleted = await row.locator('time').nth(0).getAttribute('datetime');
  assert.equal(Math.round((Date.parse(purge) - Date.parse(deleted)) / 86_400_000), 30, 'purged 30 days after deletion');
  await capture(page, 'trash');
  assertNoProblems(page);
});

test('restore after confirming brings the document back with its history, and search finds it again', async () => {
  await page.getByRole('button', { name: `Restore ${docTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: `Restore “${docTitle}”?` });
  await dialog.getByText(/all 2 versions/).waitFor();
  await checkA11y(page, 'trash-restore-dialog');
  await dialog.getByRole('button', { name: 'Restore document' }).click();
  await page.waitForURL((url) => url.pathname === documentUrl);
  await page.getByRole('heading', { level: 1, name: docTitle }).waitFor();
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByRole('table', { name: 'Versions, newest first' });
  await versions.waitFor();
  assert.equal(await versions.locator('tbody tr').count(), 2, 'both versions came back');

  const { list } = await paletteSearch('quokka');
  await list.getByRole('option', { name: new RegExp(docTitle) }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Search and jump' }).waitFor({ state: 'hidden' });

  await page.goto('/org/trash');
  await page.getByText('The trash is empty').waitFor();
  assertNoProblems(page);
});

test('on a phone the header search button opens the palette', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/projects');
  const button = page.getByRole('banner').getByRole('button', { name: 'Search' });
  await button.waitFor();
  assert.ok(await button.isVisible(), 'the search button is visible on a phone');
  await button.click();
  const palette = page.getByRole('dialog', { name: 'Search and jump' });
  await palette.getByRole('combobox').fill('payouts');
  await palette.getByRole('option', { name: /Card payouts/ }).waitFor();
  await checkA11y(page, 'palette-phone');
  await screenshot(page, 'palette-phone');
  await palette.getByRole('button', { name: 'Close' }).click();
  await palette.waitFor({ state: 'hidden' });
  assert.ok(await button.evaluate((el) => el === document.activeElement), 'focus returns to the search button');
  assertNoProblems(page);
});
