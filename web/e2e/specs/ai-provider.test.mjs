// Bring your own key (issue 14) end to end, on a server whose only writer is
// the offline template: the AI actions say so (the administrator gets the
// way to the settings, an invited member the administrator's name) → the
// administrator connects an OpenAI-compatible server (e2e/fake-openai.mjs on
// loopback, hence AI_ALLOW_PRIVATE_BASE_URLS in servers.mjs) through the
// "AI provider" tab: a wrong key fails "Test connection" as "Wrong API key",
// the right one connects, Save keeps only its last 4 characters, the model
// list comes from the fake → stories are generated through that provider
// with that key → "Use the server's default" goes back to the template.
// Screenshots: ai-provider-offline, ai-provider-settings, ai-provider-member.
//
// Needs a prism with GET/PUT/DELETE /orgs/{org}/ai-settings. It starts its
// own (startServers) with no provider configured but the template.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { FAKE_MODELS, startFakeOpenAi } from '../fake-openai.mjs';
import { signUp } from '../flows.mjs';
import { findMailLink } from '../mail.mjs';
import { startServers } from '../servers.mjs';
import { sequentialSteps } from '../steps.mjs';

const stamp = Date.now().toString(36);
const admin = { name: 'Grace Hopper', email: `grace-byok-${stamp}@example.com`, password: 'compiler a-0 notes', org: 'Hopper Keys' };
const member = { name: 'Katherine Johnson', email: `katherine-byok-${stamp}@example.com`, password: 'orbital mechanics 1962' };
const GOOD_KEY = `sk-fake-${stamp}-good-7q2w`;
const WRONG_KEY = `sk-fake-${stamp}-wrong-0000`;

let fake;
let servers;
let browser;
let page;
let memberPage;
let h;
let documentPath;
const requestedUrls = [];

const test = sequentialSteps(() => h?.reportFailure('ai-provider-failure', { page, member: memberPage }));

before(async () => {
  fake = await startFakeOpenAi({ apiKey: GOOD_KEY });
  // Nothing but the offline template on the server: the organization brings its own provider.
  for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_MODEL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'AI_DEFAULT_PROVIDER']) delete process.env[name];
  delete process.env.E2E_PREVIEW_PORT;
  delete process.env.E2E_API_PORT; // the outer run's prism holds that port
  servers = await startServers();
  process.env.E2E_BASE_URL = servers.baseUrl;
  process.env.E2E_PRISM_LOG = servers.logs.prism;
  h = await import('../browser.mjs');
  browser = await h.launch();
  page = await h.newPage(browser);
  page.on('request', (r) => requestedUrls.push(r.url()));
});

after(async () => {
  await browser?.close();
  await servers?.stop();
  await fake?.close();
});

test('sign up, create a project and draft a PRD with the template, labelled as not AI', async () => {
  await page.goto('/sign-up');
  await signUp(page, admin, { org: admin.org });
  await page.waitForURL(/\/projects$/);
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill('Orbit');
  await dialog.getByLabel('Key').fill('ORB');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Orbit' }).waitFor();

  await page.getByRole('link', { name: 'Generations' }).click();
  await page.getByRole('link', { name: 'New PRD' }).click();
  const note = page.getByTestId('offline-template-note');
  await note.getByText('No AI provider: drafts come from the offline template (not AI)').waitFor();
  await note.getByRole('link', { name: 'Connect an AI provider' }).waitFor();
  await page.getByLabel('Product name').fill('Orbit Planner');
  await page.getByLabel('Description').fill('Plans satellite launches for small teams.');
  await page.getByRole('button', { name: 'Generate PRD with the offline template (not AI)' }).click();
  await page.waitForURL(/\/generations\/[^/]+$/);
  await page.getByText('The document is saved').waitFor();
  await page.getByRole('link', { name: 'Open the document' }).click();
  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Orbit Planner' }).waitFor();
  documentPath = new URL(page.url()).pathname;
  h.assertNoProblems(page);
});

test('the AI actions explain that they need an AI provider, and lead the administrator to it', async () => {
  await page.getByRole('button', { name: 'Generate stories' }).click();
  const stories = page.getByRole('dialog', { name: 'Generate user stories' });
  await stories.getByText('Generating stories needs an AI provider').waitFor();
  assert.equal(await stories.getByLabel('Number of stories').count(), 0, 'no form that would only run the template');
  await h.capture(page, 'ai-provider-offline');
  await stories.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: /^Rewrite with AI: .+$/ }).first().click();
  const rewrite = page.getByRole('dialog', { name: 'Rewrite a section with AI' });
  await rewrite.getByText('Rewriting a section needs an AI provider').waitFor();
  await rewrite.getByRole('link', { name: 'Connect an AI provider' }).click();
  await page.waitForURL(/\/org\/ai$/);
  const effective = page.getByTestId('ai-effective');
  await effective.getByText('Offline template (not AI)').waitFor();
  await effective.getByText('The server’s default', { exact: false }).waitFor();
  h.assertNoProblems(page);
});

