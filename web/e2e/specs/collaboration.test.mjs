// Three people of one organization work on a PRD together: the owner writes
// it, comments on a passage mentioning the member, who follows the live
// notification to the exact comment and replies; the viewer comments on a
// section; the owner asks both to review, the member approves, the viewer
// requests changes, a new version makes the approval stale, two approvals
// approve it, and the next version shows what changed since. Then the
// notifications page, e-mail preferences, one-click unsubscribe from a
// received e-mail (and a broken link's 410), viewers silenced by the
// organization, and the comments drawer at 360 px.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, checkA11y, launch, newPage, reportFailure, screenshot } from '../browser.mjs';
import { findMailLink } from '../mail.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Olivia Byrne', email: `olivia-${stamp}@example.com`, password: 'margins of the ledger', org: 'Byrne Payments' };
const member = { name: 'Mateo Rossi', email: `mateo-${stamp}@example.com`, password: 'quiet reviews win' };
const viewer = { name: 'Vera Novak', email: `vera-${stamp}@example.com`, password: 'readers read slowly' };

const PRD = `## Goals

Ship the checkout by **March**.

## Functional Requirements

- FR-1: Pay by QR code.
- FR-2: Save a card for later.
`;

let browser;
let ownerPage;
let memberPage;
let viewerPage;
let phonePage;
let documentPath;

const test = sequentialSteps(() => reportFailure('collaboration-failure', { owner: ownerPage, member: memberPage, viewer: viewerPage, phone: phonePage }));

