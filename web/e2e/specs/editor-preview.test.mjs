// The Markdown editor: live preview beside the text (Write / Preview tabs on a
// phone) drawn by the document view's own renderer, the formatting toolbar
// with undo, Ctrl+S that saves and keeps editing, Esc / Done that leave (and
// ask first when something is unsaved), and a stale save from a second tab
// that still gets the conflict choice while the editor stays open.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure, watch } from '../browser.mjs';

const stamp = Date.now().toString(36);
const user = { name: 'Grace Hopper', email: `grace-editor-${stamp}@example.com`, password: 'compilers all the way down', org: 'Cobol Works' };

let browser;
let page;
let secondTab;
let documentUrl;

const test = sequentialSteps(() => reportFailure('editor-preview-failure', { page, secondTab }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

const editorOf = (p) => p.getByRole('textbox', { name: 'Document content (Markdown)' });
const previewOf = (p) => p.getByRole('region', { name: 'Preview' });
const versionIs = (p, n) => p.locator('.doc-meta').getByText(`Version ${n}`, { exact: true }).waitFor();

/** The editor's text, line by line as CodeMirror shows it. */
async function editorText(p) {
  return (await editorOf(p).locator('.cm-line').allInnerTexts()).join('\n');
}

/** Puts the caret at the end of the text and inserts `text` there. */
async function insertAtEnd(p, text) {
  await editorOf(p).click();
  await p.keyboard.press('Control+End');
  await p.keyboard.insertText(text);
}

test('a blank document in a new project', async () => {
  await page.goto('/sign-up');
  await signUp(page, user, { org: user.org });
  await page.waitForURL(/\/projects$/);
  await page.getByRole('button', { name: 'New project' }).first().click();
  const projectDialog = page.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Name').fill('Compiler');
  await projectDialog.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Compiler PRD');
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  documentUrl = new URL(page.url()).pathname;
  await page.getByRole('heading', { level: 1, name: 'Compiler PRD' }).waitFor();
  await versionIs(page, 1);
  assertNoProblems(page);
});

test('on a wide screen the preview sits beside the text and follows every keystroke', async () => {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = editorOf(page);
  await editor.waitFor();
  const preview = previewOf(page);
  await preview.waitFor();
  const [e, p] = [await editor.boundingBox(), await preview.boundingBox()];
  assert.ok(p.x > e.x + e.width - 1, `the preview is to the right of the text (text ends at ${e.x + e.width}, preview starts at ${p.x})`);
  assert.ok(Math.abs(p.y - e.y) < 120, 'the preview is beside the text, not below it');

  await insertAtEnd(page, '## Goals\n\nCompile COBOL to WebAssembly.\n\nSee [the spec](javascript:alert(1)).');
  await preview.getByRole('heading', { level: 2, name: 'Goals' }).waitFor();
  await preview.getByText('Compile COBOL to WebAssembly.').waitFor();
  // The document view's sanitizing renderer: a javascript: link keeps its text but loses its target.
  const link = preview.getByText('the spec');
  await link.waitFor();
  assert.equal(await link.evaluate((el) => el.closest('a')?.getAttribute('href') ?? null), null, 'the javascript: URL is dropped');
  await page.getByText('Unsaved changes').waitFor();
  await capture(page, 'editor-preview-wide');
  assertNoProblems(page);
});

test('toolbar: bold, a list and a table act on the selection, and one undo takes each back', async () => {
  const editor = editorOf(page);
  const preview = previewOf(page);
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });

  // Select the word "WebAssembly" (before the final paragraph) and make it bold.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft'); // before the full stop
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await preview.locator('strong', { hasText: 'WebAssembly' }).waitFor();
  assert.match(await editorText(page), /Compile COBOL to \*\*WebAssembly\*\*\./);
  // The editor has the focus back, so the shortcut undoes the formatting at once.
  await page.keyboard.press('Control+z');
  await preview.locator('strong').waitFor({ state: 'detached' });
  assert.match(await editorText(page), /Compile COBOL to WebAssembly\./);
  await page.keyboard.press('Control+y');
  await preview.locator('strong', { hasText: 'WebAssembly' }).waitFor();

  // A bulleted list from two new lines.
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n\nParser\nCode generator');
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+End');
  await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
  await preview.getByRole('listitem').filter({ hasText: 'Code generator' }).waitFor();
  assert.equal(await preview.getByRole('listitem').count(), 2);

  // A table skeleton at the end, then undone and redone.
  await page.keyboard.press('Control+End');
  await toolbar.getByRole('button', { name: 'Table' }).click();
  const table = preview.getByRole('table');
  await table.waitFor();
  assert.deepEqual(await table.getByRole('columnheader').allInnerTexts(), ['Column 1', 'Column 2', 'Column 3']);
  // The first header is selected: typing replaces it.
  await page.keyboard.insertText('Stage');
  await table.getByRole('columnheader', { name: 'Stage' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await table.waitFor({ state: 'detached' });
  await page.keyboard.press('Control+y');
  await preview.getByRole('table').waitFor();

  // The toolbar is one tab stop whose buttons the arrow keys walk through.
  await toolbar.getByRole('button', { name: 'Heading', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Subheading');
  assertNoProblems(page);
});

test('Ctrl+S saves and keeps editing; Esc asks before dropping unsaved text', async () => {
  await editorOf(page).click();
  await page.keyboard.press('Control+s');
  await page.getByText('Saved as version 2').waitFor();
  await versionIs(page, 2);
  // Still editing: the text, the preview and the caret are where they were.
  await editorOf(page).waitFor();
  await page.getByText('No changes since version 2').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);

  await page.keyboard.insertText('\n\nNot worth keeping.');
  await previewOf(page).getByText('Not worth keeping.').waitFor();
  await page.keyboard.press('Escape');
  const question = page.getByRole('dialog', { name: 'Leave without saving?' });
  await question.waitFor();
  await capture(page, 'editor-leave-question');
  await question.getByRole('button', { name: 'Keep editing' }).click();
  await question.waitFor({ state: 'hidden' });
  assert.match(await editorText(page), /Not worth keeping\./);

  await page.getByRole('button', { name: 'Done' }).click();
  await question.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();
  await page.locator('.doc-view').getByText('Compile COBOL to').waitFor();
  assert.equal(await page.getByText('Not worth keeping.').count(), 0, 'the discarded text is gone');
  await versionIs(page, 2);

  // Nothing changed: Esc leaves at once.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await editorOf(page).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();
  assertNoProblems(page);
});

test('a stale save from a second tab gets the conflict choice, and the editor stays open after it', async () => {
  secondTab = watch(await page.context().newPage());
  await secondTab.goto(documentUrl);
  await secondTab.getByRole('button', { name: 'Edit', exact: true }).click();
  await insertAtEnd(secondTab, '\n\nFrom the second tab.');

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await insertAtEnd(page, '\n\nFrom the first tab.');
  await page.keyboard.press('Control+s');
  await page.getByText('Saved as version 3').waitFor();

  await editorOf(secondTab).click();
  await secondTab.keyboard.press('Control+s');
  const conflict = secondTab.getByRole('dialog', { name: 'Someone else changed this document' });
  await conflict.getByText(/Version 3/).waitFor();
  // Esc in the dialog closes the dialog, not the editor.
  await secondTab.keyboard.press('Escape');
  await conflict.waitFor({ state: 'hidden' });
  await editorOf(secondTab).waitFor();
  assert.equal(await secondTab.getByRole('dialog', { name: 'Leave without saving?' }).count(), 0);
  await secondTab.getByRole('button', { name: 'Save', exact: true }).click();
  await conflict.getByRole('button', { name: 'Keep my text' }).click();
  await secondTab.getByText('Saved as version 4').waitFor();
  await editorOf(secondTab).waitFor();
  await previewOf(secondTab).getByText('From the second tab.').waitFor();
  assertNoProblems(secondTab);
  await secondTab.close();

  await page.getByRole('button', { name: 'Done' }).click();
  await page.reload();
  await versionIs(page, 4);
  assertNoProblems(page);
});

test('on a phone, Write and Preview are tabs; the text and its undo history survive the switch', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const write = page.getByRole('tab', { name: 'Write' });
  await write.waitFor();
  assert.equal(await previewOf(page).count(), 0, 'no side-by-side preview on a phone');
  await insertAtEnd(page, '\n\n## Risks\n\nLegacy dialects.');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click();
  await page.getByRole('tab', { name: 'Preview' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Preview' });
  await panel.getByRole('heading', { level: 2, name: 'Risks' }).waitFor();
  await panel.locator('strong', { hasText: 'bold text' }).waitFor();
  assert.equal(await editorOf(page).isVisible(), false, 'the text is hidden behind the Write tab');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the editor page scrolls sideways by ${overflow}px`);
  await capture(page, 'editor-preview-phone');

  await write.click();
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+z');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByRole('heading', { level: 2, name: 'Risks' }).waitFor();
  assert.equal(await panel.locator('strong', { hasText: 'bold text' }).count(), 0, 'undo after switching tabs took the bold text back');
  await page.setViewportSize({ width: 1280, height: 800 });
  await previewOf(page).waitFor();
  assertNoProblems(page);
});
