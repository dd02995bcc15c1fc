// Rough edges a new user hit, in the browser: the account button is named
// by the initials it shows; errors read as sentences a
// person understands, with a way forward and the request id under "Details";
// the empty state's buttons are
// centred like its text; text typed into a list (a constraint, an acceptance
// criterion) but not added with its button is kept on submit; tabs cut off on a phone say that they scroll (and
// scroll by pointer and by keyboard); a notice never takes a click meant for
// the button under it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { apiOk, register, signInPage } from '../api.mjs';
import { findMailLink } from '../mail.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, checkA11y, launch, newPage, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Grace Hopper', email: `grace-ui-${stamp}@example.com`, password: 'compilers all the way down', org: 'Harbor Labs' };
const data = {};

let browser;
let page;

const test = sequentialSteps(() => reportFailure('rough-edges-ui-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await browser?.close();
});

/** Horizontal centre of an element's box, and of the union of several boxes. */
async function centreOf(locator) {
  const boxes = await locator.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
  assert.ok(boxes.length > 0, 'nothing to measure');
  return (Math.min(...boxes.map((b) => b.left)) + Math.max(...boxes.map((b) => b.right))) / 2;
}

/** Rectangles overlap (both are DOMRect-like). */
const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('set up: an organization with one project and no document', async () => {
  const token = await register(owner);
  const me = await apiOk('/api/v1/auth/me', { token });
  data.orgId = me.memberships[0].org_id;
  data.token = token;
  await signInPage(page, owner);
});

test('the account button is named by the initials it shows (WCAG 2.5.3)', async () => {
  await page.goto('/projects');
  const button = page.getByRole('button', { name: /Account menu/ });
  // What a sighted user sees on the button (the rest of its text is visually hidden).
  const visible = (await button.locator('.avatar').innerText()).trim();
  assert.equal(visible, 'GH');
  const name = await button.evaluate((el) => el.textContent.replace(/\s+/g, ' ').trim());
  // Chromium's accessible name, as a speech user would address it.
  await page.getByRole('button', { name: 'GH Account menu for Grace Hopper', exact: true }).waitFor();
  assert.ok(name.startsWith(visible), `the name "${name}" starts with the visible "${visible}"`);
  await checkA11y(page, 'projects with the account button', { rules: ['label-content-name-mismatch'] });
});

test("the empty state centres its buttons like its text", async () => {
  // An owner's empty organization shows the first-run path instead of an
  // empty state; a project's empty documents tab has a row of actions.
  const project = await apiOk(`/api/v1/orgs/${data.orgId}/projects`, { method: 'POST', token: data.token, body: { name: 'Harbor', key: 'HBR' } });
  data.projectId = project.id;
  await page.goto(`/projects/${project.id}/documents`);
  const docsEmpty = page.locator('.empty-state').filter({ hasText: 'No documents yet' });
  await docsEmpty.waitFor();
  const actions = docsEmpty.locator('.empty-action').locator('a, button');
  assert.ok((await actions.count()) >= 2, 'the documents tab offers two actions');
  const docsBox = await centreOf(docsEmpty);
  const docsButtons = await centreOf(actions);
  assert.ok(Math.abs(docsBox - docsButtons) <= 2, `the row of buttons is centred (box centre ${docsBox}, buttons centre ${docsButtons})`);
  await capture(page, 'rough-edges-empty-state');
  assertNoProblems(page);
});

test('tabs cut off on a phone show an arrow, which scrolls them; so does the keyboard', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/org');
  const tabs = page.getByRole('navigation', { name: 'Organization settings' });
  const last = tabs.getByRole('link').last();
  const lastName = await last.textContent();
  await last.waitFor();
  const inView = (locator) =>
    locator.evaluate((el) => {
      const row = el.parentElement.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.left >= row.left - 0.5 && r.right <= row.right + 0.5;
    });
  assert.equal(await inView(last), false, 'at 360 px the last tab is out of view');
  const more = page.getByRole('button', { name: 'Show more tabs' });
  await more.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Show earlier tabs' }).count(), 0, 'nothing is hidden before the first tab');
  await checkA11y(page, 'org settings at 360 px');

  await more.click();
  await page.getByRole('button', { name: 'Show earlier tabs' }).waitFor();
  await page.getByRole('button', { name: 'Show earlier tabs' }).click();
  await page.waitForFunction(() => document.querySelector('nav[aria-label="Organization settings"]').scrollLeft === 0);

  // Keyboard: tabbing to the last tab scrolls it into view.
  await tabs.getByRole('link', { name: 'General' }).focus();
  const count = await tabs.getByRole('link').count();
  for (let i = 1; i < count; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), lastName);
  await page.waitForFunction(() => {
    const el = document.activeElement;
    const row = el.parentElement.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.left >= row.left - 0.5 && r.right <= row.right + 0.5;
  });
  // At the end, no arrow points further.
  await page.getByRole('button', { name: 'Show more tabs' }).waitFor({ state: 'detached' });
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/org' && url.pathname.startsWith('/org/'));
  assertNoProblems(page);
});