before(async () => {
  browser = await launch();
  ownerPage = await newPage(browser);
  memberPage = await newPage(browser);
  viewerPage = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

const bell = (page) => page.getByRole('banner').getByRole('button', { name: /^Notifications/ });

/** The e-mails prism logged (no SMTP_URL) to `to` whose subject contains `subjectPart`. */
async function mailsTo(to, subjectPart) {
  const log = await readFile(process.env.E2E_PRISM_LOG, 'utf8');
  return log
    .split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/)
    .filter((block) => block.includes('mail not sent') && block.includes(`to=${to} `) && block.includes(subjectPart));
}

/** Replaces the document's Markdown in the editor and saves it as a new version. */
async function saveContent(page, content, version) {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Document content (Markdown)' });
  await editor.click();
  // Select all and delete through the editor's own keys first: Chrome's native
  // editing, replacing highlighted (styled) text, would add style attributes
  // that the CSP blocks.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(content);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`Saved as version ${version}`).waitFor();
  // An editor that stays open after saving is left with Done.
  const done = page.getByRole('button', { name: 'Done', exact: true });
  if (await done.count()) await done.click();
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();
}

async function joinThroughInvitation(page, person) {
  const link = await findMailLink(person.email, '/invitations/');
  await page.goto(link);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your PRISM account' }).waitFor();
  await signUp(page, person);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await page.waitForURL(/\/projects$/);
}

test('the owner invites a member and a viewer; the bell counts their acceptances live', async () => {
  await ownerPage.goto('/sign-up');
  await signUp(ownerPage, owner, { org: owner.org });
  await ownerPage.waitForURL(/\/projects$/);
  await ownerPage.goto('/org/invitations');
  for (const [person, role] of [
    [member, 'member'],
    [viewer, 'viewer'],
  ]) {
    await ownerPage.getByLabel('E-mail').fill(person.email);
    await ownerPage.getByLabel('Role').selectOption(role);
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    await ownerPage.getByRole('cell', { name: person.email, exact: true }).waitFor();
  }
  await bell(ownerPage).and(ownerPage.getByRole('button', { name: 'Notifications', exact: true })).waitFor();

  await joinThroughInvitation(memberPage, member);
  await joinThroughInvitation(viewerPage, viewer);

  // The owner's page was not reloaded: the stream told the bell.
  await ownerPage.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
  await bell(ownerPage).click();
  const popover = ownerPage.getByRole('region', { name: 'Notifications', exact: true });
  await popover.getByRole('link', { name: `Unread: ${member.name} accepted your invitation` }).waitFor();
  await checkA11y(ownerPage, 'notification popover');
  await screenshot(ownerPage, 'collab-bell-popover');
  await popover.getByRole('button', { name: 'Mark all read' }).click();
  await ownerPage.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
  await ownerPage.keyboard.press('Escape');
  assertNoProblems(ownerPage);
});

test('the owner asks for two approvals in the organization settings', async () => {
  await ownerPage.goto('/org/reviews');
  await ownerPage.getByRole('heading', { name: 'Reviews and comments' }).waitFor();
  await ownerPage.getByText('0 means no review is needed', { exact: false }).waitFor();
  await capture(ownerPage, 'collab-org-reviews');
  await ownerPage.getByLabel('Approvals a document needs').fill('11');
  await ownerPage.getByRole('button', { name: 'Save review settings' }).click();
  await ownerPage.getByText('Enter a whole number from 0 to 10.').waitFor();
  await ownerPage.getByLabel('Approvals a document needs').fill('2');
  await ownerPage.getByRole('button', { name: 'Save review settings' }).click();
  await ownerPage.getByText('Review settings saved').waitFor();

  // Members see the settings but cannot change them.
  await memberPage.goto('/org/reviews');
  await memberPage.getByText('Only the organization’s admins change these.').waitFor();
  assert.equal(await memberPage.getByRole('button', { name: 'Save review settings' }).count(), 0);
  assertNoProblems(ownerPage);
});

test('the owner writes a PRD', async () => {
  await ownerPage.goto('/projects');
  await ownerPage.getByRole('button', { name: 'New project' }).first().click();
  const projectDialog = ownerPage.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Name').fill('Checkout');
  await projectDialog.getByRole('button', { name: 'Create project' }).click();
  await ownerPage.waitForURL(/\/projects\/[^/]+$/);
  await ownerPage.getByRole('link', { name: 'Documents' }).click();
  await ownerPage.getByRole('button', { name: 'New document' }).first().click();
  const dialog = ownerPage.getByRole('dialog', { name: 'New document' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Checkout PRD');
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await ownerPage.waitForURL(/\/documents\/[^/?]+$/);
  documentPath = new URL(ownerPage.url()).pathname;
  await saveContent(ownerPage, PRD, 2);
  await ownerPage.getByRole('heading', { level: 2, name: 'Functional Requirements' }).waitFor();
  await ownerPage.getByText('No comments yet.').waitFor();
});

test('the owner comments on a selected passage and mentions the member, whose bell rings live', async () => {
  await memberPage.goto('/projects');
  await bell(memberPage).and(memberPage.getByRole('button', { name: 'Notifications', exact: true })).waitFor();

  // Select the rendered sentence: its Markdown has emphasis the selection does not.
  await ownerPage.locator('.doc-view p', { hasText: 'Ship the checkout by' }).selectText();
  await ownerPage.getByRole('button', { name: 'Comment on selection' }).click();
  const panel = ownerPage.getByRole('region', { name: /^Comments/ });
  await panel.getByText('New comment on').waitFor();
  await panel.locator('.new-thread .thread-quote').getByText('Ship the checkout by March.').waitFor();
  const box = panel.getByRole('combobox', { name: 'Your comment' });
  await box.pressSequentially('Which date exactly? @Mat');
  const people = panel.getByRole('listbox', { name: 'People to mention' });
  await people.getByRole('option', { name: new RegExp(member.name) }).waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await checkA11y(ownerPage, 'mention picker');
  await box.press('Enter');
  assert.match(await box.inputValue(), new RegExp(`Which date exactly\\? @\\[${member.name}\\]\\([0-9a-zA-Z-]+\\) $`));
  await box.pressSequentially('knows.');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();

  const thread = panel.getByRole('article', { name: `Thread by ${owner.name}` });
  await thread.locator('.mention-chip', { hasText: `@${member.name}` }).waitFor();
  await thread.locator('.thread-quote').getByText('Ship the checkout by March.').waitFor();
  await panel.getByRole('heading', { name: 'Goals' }).waitFor();

  // The member's page was not reloaded.
  await memberPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
  assertNoProblems(ownerPage);
});

test('the member follows the notification to the exact comment and replies; the owner hears of it', async () => {
  await bell(memberPage).click();
  await memberPage.getByRole('link', { name: `Unread: ${owner.name} mentioned you in a comment on “Checkout PRD”` }).click();
  await memberPage.waitForURL(/\/documents\/[^/]+\?comment=/);
  const marked = memberPage.locator('.comment-thread.is-highlighted');
  await marked.getByText('Which date exactly?').waitFor();
  await memberPage.waitForFunction(() => document.activeElement?.classList.contains('comment-thread'));
  await memberPage.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

  await marked.getByRole('button', { name: 'Reply' }).click();
  await marked.getByRole('combobox', { name: `Reply to ${owner.name}` }).fill('By the **31st**.');
  await marked.getByRole('button', { name: 'Reply', exact: true }).click();
  await marked.getByRole('list', { name: 'Replies' }).getByText('31st').waitFor();
  await ownerPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
  await capture(memberPage, 'collab-document-comments');
  assertNoProblems(memberPage);
});

test('the viewer comments on a section, edits it; the owner resolves a thread and shows it again', async () => {
  await viewerPage.goto(documentPath);
  await viewerPage.getByRole('button', { name: 'Comment on Functional Requirements' }).click();
  const panel = viewerPage.getByRole('region', { name: /^Comments/ });
  await panel.getByRole('combobox', { name: 'Your comment' }).fill('Should FR-2 need a login?');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();
  const mine = panel.getByRole('article', { name: `Thread by ${viewer.name}` });
  await mine.getByText('Should FR-2 need a login?').waitFor();
  assert.equal(await viewerPage.getByRole('button', { name: /Resolve/ }).count(), 1, 'a viewer resolves only their own thread');
  await mine.getByRole('button', { name: 'Edit your comment' }).click();
  await mine.getByRole('combobox', { name: 'Edit your comment' }).fill('Should saving a card (FR-2) need a login?');
  await mine.getByRole('button', { name: 'Save' }).click();
  await mine.getByText('edited').waitFor();
  assert.equal(await viewerPage.getByRole('button', { name: 'Delete your comment' }).count(), 1, 'only their own comment has Delete');

  await ownerPage.reload();
  const ownerPanel = ownerPage.getByRole('region', { name: /^Comments/ });
  const first = ownerPanel.getByRole('article', { name: `Thread by ${owner.name}` });
  await first.getByRole('button', { name: 'Resolve' }).click();
  await ownerPage.getByText('Thread resolved').waitFor();
  await first.waitFor({ state: 'detached' });
  await ownerPanel.getByLabel('Show resolved (1)').check();
  await ownerPanel.getByRole('article', { name: `Thread by ${owner.name}, resolved` }).getByText(`Resolved by ${owner.name}`).waitFor();
  assertNoProblems(viewerPage);
});

test('review: the owner asks both, the member approves, the viewer requests changes', async () => {
  const review = ownerPage.getByRole('region', { name: 'Review', exact: true });
  await review.getByText('0 of 2 approvals on version 2').waitFor();
  await review.getByRole('button', { name: 'Request review…' }).click();
  const ask = ownerPage.getByRole('dialog', { name: 'Request review' });
  assert.equal(await ask.getByLabel(new RegExp(owner.name)).count(), 0, 'the author is not offered');
  await ask.getByLabel(new RegExp(viewer.name)).check();
  await ask.getByLabel(new RegExp(member.name)).check();
  await checkA11y(ownerPage, 'request review dialog');
  await ask.getByRole('button', { name: 'Request review' }).click();
  await review.getByRole('list', { name: 'Reviewers' }).getByText(viewer.name).waitFor();
  await ownerPage.locator('.doc-meta').getByText('Status: In review').waitFor();
  const status = ownerPage.getByRole('group', { name: 'Status' });
  assert.equal(await status.getByRole('button', { name: 'Approve' }).count(), 0, 'approval goes through reviews');
  assert.equal(await review.getByRole('button', { name: 'Approve…' }).count(), 0, 'the author does not approve');

  await memberPage.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();
  await memberPage.reload();
  const memberReview = memberPage.getByRole('region', { name: 'Review', exact: true });
  await memberReview.getByText(`${owner.name} asked you to review version 2.`).waitFor();
  await memberReview.getByRole('button', { name: 'Approve…' }).click();
  await memberPage.getByRole('dialog', { name: 'Approve version 2' }).getByRole('button', { name: 'Approve' }).click();
  await memberReview.getByText('1 of 2 approvals on version 2').waitFor();

  await viewerPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
  await bell(viewerPage).click();
  await viewerPage.getByRole('link', { name: `Unread: ${owner.name} asked you to review “Checkout PRD”` }).click();
  const viewerReview = viewerPage.getByRole('region', { name: 'Review', exact: true });
  await viewerReview.getByRole('button', { name: 'Request changes…' }).click();
  const changes = viewerPage.getByRole('dialog', { name: 'Request changes to version 2' });
  await changes.getByRole('button', { name: 'Request changes' }).click();
  await changes.getByText('Say what should change.').waitFor();
  await checkA11y(viewerPage, 'request changes dialog');
  await changes.getByLabel('What should change?').fill('Name the QR code provider.');
  await changes.getByRole('button', { name: 'Request changes' }).click();
  await viewerReview.getByText('Requested changes on version 2').waitFor();

  // The reply, the approval and the request for changes.
  await ownerPage.getByRole('button', { name: 'Notifications, 3 unread' }).waitFor();
  await bell(ownerPage).click();
  await ownerPage.getByRole('region', { name: 'Notifications', exact: true }).getByText('Changes requested: Name the QR code provider.').waitFor();
  await ownerPage.keyboard.press('Escape');
  assertNoProblems(viewerPage);
});

test('a new version makes the approval stale and the quoted thread outdated; two approvals approve it', async () => {
  await ownerPage.reload();
  await saveContent(ownerPage, PRD.replace('by **March**', 'by **April**').replace('QR code.', 'QR code (Stripe).'), 3);
  const review = ownerPage.getByRole('region', { name: 'Review', exact: true });
  await review.getByText('0 of 2 approvals on version 3').waitFor();
  await review.getByRole('list', { name: 'Reviewers' }).getByText('Approved version 2, before the latest changes').waitFor();
  const panel = ownerPage.getByRole('region', { name: /^Comments/ });
  await panel.getByLabel(/Show resolved/).check();
  await panel.getByRole('article', { name: `Thread by ${owner.name}, resolved` }).getByText('Outdated: the text changed since').waitFor();

  await memberPage.reload();
  await memberPage.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Approve…' }).click();
  await memberPage.getByRole('dialog', { name: 'Approve version 3' }).getByRole('button', { name: 'Approve' }).click();
  await memberPage.getByRole('region', { name: 'Review', exact: true }).getByText('1 of 2 approvals on version 3').waitFor();
  await viewerPage.reload();
  await viewerPage.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Approve…' }).click();
  const approve = viewerPage.getByRole('dialog', { name: 'Approve version 3' });
  await approve.getByLabel('Note (optional)').fill('Thanks for naming Stripe.');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await viewerPage.locator('.doc-meta').getByText('Status: Approved').waitFor();
  await viewerPage.getByRole('region', { name: 'Review', exact: true }).getByText('2 of 2 approvals on version 3').waitFor();
});

test('the next version goes back to review and links to what changed since approval', async () => {
  await ownerPage.reload();
  await ownerPage.locator('.doc-meta').getByText('Status: Approved').waitFor();
  await saveContent(ownerPage, `${PRD.replace('by **March**', 'by **April**').replace('QR code.', 'QR code (Stripe).')}- FR-3: Refund from the order page.\n`, 4);
  await ownerPage.locator('.doc-meta').getByText('Status: In review').waitFor();
  const review = ownerPage.getByRole('region', { name: 'Review', exact: true });
  await review.getByText('0 of 2 approvals on version 4').waitFor();
  await review.getByRole('link', { name: 'What changed since approval (version 3 → 4)' }).click();
  await ownerPage.getByRole('tab', { name: 'Versions', selected: true }).waitFor();
  await ownerPage.getByRole('table', { name: 'Changes from version 3 to version 4' }).getByText('FR-3: Refund from the order page.').waitFor();
  await capture(ownerPage, 'collab-changes-since-approval');
  assertNoProblems(ownerPage);
});

test('the notifications page lists what happened, newest first, and marks it all read', async () => {
  await memberPage.goto('/notifications');
  await memberPage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const today = memberPage.getByRole('region', { name: 'Today' });
  await today.getByRole('link', { name: new RegExp(`${viewer.name} replied|${owner.name} asked you to review`) }).first().waitFor();
  const headlines = await today.getByRole('listitem').allInnerTexts();
  assert.ok(headlines.length >= 2, 'the mention and the review request are listed');
  assert.match(headlines[headlines.length - 1], /mentioned you/, 'the oldest, the mention, comes last');
  await capture(memberPage, 'collab-notifications');
  await memberPage.getByRole('button', { name: 'Mark all read' }).click();
  await memberPage.getByText('All read', { exact: true }).waitFor();
  await memberPage.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
  assertNoProblems(memberPage);
});

test('the viewer stops review-request e-mails; a new request reaches only the member by e-mail', async () => {
  assert.equal((await mailsTo(viewer.email, 'asked you to review')).length, 1);
  await viewerPage.goto('/account/notifications');
  const setting = viewerPage.getByLabel('someone asks me to review a document');
  await setting.waitFor();
  assert.equal(await setting.isChecked(), true);
  await capture(viewerPage, 'collab-account-notifications');
  await setting.uncheck();
  await viewerPage.getByText('E-mails turned off').waitFor();
  await viewerPage.reload();
  assert.equal(await viewerPage.getByLabel('someone asks me to review a document').isChecked(), false, 'the setting is kept');

  await ownerPage.goto(documentPath);
  await ownerPage.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Request review…' }).click();
  const ask = ownerPage.getByRole('dialog', { name: 'Request review' });
  // The viewer first: e-mails go out in order, so the member's is the sign the viewer's would be there.
  await ask.getByLabel(new RegExp(viewer.name)).check();
  await ask.getByLabel(new RegExp(member.name)).check();
  await ask.getByRole('button', { name: 'Request review' }).click();
  await ownerPage.getByText('Review requested').waitFor();
  // The member's third e-mail with a document link (after the mention and the first request).
  await findMailLink(member.email, '/documents/', { after: 2 });
  assert.equal((await mailsTo(viewer.email, 'asked you to review')).length, 1, 'no new e-mail to the viewer');
  await viewerPage.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();
});

test('the unsubscribe link of a received e-mail works signed out; a broken one says why', async () => {
  const [mention] = await mailsTo(member.email, 'mentioned you');
  assert.ok(mention, 'the member got an e-mail about the mention');
  const unsubscribe = new URL(mention.match(/https?:\/\/\S+\/unsubscribe\?token=\S+/)[0]);
  const link = unsubscribe.pathname + unsubscribe.search;
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, viewport: { width: 1280, height: 800 } });
  const anonymous = await context.newPage();
  await anonymous.goto(link);
  await anonymous.getByText('e-mails when someone mentions you in a comment').waitFor();
  await capture(anonymous, 'collab-unsubscribe');
  await anonymous.getByRole('button', { name: 'Stop these e-mails' }).click();
  await anonymous.getByText('Done.').waitFor();

  const token = unsubscribe.searchParams.get('token');
  await anonymous.goto(`/unsubscribe?token=${encodeURIComponent(`${token.split('.')[0]}.AAAA`)}`);
  await anonymous.getByRole('button', { name: 'Stop these e-mails' }).click();
  await anonymous.getByRole('alert').getByText(/^This unsubscribe link is invalid/).waitFor();
  await capture(anonymous, 'collab-unsubscribe-invalid');
  await context.close();

  await memberPage.goto('/account/notifications');
  await memberPage.getByLabel('someone asks me to review a document').waitFor();
  assert.equal(await memberPage.getByLabel('someone mentions me in a comment').isChecked(), false, 'mention e-mails are off');
  assert.equal(await memberPage.getByLabel('someone asks me to review a document').isChecked(), true, 'other kinds stay on');
});

test('an organization that turns viewer comments off tells its viewers why', async () => {
  await ownerPage.goto('/org/reviews');
  await ownerPage.getByLabel('Viewers may comment').uncheck();
  await ownerPage.getByRole('button', { name: 'Save review settings' }).click();
  await ownerPage.getByText('Review settings saved').waitFor();

  await viewerPage.goto(documentPath);
  await viewerPage.getByText('Your organization turned comments off for viewers').waitFor();
  assert.equal(await viewerPage.getByRole('button', { name: /^Comment on/ }).count(), 0, 'no comment buttons');
  assert.equal(await viewerPage.getByRole('button', { name: 'Reply' }).count(), 0, 'no replies');
  // Reviewing is commenting with a decision: no review buttons either, and the card says why.
  const review = viewerPage.getByRole('region', { name: 'Review', exact: true });
  await review.getByText(/Your organization turned off comments and reviews from viewers/).waitFor();
  assert.equal(await review.getByRole('button', { name: /^(Approve|Request changes)…$/ }).count(), 0, 'no review buttons');
  assertNoProblems(viewerPage);
});

test('at 360 px the comments open in a drawer and nothing scrolls sideways', async () => {
  phonePage = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await phonePage.goto('/sign-in');
  await phonePage.getByLabel('E-mail').fill(member.email);
  await phonePage.getByLabel('Password').fill(member.password);
  await phonePage.getByRole('button', { name: 'Sign in' }).click();
  await phonePage.waitForURL(/\/projects$/);
  await phonePage.goto(documentPath);
  await phonePage.getByRole('region', { name: 'Review', exact: true }).waitFor();
  await phonePage.getByRole('button', { name: 'Show comments' }).waitFor();
  const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the document page scrolls sideways by ${overflow}px`);
  await capture(phonePage, 'collab-document-phone');

  await phonePage.getByRole('button', { name: 'Show comments' }).click();
  const drawer = phonePage.getByRole('dialog', { name: 'Comments' });
  await drawer.getByRole('article', { name: `Thread by ${viewer.name}` }).waitFor();
  await checkA11y(phonePage, 'comments drawer');
  await screenshot(phonePage, 'collab-comments-drawer');
  await drawer.getByRole('button', { name: 'Close' }).click();

  await bell(phonePage).click();
  await phonePage.getByRole('region', { name: 'Notifications', exact: true }).getByRole('link', { name: 'All notifications' }).waitFor();
  assert.ok((await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, 'the bell fits');
  await checkA11y(phonePage, 'notification popover at 360 px');
  await phonePage.getByRole('region', { name: 'Notifications', exact: true }).getByRole('link', { name: 'All notifications' }).click();
  await phonePage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await capture(phonePage, 'collab-notifications-phone');
  assertNoProblems(phonePage);
});

test('comments, review and notifications pass axe in the dark theme', async () => {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/projects$/);
  await page.goto(documentPath);
  const panel = page.getByRole('region', { name: /^Comments/ });
  await panel.getByLabel(/Show resolved/).check();
  await panel.getByRole('article', { name: `Thread by ${owner.name}, resolved` }).waitFor();
  await page.getByRole('region', { name: 'Review', exact: true }).getByText('Review history').click();
  await capture(page, 'collab-document-dark');
  await page.goto('/notifications');
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await capture(page, 'collab-notifications-dark');
  await context.close();
});
