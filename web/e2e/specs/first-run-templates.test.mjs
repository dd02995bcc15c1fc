// First run and templates: a new organization without projects offers three
// ways to start (what a member sees instead), the template gallery previews
// each template and starts a document with it (making the first project),
// the organization's own templates are created, reordered, edited and
// deleted under Organization → Templates with problems said in sentences,
// and "Generate an example PRD" writes one with the offline template provider
// through the real generation API.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { findMailLink } from '../mail.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const owner = { name: 'Katherine Johnson', email: `katherine-first-${stamp}@example.com`, password: 'orbital mechanics by hand', org: 'Trajectory Ltd' };
const member = { name: 'Dorothy Vaughan', email: `dorothy-first-${stamp}@example.com`, password: 'fortran for the whole team' };

let browser;
let page;
let memberPage;
let orgId;
let templateId;

const test = sequentialSteps(() => reportFailure('first-run-failure', { page, memberPage }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

/** Calls the API from Node with a bearer token. */
async function api(path, { method = 'GET', token, body } = {}) {
  const res = await fetch(process.env.E2E_API_URL + path, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, text };
}

async function login(user) {
  const res = await api('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: user.password } });
  assert.equal(res.status, 200, res.text);
  return res.json.access_token;
}

const noSidewaysScroll = async (p, what) => {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
};

test('a new owner lands on three ways to start instead of a bare page', async () => {
  await page.goto('/sign-up');
  await signUp(page, owner, { org: owner.org });
  await page.waitForURL(/\/projects$/);
  const start = page.getByRole('region', { name: 'No projects yet: three ways to start' });
  await start.waitFor();
  assert.deepEqual(await start.getByRole('heading', { level: 3 }).allInnerTexts(), ['Create your first project', 'See an example PRD', 'Start from a template']);
  await capture(page, 'first-run');
  const token = await login(owner);
  orgId = (await api('/api/v1/auth/me', { token })).json.memberships[0].org_id;
  assertNoProblems(page);
});

test('an invited member without projects is pointed at the templates, which they can preview but not change', async () => {
  const ownerToken = await login(owner);
  const invite = await api(`/api/v1/orgs/${orgId}/invitations`, { method: 'POST', token: ownerToken, body: { email: member.email, role: 'member' } });
  assert.equal(invite.status, 201, invite.text);
  const link = await findMailLink(member.email, '/invitations/');
  const registered = await api('/api/v1/auth/register', { method: 'POST', body: { email: member.email, password: member.password, name: member.name } });
  assert.equal(registered.status, 201, registered.text);
  const accepted = await api(`/api/v1${link}/accept`, { method: 'POST', token: registered.json.access_token });
  assert.equal(accepted.status, 200, accepted.text);

  memberPage = await newPage(browser);
  await memberPage.goto('/sign-in');
  await memberPage.getByLabel('E-mail').fill(member.email);
  await memberPage.getByLabel('Password').fill(member.password);
  await memberPage.getByRole('button', { name: 'Sign in' }).click();
  await memberPage.waitForURL(/\/projects$/);
  await memberPage.getByText('No projects yet').waitFor();
  await memberPage.getByText(/admins and owners create them/).waitFor();
  assert.equal(await memberPage.getByRole('button', { name: /Generate an example PRD|Create a project|New project/ }).count(), 0);
  await capture(memberPage, 'first-run-member');

  await memberPage.getByRole('link', { name: 'Browse the PRD templates' }).click();
  await memberPage.getByRole('heading', { level: 1, name: 'Start from a template' }).waitFor();
  await memberPage.getByText(/this organization has none yet: ask an admin or owner/).waitFor();
  await memberPage.getByRole('button', { name: 'Preview Lean' }).waitFor();
  assert.equal(await memberPage.getByRole('button', { name: /Use this template/ }).count(), 0, 'no project to put a document in');

  await memberPage.goto('/org/templates');
  await memberPage.getByRole('heading', { level: 2, name: 'Templates' }).waitFor();
  await memberPage.getByText(/Admins and owners create and change/).waitFor();
  assert.equal(await memberPage.getByRole('link', { name: 'New template', exact: true }).count(), 0);
  assert.equal(await memberPage.getByRole('link', { name: /^Copy / }).count(), 0);
  assertNoProblems(memberPage);
});

test('the gallery previews a template, and using it makes the first project and a document with its sections', async () => {
  await page.getByRole('link', { name: 'Browse templates' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start from a template' }).waitFor();
  await page.getByRole('region', { name: 'Built-in templates' }).getByRole('heading', { name: 'Technical' }).waitFor();
  await capture(page, 'template-gallery');

  await page.getByRole('button', { name: 'Preview Lean' }).click();
  const preview = page.getByRole('dialog', { name: 'Template: Lean' });
  const lean = (await api('/api/v1/templates/lean', { token: await login(owner) })).json;
  const sections = preview.getByRole('list', { name: 'Sections of Lean' });
  assert.deepEqual(await sections.getByRole('heading').allInnerTexts(), lean.sections.map((s) => s.title));
  await sections.getByText(lean.sections[0].guidance).waitFor();
  await capture(page, 'template-preview');

  await preview.getByRole('button', { name: 'Use this template: Lean' }).click();
  const dialog = page.getByRole('dialog', { name: 'New document from Lean' });
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await dialog.getByText('Name the new project.').waitFor();
  await dialog.getByText('Enter a title for the document.').waitFor();
  await dialog.getByRole('textbox', { name: /New project/ }).fill('Mission Planning');
  await dialog.getByRole('textbox', { name: /Document title/ }).fill('Launch window PRD');
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Launch window PRD' }).waitFor();
  const headings = await page.locator('.doc-view').getByRole('heading', { level: 2 }).allInnerTexts();
  assert.deepEqual(headings, lean.sections.map((s) => s.title), 'the document starts with the template’s sections, in order');

  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByRole('link', { name: /Mission Planning/ }).waitFor();
  assert.equal(await page.getByRole('region', { name: /three ways to start/ }).count(), 0, 'no first-run path once there is a project');
  assertNoProblems(page);
});

test('an owner creates a template: problems are sentences, sections are added and reordered', async () => {
  await page.getByRole('link', { name: 'Organization' }).click();
  await page.getByRole('link', { name: 'Templates', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Templates' }).waitFor();
  await page.getByRole('region', { name: 'Your organization’s templates' }).getByText(/None yet/).waitFor();
  await capture(page, 'org-templates');

  await page.getByRole('link', { name: 'New template', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'New template' }).waitFor();
  await page.getByRole('button', { name: 'Create template' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'things to fix before saving' });
  await summary.getByText('Give the template a name.').waitFor();
  await summary.getByText('Section 1 needs a title.').waitFor();
  await capture(page, 'template-form-errors');

  await page.getByRole('textbox', { name: /^Name/ }).fill('lean');
  await page.getByRole('textbox', { name: /^Title/ }).first().fill('Mission');
  await page.getByRole('button', { name: 'Add section' }).click();
  await page.keyboard.type('Mission');
  await page.getByRole('button', { name: 'Create template' }).click();
  await page.getByRole('alert').getByText('A template named “lean” already exists. Choose another name.').waitFor();
  await page.getByRole('alert').getByText('Section 2 has the same title as section 1 (“Mission”). Section titles must differ.').waitFor();

  await page.getByRole('textbox', { name: /^Name/ }).fill('Flight Review');
  await page.getByRole('textbox', { name: /^Description/ }).fill('For changes to flight software.');
  await page.getByRole('textbox', { name: /^Title/ }).nth(1).fill('Risks');
  await page.getByRole('textbox', { name: /^Guidance/ }).nth(1).fill('What could go wrong, and the mitigation for each.');
  await page.getByRole('button', { name: 'Move up: section 2 (Risks)' }).click();
  await page.getByRole('button', { name: 'Add section' }).click();
  await page.keyboard.type('Sign-off');
  await page.getByRole('checkbox', { name: /Required/ }).nth(2).uncheck();
  await page.getByRole('button', { name: 'Create template' }).click();
  await page.getByText('Template “Flight Review” created').waitFor();
  const own = page.getByRole('region', { name: 'Your organization’s templates' });
  await own.getByRole('heading', { name: 'Flight Review' }).waitFor();

  const list = await api(`/api/v1/orgs/${orgId}/templates`, { token: await login(owner) });
  const created = list.json.items.find((t) => t.name === 'Flight Review');
  templateId = created.id;
  assert.deepEqual(
    created.sections.map((s) => [s.title, s.required]),
    [
      ['Risks', true],
      ['Mission', true],
      ['Sign-off', false],
    ],
  );
  assert.equal(created.sections[0].guidance, 'What could go wrong, and the mitigation for each.');
  assertNoProblems(page);
});

test('the owner edits the template, and new documents can use it', async () => {
  await page.getByRole('link', { name: 'Edit Flight Review' }).click();
  await page.getByRole('heading', { level: 2, name: 'Edit “Flight Review”' }).waitFor();
  await capture(page, 'template-edit');
  await page.getByRole('button', { name: 'Move down: section 1 (Risks)' }).click();
  await page.getByRole('button', { name: 'Remove section 3 (Sign-off)' }).click();
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('Template “Flight Review” saved (version 2)').waitFor();
  const saved = await api(`/api/v1/templates/${templateId}`, { token: await login(owner) });
  assert.deepEqual(saved.json.sections.map((s) => s.title), ['Mission', 'Risks']);
  assert.equal(saved.json.version, 2);

  // The member's preview shows the new order.
  await memberPage.reload();
  await memberPage.getByRole('button', { name: 'Preview Flight Review' }).click();
  const preview = memberPage.getByRole('dialog', { name: 'Template: Flight Review' });
  assert.deepEqual(await preview.getByRole('list', { name: 'Sections of Flight Review' }).getByRole('heading').allInnerTexts(), ['Mission', 'Risks']);
  await preview.getByRole('button', { name: 'Close preview' }).click();

  // The project's New document dialog offers it (its template list was refreshed).
  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByRole('link', { name: /Mission Planning/ }).click();
  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  // The org's templates arrive after the dialog opens (Blank document is there first).
  await dialog.getByLabel('Template').locator('option', { hasText: 'Flight Review' }).waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {});
  const options = await dialog.getByLabel('Template').locator('option').allInnerTexts();
  assert.ok(options.some((o) => o.startsWith('Flight Review')), `the New document dialog offers the new template (${options.join(', ')})`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assertNoProblems(page);
  assertNoProblems(memberPage);
});

test('the owner deletes the template', async () => {
  await page.goto('/org/templates');
  await page.getByRole('button', { name: 'Delete Flight Review' }).click();
  await page.getByRole('dialog', { name: 'Delete the template “Flight Review”?' }).getByRole('button', { name: 'Delete template' }).click();
  await page.getByText('Template “Flight Review” deleted').waitFor();
  await page.getByRole('region', { name: 'Your organization’s templates' }).getByText(/None yet/).waitFor();
  assert.equal((await api(`/api/v1/templates/${templateId}`, { token: await login(owner) })).status, 404);
  assertNoProblems(page);
});

test('in a second organization, "Generate an example PRD" writes one with the offline template provider', async () => {
  await page.goto('/projects');
  await page.getByLabel('Organization', { exact: true }).selectOption({ label: '+ New organization…' });
  await page.waitForURL(/\/orgs\/new$/);
  await page.getByLabel('Name').fill('Second Orbit');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/projects$/);
  const start = page.getByRole('region', { name: 'No projects yet: three ways to start' });
  await start.getByRole('button', { name: 'Generate an example PRD' }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  const generationId = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('heading', { level: 1, name: 'PRD generation' }).waitFor();
  await page.getByText('The document is saved').waitFor({ timeout: 30_000 });
  const generation = await api(`/api/v1/generations/${generationId}`, { token: await login(owner) });
  assert.equal(generation.json.provider, 'template');
  assert.equal(generation.json.kind, 'prd');
  assert.equal(generation.json.status, 'succeeded');

  await page.getByRole('link', { name: 'Open the document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Lunch Roulette' }).waitFor();
  assert.ok((await page.locator('.doc-view').getByRole('heading', { level: 2 }).count()) >= 3, 'the example PRD has sections');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Example project' }).waitFor();
  assertNoProblems(page);
});

test('first run and the gallery fit a 375 px wide screen', async () => {
  await memberPage.setViewportSize({ width: 375, height: 740 });
  await memberPage.goto('/templates');
  await memberPage.getByRole('button', { name: 'Preview Lean' }).waitFor();
  await noSidewaysScroll(memberPage, 'the template gallery');
  await capture(memberPage, 'template-gallery-mobile');

  const small = await newPage(browser, { viewport: { width: 375, height: 740 } });
  await small.goto('/sign-up');
  await signUp(small, { name: 'Mary Jackson', email: `mary-first-${stamp}@example.com`, password: 'wind tunnel engineer' }, { org: 'Langley Works' });
  await small.getByRole('region', { name: 'No projects yet: three ways to start' }).waitFor();
  await noSidewaysScroll(small, 'the first-run page');
  await capture(small, 'first-run-mobile');
  await small.getByRole('link', { name: 'Organization' }).click();
  await small.getByRole('link', { name: 'Templates', exact: true }).click();
  await small.getByRole('link', { name: 'New template', exact: true }).click();
  await small.getByRole('button', { name: 'Add section' }).waitFor();
  await noSidewaysScroll(small, 'the template editor');
  await capture(small, 'template-form-mobile');
  assertNoProblems(small);
  assertNoProblems(memberPage);
});