test('text typed into a list but not added with its button is kept on submit', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The new-PRD form: a constraint typed, "Add constraint" not pressed.
  await page.goto(`/projects/${data.projectId}/new`);
  await page.getByLabel(/^Product name/).fill('Harbor tides');
  await page.getByLabel(/^Description/).fill('Tide tables for small harbours.');
  await page.getByLabel('New Key features').fill('Tide alerts');
  await page.getByRole('button', { name: 'Add feature' }).click();
  await page.getByLabel('New Constraints').fill('Works offline');
  await page.getByRole('button', { name: /^Generate PRD/ }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  const generationId = new URL(page.url()).pathname.split('/').pop();
  const generation = await apiOk(`/api/v1/generations/${generationId}`, { token: data.token });
  assert.deepEqual(generation.input.key_features, ['Tide alerts']);
  assert.deepEqual(generation.input.constraints, ['Works offline'], 'the constraint typed but not added was sent');

  // The story editor: an acceptance criterion typed, "Add criterion" not pressed.
  await page.goto(`/projects/${data.projectId}/backlog`);
  await page.getByRole('button', { name: 'New story' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New story' });
  await dialog.getByLabel(/^Title/).fill('See the next high tide');
  await dialog.getByLabel('New Acceptance criteria').fill('Given a harbour, when I open it, then I see the next high tide');
  await dialog.getByRole('button', { name: 'Create story' }).click();
  await dialog.waitFor({ state: 'detached' });
  const stories = await apiOk(`/api/v1/projects/${data.projectId}/stories`, { token: data.token });
  const story = stories.items.find((s) => s.title === 'See the next high tide');
  assert.deepEqual(story?.acceptance_criteria, ['Given a harbour, when I open it, then I see the next high tide']);
  assertNoProblems(page);
});

/** The alert's visible sentences (without the folded "Details"), and what the "Details" hold. */
async function readAlert(alert) {
  return alert.evaluate((el) => {
    const copy = el.cloneNode(true);
    const details = copy.querySelector('details');
    const folded = details ? details.textContent : '';
    const requestId = [...(details?.querySelectorAll('dt') ?? [])].find((dt) => dt.textContent === 'Request id')?.nextElementSibling?.textContent ?? '';
    details?.remove();
    return { text: copy.textContent.replace(/\s+/g, ' ').trim(), folded, requestId, open: el.querySelector('details')?.open ?? false };
  });
}

/** The request id and the server's raw phrasing stay out of the sentences. */
function assertPlain({ text, requestId }) {
  assert.ok(requestId.length > 0, 'the Details hold the request id');
  assert.ok(!text.includes(requestId), `no request id in "${text}"`);
  for (const raw of ['Forbidden', 'Conflict', 'Validation failed', 'the request has invalid fields', 'your role does not allow this']) {
    assert.ok(!text.includes(raw), `"${raw}" does not show in "${text}"`);
  }
}

test('errors read as sentences with a way forward; the request id waits under Details', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A field error from the server, as a sentence with the field's label.
  const anonymous = await newPage(browser);
  await anonymous.goto('/sign-up');
  await anonymous.getByLabel('Your name').fill('Alan');
  await anonymous.getByLabel('E-mail').fill(`alan-ui-${stamp}@example.com`);
  await anonymous.getByLabel('Password').fill('password1234');
  await anonymous.getByLabel('Organization name').fill('Turing Machines');
  await anonymous.getByRole('button', { name: 'Create account' }).click();
  const password = anonymous.getByLabel('Password');
  await anonymous.getByText(/^Password is too easy to guess/).waitFor();
  assert.match(await password.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')?.split(' ').pop() ?? '')?.textContent ?? ''), /\.$/);
  const signUpAlert = await readAlert(anonymous.getByRole('alert').first());
  assertPlain(signUpAlert);
  assert.match(signUpAlert.folded, /Request id/, 'the request id is under Details');
  assert.equal(signUpAlert.open, false, 'Details are folded');
  await checkA11y(anonymous, 'sign-up with a field error');
  await anonymous.close();

  // A conflict: the server's specific words, as a sentence, and what to do.
  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('Harbor again');
  await dialog.getByLabel('Key').fill('HBR');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  const conflict = dialog.getByRole('alert');
  await conflict.getByText('That key is taken').waitFor();
  const conflictText = await readAlert(conflict);
  assert.match(conflictText.text, /Another project of this organization already uses this key\. Choose another key\./);
  assertPlain(conflictText);
  await conflict.getByText('Details').click();
  await conflict.getByText('Request id').waitFor();
  await checkA11y(page, 'new project with a taken key');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Forbidden: a member made a viewer while the page was open, then tries to create a document.
  const member = { name: 'Katherine Johnson', email: `katherine-ui-${stamp}@example.com`, password: 'orbital mechanics by hand', org: 'Johnson Flights' };
  const memberToken = await register(member);
  await apiOk(`/api/v1/orgs/${data.orgId}/invitations`, { method: 'POST', token: data.token, body: { email: member.email, role: 'member' } });
  const link = await findMailLink(member.email, '/invitations/');
  await apiOk(`/api/v1/invitations/${link.split('/').pop().split('?')[0]}/accept`, { method: 'POST', token: memberToken, body: {} });
  const memberMe = await apiOk('/api/v1/auth/me', { token: memberToken });
  const memberPage = await newPage(browser);
  await signInPage(memberPage, member);
  await memberPage.goto(`/projects/${data.projectId}/documents`);
  await memberPage.getByRole('button', { name: 'New document' }).first().click();
  const create = memberPage.getByRole('dialog', { name: 'New document' });
  await create.getByRole('textbox', { name: 'Title' }).fill('Not allowed any more');
  await apiOk(`/api/v1/orgs/${data.orgId}/members/${memberMe.user.id}`, { method: 'PATCH', token: data.token, body: { role: 'viewer' } });
  await create.getByRole('button', { name: 'Create document' }).click();
  const forbidden = create.getByRole('alert');
  await forbidden.getByText("You don't have permission to do this").waitFor();
  const forbiddenText = await readAlert(forbidden);
  assert.match(forbiddenText.text, /Ask an admin of the organization/);
  assertPlain(forbiddenText);
  assert.match(forbiddenText.folded, /Code\s*forbidden/);
  await checkA11y(memberPage, 'forbidden in the new-document dialog');
  assertNoProblems(memberPage);
  await memberPage.close();
  assertNoProblems(page);
});

/**
 * Scrolls the page so that `button` sits at the height of `toast`, then says
 * whether a click at the button's centre reaches the button, and whether the
 * notice is drawn over it.
 */
async function underTheNotice(p, toast, button) {
  const t = await toast.boundingBox();
  const b = await button.boundingBox();
  await p.evaluate((dy) => window.scrollBy(0, dy), b.y + b.height / 2 - (t.y + t.height / 2));
  const after = await button.boundingBox();
  const clickable = await button.evaluate((el, r) => el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)), after);
  return { clickable, covered: overlaps(await toast.boundingBox(), after), aligned: Math.abs(after.y + after.height / 2 - (t.y + t.height / 2)) < 2 };
}

