// A user makes a read-only personal API token in Account → API tokens, copies
// the Claude Code command the app shows for it, and that token then reads the
// API, is refused every change (403 read_only_token) and connects to /mcp at
// the URL the command names. The token dialog is checked at 360 px (no
// horizontal overflow) and by axe.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signUp } from '../flows.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, baseUrl, capture, checkA11y, launch, newPage, reportFailure, screenshot } from '../browser.mjs';

const apiUrl = process.env.E2E_API_URL;
const stamp = Date.now().toString(36);
const user = {
  name: 'Grace Hopper',
  email: `grace-${stamp}@example.com`,
  password: 'compiler nanoseconds cobol',
  org: 'Harvard Mark',
};

let browser;
let page;
let command;
let mcpUrl;
let secret;

const test = sequentialSteps(() => reportFailure('tokens-mcp-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl()).origin });
});

after(async () => {
  await browser?.close();
});

async function api(path, { method = 'GET', token, body } = {}) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

test('a new user creates a read-only token in the UI', async () => {
  await page.goto('/sign-up');
  await signUp(page, user, { org: user.org });
  await page.waitForURL(/\/projects$/);

  await page.goto('/account');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('heading', { name: 'Create a token' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Read and write' }).isChecked(), true, 'read and write is the default');
  await page.getByLabel('Name').fill('coding agent');
  await page.getByRole('radio', { name: 'Read only' }).check();
  await page.getByRole('button', { name: 'Create token' }).click();

  const dialog = page.getByRole('dialog', { name: 'Your new API token' });
  await dialog.waitFor();
  secret = (await dialog.getByTestId('new-token').innerText()).trim();
  assert.match(secret, /^prism_pat_/);
  assertNoProblems(page);
});

test('the dialog shows a Claude Code command with the MCP URL and the token, and copies it', async () => {
  const dialog = page.getByRole('dialog', { name: 'Your new API token' });
  const snippet = dialog.getByTestId('mcp-snippet-claude-code');
  await page.waitForFunction(() => document.querySelector('[data-testid="mcp-snippet-claude-code"]')?.textContent?.includes('/mcp'));
  command = (await snippet.innerText()).trim();
  const match = command.match(/^claude mcp add --transport http prism (\S+) --header "Authorization: Bearer (\S+)"$/);
  assert.ok(match, `unexpected command: ${command}`);
  [, mcpUrl] = match;
  assert.equal(match[2], secret, 'the command carries the new token');
  assert.equal(mcpUrl, new URL('/mcp', baseUrl()).href, 'the MCP URL is the origin PRISM serves the app from + /mcp');

  await dialog.getByRole('button', { name: 'Copy Claude Code command' }).click();
  await dialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);

  await dialog.getByRole('tab', { name: 'JSON' }).click();
  const config = JSON.parse(await dialog.getByTestId('mcp-snippet-json').innerText());
  assert.deepEqual(config, { mcpServers: { prism: { url: mcpUrl, headers: { Authorization: `Bearer ${secret}` } } } });
  await capture(page, 'account-token-mcp');
});

test('at 360 px the dialog does not overflow sideways and axe finds nothing serious', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  const dialog = page.getByRole('dialog', { name: 'Your new API token' });
  await dialog.getByRole('tab', { name: 'Claude Code' }).click();
  const widths = await page.evaluate(() => {
    const d = document.querySelector('dialog[open]');
    const pre = document.querySelector('[data-testid="mcp-snippet-claude-code"]');
    const wide = [...document.querySelectorAll('body, body *')]
      .filter((e) => e.getBoundingClientRect().right > 361)
      .slice(0, 12)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}:${Math.round(e.getBoundingClientRect().right)}/${getComputedStyle(e).overflowX}`);
    return { wide, page: document.documentElement.scrollWidth, dialog: d.scrollWidth, dialogClient: d.clientWidth, pre: pre.scrollWidth, preClient: pre.clientWidth };
  });
  assert.ok(widths.page <= 360, `the page is ${widths.page}px wide: ${widths.wide.join(' ')}`);
  assert.ok(widths.dialog <= widths.dialogClient, `the dialog scrolls sideways: ${JSON.stringify(widths)}`);
  assert.ok(widths.pre <= widths.preClient, `the command box scrolls sideways: ${JSON.stringify(widths)}`);
  await screenshot(page, 'account-token-mcp-360');
  await checkA11y(page, 'account-token-mcp-360');

  await dialog.getByRole('button', { name: 'I have copied it' }).click();
  const row = page.getByRole('row', { name: /coding agent/ });
  await row.getByText('Read only').waitFor();
  await checkA11y(page, 'account-tokens-360');
  await page.setViewportSize({ width: 1280, height: 800 });
  assertNoProblems(page);
});

test('the token reads the API and is refused every change', async () => {
  const me = await api('/api/v1/auth/me', { token: secret });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.email, user.email);
  const orgs = await api('/api/v1/orgs', { token: secret });
  assert.equal(orgs.status, 200);
  const orgId = orgs.json.items[0].org_id ?? orgs.json.items[0].id;

  const refused = await api(`/api/v1/orgs/${orgId}/projects`, { method: 'POST', token: secret, body: { name: 'Not allowed', key: 'NA' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, 'read_only_token');
  const projects = await api(`/api/v1/orgs/${orgId}/projects`, { token: secret });
  assert.equal(projects.status, 200);
  assert.equal(projects.json.items.length, 0, 'nothing was created');
});

test('an MCP client connects with the URL and token of the copied command', async () => {
  const client = new Client({ name: 'prism-e2e-tokens', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(process.env.E2E_MODE === 'prism' ? mcpUrl : `${apiUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${secret}` } },
  });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === 'list_projects'));
    const result = await client.callTool({ name: 'list_projects', arguments: {} });
    assert.notEqual(result.isError, true);
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});