test('an invited member is told which administrator to ask, and sees the settings read-only', async () => {
  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('E-mail').fill(member.email);
  await page.getByLabel('Role').selectOption('member');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('cell', { name: member.email, exact: true }).waitFor();

  const link = await findMailLink(member.email, '/invitations/');
  memberPage = await h.newPage(browser);
  await memberPage.goto(link);
  await memberPage.getByRole('link', { name: 'Create an account' }).click();
  await signUp(memberPage, member);
  await memberPage.waitForURL((url) => url.pathname.startsWith('/invitations/'));
  await memberPage.getByRole('button', { name: 'Accept invitation' }).click();
  await memberPage.waitForURL(/\/projects$/);

  await memberPage.goto(documentPath);
  await memberPage.getByRole('button', { name: 'Generate stories' }).click();
  const dialog = memberPage.getByRole('dialog', { name: 'Generate user stories' });
  await dialog.getByText('Generating stories needs an AI provider').waitFor();
  await dialog.getByText(`Ask the organization’s administrator to connect an AI provider: ${admin.name}.`).waitFor();
  assert.equal(await dialog.getByRole('link', { name: 'Connect an AI provider' }).count(), 0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await memberPage.goto('/org/ai');
  await memberPage.getByTestId('ai-effective').getByText('Offline template (not AI)').waitFor();
  await memberPage.getByText(`Only the organization’s owners and administrators can change this: ${admin.name}.`).waitFor();
  assert.equal(await memberPage.getByLabel('API key').count(), 0, 'members get no form');
  await h.capture(memberPage, 'ai-provider-member');
  h.assertNoProblems(memberPage);
  await memberPage.close();
  memberPage = undefined;
});

test('an OpenAI-compatible server is connected through the form: tested, saved, its models listed', async () => {
  await page.getByRole('link', { name: 'AI provider' }).click();
  const form = page.getByRole('form', { name: 'Connect your own provider' });
  await form.getByLabel('Provider').selectOption('compatible');
  await form.getByLabel('Base URL').fill(fake.url);
  await form.getByLabel('API key').fill(WRONG_KEY);
  await form.getByLabel('Model').fill('test');

  // Tried before saving: the wrong key fails in plain words.
  await form.getByRole('button', { name: 'Test connection' }).click();
  const failure = form.getByRole('alert');
  await failure.getByText('Wrong API key').waitFor();
  assert.match(await failure.innerText(), /rejected the API key/);
  assert.ok(fake.calls.some((c) => c.authorization === `Bearer ${WRONG_KEY}`), 'the test reached the fake with the typed key');

  await form.getByLabel('API key').fill(GOOD_KEY);
  await form.getByRole('button', { name: 'Test connection' }).click();
  const success = form.getByRole('status').filter({ hasText: 'Connected' });
  await success.waitFor();
  assert.match(await success.innerText(), /test answered in \d+(\.\d)? m?s/);
  await page.getByTestId('ai-effective').getByText('Offline template (not AI)').waitFor(); // nothing saved yet

  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`Saved key ending in …${GOOD_KEY.slice(-4)}. Leave the field empty to keep it.`).waitFor();
  assert.equal(await page.getByLabel('API key').inputValue(), '');
  const effective = page.getByTestId('ai-effective');
  await effective.getByText('OpenAI-compatible server').waitFor();
  await effective.getByText('This organization’s own settings').waitFor();
  await effective.getByText(new RegExp(`by ${admin.name}`)).waitFor();

  await page.getByText(`${FAKE_MODELS.length} models from the provider`).waitFor();
  const listed = await page.getByTestId('model-list').locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual([...listed].sort(), [...FAKE_MODELS].sort());
  await h.capture(page, 'ai-provider-settings');
  h.assertNoProblems(page);
});

test('a generation uses the organization’s provider and key', async () => {
  const before = fake.requests.length;
  await page.goto(documentPath);
  await page.getByRole('button', { name: 'Generate stories' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate user stories' });
  await dialog.getByLabel('Number of stories').fill('2');
  assert.equal(await dialog.getByTestId('needs-ai').count(), 0, 'no offline notice any more');
  await dialog.getByText('Provider and model').click();
  assert.match(await dialog.getByLabel('Provider').locator('option:checked').innerText(), /OpenAI-compatible server — organization default/);
  assert.equal(await dialog.getByLabel('Model').inputValue(), 'test');
  await dialog.getByRole('button', { name: 'Generate stories' }).click();
  const proposals = dialog.getByRole('list', { name: 'Proposed stories' });
  await proposals.waitFor({ timeout: 30_000 });
  assert.equal(await proposals.getByRole('article').count(), 2);

  const chat = fake.requests.slice(before);
  assert.ok(chat.length > 0, 'the stories were written by the fake provider');
  assert.ok(chat.every((body) => body.model === 'test'), 'with the organization’s model');
  const authorized = fake.calls.filter((c) => c.path.endsWith('/chat/completions')).at(-1);
  assert.equal(authorized.authorization, `Bearer ${GOOD_KEY}`, 'with the organization’s key');
  h.assertNoProblems(page);
});

test('“Use the server’s default” goes back to the offline template; the key was never in a URL or the log', async () => {
  await page.goto('/org/ai');
  await page.getByRole('button', { name: 'Use the server’s default…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Use the server’s default?' });
  await confirm.getByRole('button', { name: 'Forget our provider' }).click();
  const effective = page.getByTestId('ai-effective');
  await effective.getByText('Offline template (not AI)').waitFor();
  await effective.getByText('The server’s default', { exact: false }).waitFor();
  assert.equal(await page.getByText(/Saved key ending in/).count(), 0);

  for (const key of [GOOD_KEY, WRONG_KEY]) {
    assert.ok(!requestedUrls.some((u) => u.includes(key)), 'no request URL carries a key');
    assert.ok(!(await readFile(servers.logs.prism, 'utf8')).includes(key), 'the server log never shows a key');
  }
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.ok(!stored.includes(GOOD_KEY), 'nothing in browser storage');
  h.assertNoProblems(page);
});