test('a notice never takes a click meant for the button under it', async () => {
  // Three versions, so each row has its buttons.
  const doc = await apiOk(`/api/v1/projects/${data.projectId}/documents`, { method: 'POST', token: data.token, body: { title: 'Harbor PRD', content: '## Problem\n\nOne.\n' } });
  for (const text of ['Two.', 'Three.']) {
    const res = await fetch(`${process.env.E2E_API_URL}/api/v1/documents/${doc.id}`, { headers: { Authorization: `Bearer ${data.token}` } });
    await apiOk(`/api/v1/documents/${doc.id}`, { method: 'PATCH', token: data.token, headers: { 'If-Match': res.headers.get('etag') }, body: { content: `## Problem\n\n${text}\n` } });
  }
  // A short window, so that every row can be scrolled down to the notice.
  await page.setViewportSize({ width: 1280, height: 420 });
  await page.goto(`/documents/${doc.id}`);
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('dialog', { name: 'Restore version 1?' }).getByRole('button', { name: 'Restore' }).click();
  const toast = page.locator('.toast').filter({ hasText: 'Version 1 restored as version 4' });
  await toast.waitFor();

  // On a wide screen the notice stays clear of the table's actions column.
  const actions = await page.locator('.versions-table .row-actions button').all();
  assert.ok(actions.length >= 6, `the rows' buttons (${actions.length})`);
  for (const button of actions) {
    const at = await underTheNotice(page, toast, button);
    const name = await button.getAttribute('aria-label');
    assert.ok(at.aligned, `"${name}" could be scrolled to the notice's height`);
    assert.ok(!at.covered, `the notice is drawn over "${name}"`);
    assert.ok(at.clickable, `a click on "${name}" reaches it`);
  }

  // On a phone the notice spans the screen: it is drawn over the buttons,
  // but a click still reaches them.
  await page.setViewportSize({ width: 360, height: 500 });
  const view = page.getByRole('button', { name: 'View version 2' });
  const at = await underTheNotice(page, toast, view);
  assert.ok(at.covered && at.aligned, 'the notice lies over the button (else this step shows nothing)');
  assert.ok(at.clickable, 'a click on the button under the notice reaches the button');
  await view.click({ timeout: 2_000 });
  await page.getByRole('dialog', { name: 'Version 2' }).getByRole('button', { name: 'Close' }).click();

  // The notice's own dismiss button still works.
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await toast.waitFor({ state: 'detached' });
  assertNoProblems(page);
});
