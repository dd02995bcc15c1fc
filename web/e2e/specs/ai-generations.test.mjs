// AI flows end to end: generate a PRD with the offline template provider and
// watch it stream → rewrite a section through a local OpenAI-format server
// (e2e/fake-openai.mjs, reached through OPENAI_BASE_URL like a real one) and
// accept it → generate stories and accept them → export the backlog as CSV →
// the usage page → "Edit brief and run again" with a changed brief → a cache
// hit, then Regenerate past the cache → stories that cover every functional
// requirement without one (offline template), then nothing left to cover.
// Screenshots: new-PRD form, live view, backlog, usage, the edit-brief form,
// the regenerated generation, the coverage of the proposed stories.
//
// This spec starts its own prism (startServers) so that it can point
// OPENAI_BASE_URL at the fake server; E2E_AI_REUSE=1 uses E2E_BASE_URL as is
// (a dev prism already configured with the fake server).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { REWRITTEN_MARKER, startFakeOpenAi } from '../fake-openai.mjs';
import { startServers } from '../servers.mjs';

const stamp = Date.now().toString(36);
const user = { name: 'Grace Hopper', email: `grace-ai-${stamp}@example.com`, password: 'compiler a-0 notes', org: 'Hopper Labs' };

let fake;
let servers;
let browser;
let page;
let helpers;
let backlogPath = '/projects';
let prdGenerationPath;
// The request the edited brief sent, which Regenerate must send again.
let editedRequest;

/** The POST that starts a generation (the new-PRD form, Regenerate). */
const isStartGeneration = (request) => request.method() === 'POST' && /\/api\/v1\/projects\/[^/]+\/generations$/.test(new URL(request.url()).pathname);
/** The generation id in a /generations/<id> URL, else undefined. */
const generationIdOf = (url) => /^\/generations\/([^/]+)$/.exec(new URL(url).pathname)?.[1];

const test = sequentialSteps(() => helpers?.reportFailure('ai-failure', { page }));

before(async () => {
  if (!process.env.E2E_AI_REUSE) {
    fake = await startFakeOpenAi();
    Object.assign(process.env, { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'x', OPENAI_MODEL: 'test' });
    delete process.env.E2E_PREVIEW_PORT;
    delete process.env.E2E_API_PORT;
    servers = await startServers();
    process.env.E2E_BASE_URL = servers.baseUrl;
  }
  helpers = await import('../browser.mjs');
  browser = await helpers.launch();
  page = await helpers.newPage(browser);
});

after(async () => {
  await browser?.close();
  await servers?.stop();
  await fake?.close();
});

test('sign up and create a project', async () => {
  await page.goto('/sign-up');
  await signUp(page, user, { org: user.org });
  await page.waitForURL(/\/projects$/);
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('QR Checkout');
  await dialog.getByLabel('Key').fill('QR');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: 'QR Checkout' }).waitFor();
  helpers.assertNoProblems(page);
});

test('a PRD is generated with the template provider and streams into the live view', async () => {
  await page.getByRole('link', { name: 'Generations' }).click();
  await page.getByText('No generations yet').waitFor();
  await page.getByRole('link', { name: 'New PRD' }).click();
  await page.getByRole('heading', { level: 1, name: 'New PRD' }).waitFor();

  // Required fields are checked before anything is sent.
  await page.getByRole('button', { name: 'Generate PRD' }).click();
  await page.getByText('Enter the product name.').waitFor();

  await page.getByLabel('Product name').fill('QuickPay');
  await page.getByLabel('Description').fill('Card-free payments for small shops by QR code.');
  await page.getByLabel('Target audience').fill('small shop owners');
  await page.getByLabel('New Key features').fill('Pay by QR code');
  await page.getByRole('button', { name: 'Add feature' }).click();
  await page.getByLabel('New Key features').fill('Refunds');
  await page.keyboard.press('Enter');
  await page.getByLabel('New Constraints').fill('PCI DSS');
  await page.getByRole('button', { name: 'Add constraint' }).click();
  await page.getByLabel('Template').selectOption({ label: 'Lean' });
  const provider = page.getByLabel('Provider', { exact: true });
  assert.match(await provider.locator('option:checked').innerText(), /Template \(offline, not AI\)/);
  await helpers.capture(page, 'ai-new-prd-form');

  await page.getByRole('button', { name: 'Generate PRD' }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'PRD generation' }).waitFor();
  await page.getByText('The document is saved').waitFor();
  const output = page.getByTestId('generation-output');
  assert.match(await output.innerText(), /Card-free payments for small shops/);
  assert.match(await page.getByTestId('generation-tokens').innerText(), /in · .* out/);
  assert.match(await page.getByTestId('generation-status').innerText(), /Succeeded/);
  // (The template provider finishes in milliseconds, so the page may already
  // have found it finished; the slow OpenAI-format run below is watched live.)
  await helpers.capture(page, 'ai-generation-live');

  // Reloading shows the finished generation from its stored output.
  await page.reload();
  await page.getByText('The document is saved').waitFor();
  assert.equal(await page.locator('[data-streamed]').getAttribute('data-streamed'), 'false');
  assert.match(await page.getByTestId("generation-output").innerText(), /Card-free payments for small shops/);

  // Run again from here later on (the edit-brief and regenerate steps).
  prdGenerationPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Open the document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'QuickPay' }).waitFor();

  // A quality finding can be fixed with AI: the rewrite dialog opens on the
  // finding's section with the finding as its instruction.
  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('button', { name: /^Fix with AI: / }).first().click();
  const fix = page.getByRole('dialog', { name: 'Rewrite a section with AI' });
  assert.match(await fix.getByLabel('Instruction').inputValue(), /^Fix this: /);
  await fix.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('tab', { name: 'Document' }).click();
  helpers.assertNoProblems(page);
});

