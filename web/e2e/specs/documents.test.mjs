// Documents: create from a template → edit and save → a second tab's stale
// save gets the conflict choice → versions, diff, restore → lint → export
// Markdown → print stylesheet → share link opened signed out → revoke.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, screenshot, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const user = { name: 'Ada Lovelace', email: `ada-docs-${stamp}@example.com`, password: 'analytical engine notes', org: 'Engines Ltd' };

let browser;
let page;
let secondTab;
let shareUrl;

const test = sequentialSteps(() => reportFailure('documents-failure', { page, secondTab }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

/** Appends text at the end of the CodeMirror editor. */
async function appendToEditor(p, text) {
  const editor = p.getByRole('textbox', { name: 'Document content (Markdown)' });
  await editor.click();
  await p.keyboard.press('Control+End');
  await p.keyboard.type(text);
}

test('a member creates a document from a template in a project', async () => {
  await page.goto('/sign-up');
  await signUp(page, user, { org: user.org });
  await page.waitForURL(/\/projects$/);

  await page.getByRole('button', { name: 'New project' }).first().click();
  const projectDialog = page.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Name').fill('Checkout');
  await projectDialog.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);

  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByText('No documents yet').waitFor();
  await capture(page, 'documents-empty');

  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Checkout PRD');
  await dialog.getByLabel('Template').selectOption('lean');
  await dialog.getByRole('button', { name: 'Create document' }).click();

  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Checkout PRD' }).waitFor();
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await outline.getByRole('link', { name: 'Target Users' }).click();
  // Focus moves once the section has scrolled into view: wait for it (a slow
  // machine gets there later), then check where it landed.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Target Users', null, { timeout: 5_000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Target Users', 'the outline moves focus to the section');
  await capture(page, 'document-page');
  assertNoProblems(page);
});

test('edit and save; a stale save in a second tab offers the conflict choice', async () => {
  secondTab = await page.context().newPage();
  await secondTab.goto(page.url());
  await secondTab.getByRole('button', { name: 'Edit', exact: true }).click();
  await appendToEditor(secondTab, '\nSecond tab text.');

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await appendToEditor(page, '\nFirst tab text.');
  await capture(page, 'document-editor');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved as version 2').waitFor();
  // Saving keeps the editor open; Done leaves it.
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();
  await page.locator('.doc-view').getByText('First tab text.').waitFor();

  await secondTab.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = secondTab.getByRole('dialog', { name: 'Someone else changed this document' });
  await conflict.getByText(/Version 2/).waitFor();
  await screenshot(secondTab, 'document-conflict');
  await conflict.getByRole('button', { name: 'Keep my text' }).click();
  await secondTab.getByText('Saved as version 3').waitFor();
  await secondTab.getByRole('button', { name: 'Done' }).click();
  await secondTab.locator('.doc-view').getByText('Second tab text.').waitFor();
  await secondTab.close();

  await page.reload();
  await page.locator('.doc-meta').getByText('Version 3', { exact: true }).waitFor();
  assertNoProblems(page);
});

test('versions: diff between two versions, then restore one', async () => {
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('table', { name: 'Versions, newest first' }).waitFor();
  await page.getByRole('table', { name: 'Changes from version 2 to version 3' }).waitFor();
  await page.getByRole('radio', { name: 'Side by side' }).check();
  await page.getByRole('columnheader', { name: 'Version 3' }).waitFor();

  await page.getByLabel('From', { exact: true }).selectOption('1');
  await page.getByLabel('To', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Show changes' }).click();
  await page.getByRole('table', { name: 'Changes from version 1 to version 3' }).waitFor();
  await capture(page, 'document-versions');

  await page.getByRole('button', { name: 'View version 1' }).click();
  const preview = page.getByRole('dialog', { name: 'Version 1' });
  await preview.getByRole('heading', { name: 'Problem' }).waitFor();
  await preview.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('dialog', { name: 'Restore version 1?' }).getByRole('button', { name: 'Restore' }).click();
  await page.getByText('Version 1 restored as version 4').waitFor();
  await page.locator('.doc-meta').getByText('Version 4', { exact: true }).waitFor();
  assertNoProblems(page);
});

test('quality: the lint score and a finding that leads to its section', async () => {
  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('meter', { name: 'Quality score' }).waitFor();
  await capture(page, 'document-quality');
  await page.getByRole('list', { name: 'Findings' }).getByRole('link').first().click();
  await page.getByRole('navigation', { name: 'Outline' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2', null, { timeout: 5_000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'the finding focuses its section heading');
});

test('export Markdown and print only the document', async () => {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown (.md)' }).click()]);
  assert.equal(download.suggestedFilename(), 'checkout-prd.md');
  const text = await readFile(await download.path(), 'utf8');
  assert.match(text, /## Problem/);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false, 'the header is not printed');
  assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).isVisible(), false, 'buttons are not printed');
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Problem' }).isVisible(), true, 'the document is printed');
  await screenshot(page, 'document-print');
  await page.emulateMedia({ media: 'screen' });
});

test('a share link opens signed out, and stops working once revoked', async () => {
  await page.getByRole('tab', { name: 'Share' }).click();
  await page.getByLabel('Link expires after').selectOption('24');
  await page.getByRole('button', { name: 'Create share link' }).click();
  shareUrl = await page.getByLabel('Share link URL').inputValue();
  assert.match(shareUrl, /\/shared\/[A-Za-z0-9_-]+$/);
  await capture(page, 'document-share');

  const anonymous = await newPage(browser);
  await anonymous.goto(shareUrl);
  await anonymous.getByRole('heading', { level: 1, name: 'Checkout PRD' }).waitFor();
  await anonymous.getByRole('heading', { level: 2, name: 'Problem' }).waitFor();
  assert.equal(await anonymous.getByRole('button', { name: 'Edit' }).count(), 0);
  await capture(anonymous, 'shared-document');

  await page.getByRole('button', { name: /^Revoke the link/ }).click();
  await page.getByRole('dialog', { name: 'Revoke this share link?' }).getByRole('button', { name: 'Revoke link' }).click();
  await page.getByText('No active share links').waitFor();

  await anonymous.reload();
  await anonymous.getByRole('heading', { level: 1, name: 'This share link does not work' }).waitFor();
  await capture(anonymous, 'shared-document-revoked');
  assertNoProblems(anonymous);
  assertNoProblems(page);
});

test('the document page works at 375 px wide', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole('tab', { name: 'Document' }).click();
  await page.getByRole('navigation', { name: 'Outline' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await capture(page, 'document-page-mobile');
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('table', { name: 'Versions, newest first' }).waitFor();
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, 'versions fit at 375 px');
  await capture(page, 'document-versions-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });
  assertNoProblems(page);
});
