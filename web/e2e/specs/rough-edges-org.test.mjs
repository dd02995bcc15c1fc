// The current organization follows the resource on screen: a deep link to
// another organization's document, project, backlog or generation moves the
// org switcher and the Projects link to that organization; choosing another
// organization in the switcher on such a page leaves it for that
// organization's projects (and does not switch back).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { apiOk, register, signInPage } from '../api.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, capture, launch, newPage, reportFailure } from '../browser.mjs';

const stamp = Date.now().toString(36);
const user = { name: 'Ada Lovelace', email: `ada-orgs-${stamp}@example.com`, password: 'analytical engine notes', org: 'Acme Engines' };
const acme = {};
const globex = {};

let browser;
let page;

const test = sequentialSteps(() => reportFailure('rough-edges-org-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

const switcher = () => page.getByLabel('Organization', { exact: true });

/** Waits until the org switcher shows `org` (it follows the resource once that has loaded). */
async function switcherShows(org) {
  await page.waitForFunction(
    (id) => document.querySelector('.org-switcher select')?.value === id,
    org.id,
    { timeout: 5_000 },
  ).catch(() => undefined);
  assert.equal(await switcher().inputValue(), org.id, `the switcher shows ${org.name}`);
}

test('set up: two organizations, each with a project, a document and a generation', async () => {
  const token = await register(user);
  const me = await apiOk('/api/v1/auth/me', { token });
  Object.assign(acme, { id: me.memberships[0].org_id, name: user.org });
  const created = await apiOk('/api/v1/orgs', { method: 'POST', token, body: { name: 'Globex Dynamics' } });
  Object.assign(globex, { id: created.id, name: 'Globex Dynamics' });
  for (const [org, key] of [
    [acme, 'ACM'],
    [globex, 'GLX'],
  ]) {
    const project = await apiOk(`/api/v1/orgs/${org.id}/projects`, { method: 'POST', token, body: { name: `${org.name} app`, key } });
    org.projectId = project.id;
    org.projectName = project.name;
    const doc = await apiOk(`/api/v1/projects/${project.id}/documents`, { method: 'POST', token, body: { title: `${org.name} PRD`, content: '## Problem\n\nText.\n' } });
    org.documentId = doc.id;
    const generation = await apiOk(`/api/v1/projects/${project.id}/generations`, {
      method: 'POST',
      token,
      body: { kind: 'prd', input: { product_name: `${org.name} tool`, description: 'A tool.', key_features: [], constraints: [] } },
    });
    org.generationId = generation.id;
  }
  await signInPage(page, user);
  await page.goto('/projects');
  await switcher().selectOption(acme.id);
  await page.getByRole('link', { name: acme.projectName }).waitFor();
});

test("a deep link to another organization's document makes it the current one", async () => {
  await page.goto(`/documents/${globex.documentId}`);
  await page.getByRole('heading', { level: 1, name: `${globex.name} PRD` }).waitFor();
  await switcherShows(globex);
  await capture(page, 'rough-edges-org-document');

  // The breadcrumb's Projects link lists that organization's projects.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Projects', exact: true }).click();
  await page.waitForURL(/\/projects$/);
  await page.getByRole('link', { name: globex.projectName }).waitFor();
  assert.equal(await page.getByRole('link', { name: acme.projectName }).count(), 0, "the other organization's project is not listed");
  await page.getByText(`In ${globex.name}`).waitFor();

  // It is remembered: a reload keeps it.
  await page.reload();
  await page.getByRole('link', { name: globex.projectName }).waitFor();
  await switcherShows(globex);
  assertNoProblems(page);
});

test('every kind of resource page follows: project tabs, new PRD, generation', async () => {
  const visits = [
    [`/projects/${acme.projectId}/backlog`, acme, acme.projectName],
    [`/generations/${globex.generationId}`, globex, 'PRD generation'],
    [`/projects/${acme.projectId}/new`, acme, 'New PRD'],
    [`/projects/${globex.projectId}`, globex, globex.projectName],
    [`/projects/${acme.projectId}/generations`, acme, acme.projectName],
    [`/documents/${acme.documentId}`, acme, `${acme.name} PRD`],
  ];
  for (const [path, org, heading] of visits) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await switcherShows(org);
  }
  // The organization pages show the followed organization too.
  await page.getByRole('link', { name: 'Organization', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: acme.name }).waitFor();
  assertNoProblems(page);
});

test("choosing another organization on a resource's page leaves it for that organization's projects", async () => {
  await page.goto(`/documents/${globex.documentId}`);
  await page.getByRole('heading', { level: 1, name: `${globex.name} PRD` }).waitFor();
  await switcherShows(globex);
  await switcher().selectOption(acme.id);
  await page.waitForURL(/\/projects$/);
  await page.getByRole('link', { name: acme.projectName }).waitFor();
  await switcherShows(acme);
  assertNoProblems(page);
});