test('a section is rewritten through the OpenAI-format server and accepted', async () => {
  const rewrite = page.getByRole('button', { name: /^Rewrite with AI: .+$/ }).nth(1);
  const label = await rewrite.getAttribute('aria-label');
  const section = /^Rewrite with AI: (.+)$/.exec(label)[1];
  await rewrite.click();
  const dialog = page.getByRole('dialog', { name: 'Rewrite a section with AI' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Section').inputValue(), section);
  await dialog.getByLabel('Instruction').fill('Quantify the problem');
  await dialog.getByText('Provider and model').click();
  await dialog.getByLabel('Provider').selectOption('openai');
  await dialog.getByRole('button', { name: 'Propose rewrite' }).click();

  const proposal = page.getByRole('dialog', { name: /^Proposed rewrite of/ });
  await proposal.getByRole('list', { name: 'Changes' }).waitFor();
  assert.match(await proposal.getByRole('list', { name: 'Changes' }).innerText(), new RegExp(REWRITTEN_MARKER));
  if (fake) assert.ok(fake.requests.some((r) => JSON.stringify(r.messages).includes('Quantify the problem')), 'the instruction reached the provider');
  await helpers.screenshot(page, 'ai-rewrite-proposal');
  await proposal.getByRole('button', { name: 'Accept rewrite' }).click();
  await proposal.getByText(/Accepted: the document is now at version 2/).waitFor();
  await proposal.getByRole('button', { name: 'Done' }).click();
  await page.locator('main').getByText(REWRITTEN_MARKER).first().waitFor();
  await page.getByText('Version 2').first().waitFor();
  helpers.assertNoProblems(page);
});

test('stories are generated from the document and accepted into the backlog', async () => {
  await page.getByRole('button', { name: 'Generate stories' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate user stories' });
  await dialog.getByLabel('Number of stories').fill('2');
  await dialog.getByText('Provider and model').click();
  await dialog.getByLabel('Provider').selectOption('openai');
  await dialog.getByRole('button', { name: 'Generate stories' }).click();
  const proposals = dialog.getByRole('list', { name: 'Proposed stories' });
  await proposals.waitFor();
  assert.equal(await proposals.getByRole('article').count(), 2);
  assert.match(await proposals.innerText(), /Given a customer at the till/);
  // One by one: the second first, then the other.
  await dialog.getByRole('button', { name: 'Add story 2 to the backlog' }).click();
  await dialog.getByText('Added 1 story to the backlog.').waitFor();
  assert.equal(await proposals.getByText('In the backlog').count(), 1);
  await dialog.getByRole('button', { name: 'Accept the other 1 into the backlog' }).click();
  await dialog.getByText('Added 2 stories to the backlog.').waitFor();
  assert.equal(await proposals.getByText('In the backlog').count(), 2);
  assert.equal(await dialog.getByRole('button', { name: /^Accept/ }).count(), 0);
  await dialog.getByRole('link', { name: 'Open the backlog' }).click();
  await page.waitForURL(/\/backlog$/);
  backlogPath = new URL(page.url()).pathname;
  const todo = page.getByRole('region', { name: /To do/ });
  await todo.getByRole('heading', { name: 'Pay with a QR code' }).waitFor();
  await todo.getByRole('heading', { name: 'Pay with a refund link' }).waitFor();
  // Each story shows its key: the project's key and a number, QR-1 and QR-2.
  const keys = await todo.locator('.story-key').allTextContents();
  assert.deepEqual(keys.map((k) => k.replace(/^Story\s*/, '')).sort(), ['QR-1', 'QR-2']);
  helpers.assertNoProblems(page);
});

test('a story is edited, the backlog regroups, and the CSV export downloads', async () => {
  await page.getByRole('button', { name: 'Edit Pay with a refund link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit story' });
  await dialog.getByLabel('Status').selectOption('in_progress');
  await dialog.getByLabel('New Acceptance criteria').fill('Given a refund, when it is sent, then the customer gets an e-mail');
  await dialog.getByRole('button', { name: 'Add criterion' }).click();
  await dialog.getByRole('button', { name: 'Save story' }).click();
  await page.getByRole('region', { name: /In progress/ }).getByRole('heading', { name: 'Pay with a refund link' }).waitFor();
  await helpers.capture(page, 'ai-backlog');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV (Jira)' }).click()]);
  assert.match(download.suggestedFilename(), /^QR-stories\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv.split('\r\n')[0], /^Summary,Issue Type,Description,Priority,Story Points,Labels,Status,PRISM Key$/);
  assert.match(csv, /Pay with a QR code/);
  assert.match(csv, /,QR-1\r\n/);
  helpers.assertNoProblems(page);
});

test('the backlog finds a story by its key', async () => {
  const card = page.getByRole('article', { name: /Pay with a refund link/ });
  const key = (await card.locator('.story-key').textContent()).replace(/^Story\s*/, '').trim();
  assert.match(key, /^QR-\d+$/);
  await page.getByRole('searchbox', { name: 'Search stories' }).fill(key.toLowerCase());
  await page.getByRole('heading', { name: 'Pay with a QR code' }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'Pay with a refund link' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search stories' }).fill('QR-99');
  await page.getByText('No stories match “QR-99”').waitFor();
  await page.getByRole('searchbox', { name: 'Search stories' }).fill('');
  await page.getByRole('heading', { name: 'Pay with a QR code' }).waitFor();
  helpers.assertNoProblems(page);
});

test('a slow PRD from the OpenAI-format server streams live and is cancelled', async () => {
  await page.getByRole('link', { name: 'Generations' }).click();
  await page.getByRole('link', { name: 'New PRD' }).click();
  await page.getByLabel('Product name').fill('SlowPay [slow]');
  await page.getByLabel('Description').fill('A brief that the fake model answers slowly.');
  await page.getByLabel('Provider', { exact: true }).selectOption('openai');
  await page.getByRole('button', { name: 'Generate PRD' }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  await page.getByTestId('generation-status').getByText('Running').waitFor();
  await page.getByText('This paragraph streams slowly.').first().waitFor();
  assert.equal(await page.locator('[data-streamed]').getAttribute('data-streamed'), 'true');
  const partial = await page.getByTestId('generation-output').innerText();
  await page.getByRole('button', { name: 'Cancel generation' }).click();
  await page.getByRole('alert').getByText('Cancelled', { exact: true }).waitFor();
  await page.getByTestId('generation-status').getByText('Cancelled').waitFor();
  assert.ok((await page.getByTestId('generation-output').innerText()).startsWith(partial.slice(0, 40)), 'the text so far is kept');
  assert.equal(await page.getByRole('button', { name: 'Cancel generation' }).count(), 0);

  // What it wrote is kept as a new draft document, once.
  const generationUrl = page.url();
  await page.getByRole('button', { name: 'Save what was written as a draft' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'SlowPay [slow] (draft)' }).waitFor();
  await page.locator('main').getByText('This paragraph streams slowly.').first().waitFor();
  await page.goto(generationUrl);
  await page.getByText('What it wrote was saved as a draft.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save what was written as a draft' }).count(), 0);
  helpers.assertNoProblems(page);
});

test('the generation history and the usage page show the generations', async () => {
  await page.getByRole('link', { name: 'Generations' }).first().click();
  await page.locator('tbody tr').nth(3).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 4);
  await page.getByRole('row', { name: /Cancelled/ }).waitFor();

  await page.getByRole('link', { name: 'Usage' }).click();
  await page.getByRole('heading', { level: 1, name: 'AI usage' }).waitFor();
  await page.getByRole('heading', { name: 'Per model' }).waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  await page.getByRole('rowheader', { name: 'openai/test' }).waitFor();
  await page.getByRole('rowheader', { name: user.name }).waitFor();
  await helpers.capture(page, 'ai-usage');

  await page.getByLabel('Last 30 days').check();
  await page.getByLabel('Custom').check();
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByText('Choose at most 366 days.').waitFor();
  helpers.assertNoProblems(page);
});

test('Edit brief and run again opens the brief in the form, and the changed brief runs as a new generation', async () => {
  await page.goto(prdGenerationPath);
  await page.getByText('The document is saved').waitFor();
  const sourceId = generationIdOf(page.url());
  await page.getByRole('link', { name: 'Edit brief and run again' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/new') && url.searchParams.get('from') === sourceId);
  await page.getByRole('heading', { level: 1, name: 'New PRD' }).waitFor();

  // The whole brief comes back, with the template and provider it ran with.
  const description = page.getByLabel('Description');
  await description.waitFor();
  assert.equal(await page.getByLabel('Product name').inputValue(), 'QuickPay');
  assert.equal(await description.inputValue(), 'Card-free payments for small shops by QR code.');
  assert.equal(await page.getByLabel('Target audience').inputValue(), 'small shop owners');
  assert.equal(await page.getByLabel('Key features 1', { exact: true }).inputValue(), 'Pay by QR code');
  assert.equal(await page.getByLabel('Key features 2', { exact: true }).inputValue(), 'Refunds');
  assert.equal(await page.getByLabel('Constraints 1', { exact: true }).inputValue(), 'PCI DSS');
  assert.equal(await page.getByLabel('Template').locator('option:checked').innerText(), 'Lean');
  assert.match(await page.getByLabel('Provider', { exact: true }).locator('option:checked').innerText(), /Template \(offline, not AI\)/);
  await helpers.capture(page, 'ai-edit-brief-form');

  await description.fill('Card-free payments for market stalls by QR code.');
  const [request] = await Promise.all([page.waitForRequest(isStartGeneration), page.getByRole('button', { name: /^Generate PRD/ }).click()]);
  editedRequest = request.postDataJSON();
  assert.deepEqual(editedRequest.input, {
    product_name: 'QuickPay',
    description: 'Card-free payments for market stalls by QR code.',
    target_audience: 'small shop owners',
    key_features: ['Pay by QR code', 'Refunds'],
    constraints: ['PCI DSS'],
  });
  assert.equal(editedRequest.kind, 'prd');
  assert.equal(editedRequest.template, 'lean');
  assert.equal(editedRequest.cache, true);

  await page.waitForURL((url) => ![undefined, sourceId].includes(generationIdOf(url)));
  await page.getByText('The document is saved').waitFor();
  const status = page.getByTestId('generation-status');
  await status.getByText('Succeeded').waitFor();
  // A changed brief is a new request: written afresh, not answered from the cache.
  assert.equal(await status.getByText('Cached', { exact: true }).count(), 0);
  const output = await page.getByTestId('generation-output').innerText();
  assert.match(output, /Card-free payments for market stalls/);
  assert.doesNotMatch(output, /Card-free payments for small shops/);
  helpers.assertNoProblems(page);
});

test('Regenerate runs the same request again past the cache', async () => {
  // The same brief once more with the cache on (the form's default) is
  // answered from the cache and marked so: what Regenerate must not do.
  const editedId = generationIdOf(page.url());
  await page.getByRole('link', { name: 'Edit brief and run again' }).click();
  await page.waitForURL((url) => url.searchParams.get('from') === editedId);
  const description = page.getByLabel('Description');
  await description.waitFor();
  assert.equal(await description.inputValue(), editedRequest.input.description);
  const [again] = await Promise.all([page.waitForRequest(isStartGeneration), page.getByRole('button', { name: /^Generate PRD/ }).click()]);
  assert.deepEqual(again.postDataJSON(), editedRequest);
  await page.waitForURL((url) => ![undefined, editedId].includes(generationIdOf(url)));
  const status = page.getByTestId('generation-status');
  await status.getByText('Cached', { exact: true }).waitFor();
  await page.getByText('The document is saved').waitFor();
  const cachedId = generationIdOf(page.url());

  const cachedView = await page.getByTestId('generation-output').elementHandle();
  const [regenerate] = await Promise.all([page.waitForRequest(isStartGeneration), page.getByRole('button', { name: 'Regenerate' }).click()]);
  assert.deepEqual(regenerate.postDataJSON(), { ...editedRequest, cache: false });
  await page.waitForURL((url) => ![undefined, editedId, cachedId].includes(generationIdOf(url)));
  const regeneratedId = generationIdOf(page.url());
  // The cached generation's view is gone before the new one is read.
  await page.waitForFunction((el) => !el.isConnected, cachedView);
  await page.getByText('The document is saved').waitFor();
  await status.getByText('Succeeded').waitFor();
  assert.equal(await status.getByText('Cached', { exact: true }).count(), 0);
  assert.match(await page.getByTestId('generation-output').innerText(), /Card-free payments for market stalls/);
  await helpers.capture(page, 'ai-generation-regenerated');

  // The history keeps the difference: the cache hit is marked, the regenerated one is not.
  await page.getByRole('link', { name: 'Generations' }).first().click();
  const row = (id) => page.getByRole('row').filter({ has: page.locator(`a[href="/generations/${id}"]`) });
  await row(regeneratedId).waitFor();
  assert.match(await row(cachedId).innerText(), /Cached/);
  assert.match(await row(regeneratedId).innerText(), /Succeeded/);
  assert.doesNotMatch(await row(regeneratedId).innerText(), /Cached/);
  helpers.assertNoProblems(page);
});

test('stories cover every functional requirement that has none, and then there is nothing left to cover', async () => {
  // A PRD of three key features: the offline template numbers them FR-1 to FR-3.
  await page.getByRole('link', { name: 'Generations' }).first().click();
  await page.getByRole('link', { name: 'New PRD' }).click();
  await page.getByLabel('Product name').fill('TipJar');
  await page.getByLabel('Description').fill('Tips by QR code for cafés.');
  for (const feature of ['Leave a tip by QR code', 'See the day’s takings', 'Split tips between staff']) {
    await page.getByLabel('New Key features').fill(feature);
    await page.getByRole('button', { name: 'Add feature' }).click();
  }
  await page.getByLabel('Template').selectOption({ label: 'Lean' });
  await page.getByRole('button', { name: /^Generate PRD/ }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  await page.getByText('The document is saved').waitFor();
  await page.getByRole('link', { name: 'Open the document' }).click();
  await page.getByRole('heading', { level: 1, name: 'TipJar' }).waitFor();
  const documentId = /\/documents\/([^/]+)$/.exec(new URL(page.url()).pathname)[1];

  await page.getByRole('button', { name: 'Generate stories' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate user stories' });
  const count = dialog.getByLabel('Number of stories');
  await dialog.getByRole('checkbox', { name: 'Cover every functional requirement that has no story yet' }).check();
  // The count becomes optional: the untouched default is cleared, not sent.
  assert.equal(await count.inputValue(), '');
  await dialog.getByText('Provider and model').click();
  await dialog.getByLabel('Provider').selectOption('template');
  const [request] = await Promise.all([page.waitForRequest(isStartGeneration), dialog.getByRole('button', { name: 'Generate stories' }).click()]);
  assert.deepEqual(request.postDataJSON().input, { document_id: documentId, coverage: true });

  const coverage = dialog.getByRole('region', { name: 'Coverage of the functional requirements' });
  await coverage.waitFor();
  assert.match(await coverage.innerText(), /These stories and the backlog cover 3 of 3 functional requirements \(3 by these stories, 0 by stories already in the backlog\)\./);
  assert.equal(await coverage.getByRole('list').count(), 0, 'no requirement is left uncovered');
  const proposals = dialog.getByRole('list', { name: 'Proposed stories' });
  for (const ref of ['FR-1', 'FR-2', 'FR-3']) await proposals.getByText(ref, { exact: true }).first().waitFor();
  await helpers.screenshot(page, 'ai-stories-coverage');

  await dialog.getByRole('button', { name: /^Accept \d+ stories into the backlog$/ }).click();
  await dialog.getByText(/^Added \d+ stories to the backlog\.$/).waitFor();

  // Asked again, the server finds nothing to cover and the form says so.
  await dialog.getByRole('button', { name: 'Generate more' }).click();
  assert.equal(await dialog.getByRole('checkbox', { name: /^Cover every functional requirement/ }).isChecked(), true);
  await dialog.getByRole('button', { name: 'Generate stories' }).click();
  const nothing = dialog.getByRole('alert').filter({ hasText: 'Nothing to cover' });
  await nothing.waitFor();
  assert.match(await nothing.innerText(), /Every functional requirement of this document already has a story in the backlog\./);
  assert.equal(await dialog.getByRole('list', { name: 'Proposed stories' }).count(), 0);
  helpers.assertNoProblems(page);
});

test('the backlog and the usage page fit a 375 px wide screen', async () => {
  const small = await page.context().newPage();
  await small.setViewportSize({ width: 375, height: 740 });
  for (const [path, name] of [['/usage', 'ai-usage-mobile'], [backlogPath, 'ai-backlog-mobile']]) {
    await small.goto(path);
    await small.locator('h1').first().waitFor();
    await small.locator('main h2').first().waitFor();
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    await helpers.capture(small, name);
  }
  await small.close();
});
