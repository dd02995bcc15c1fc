// The MCP Inspector's command-line mode (@modelcontextprotocol/inspector-cli,
// as a developer runs it to try a server) against PRISM's /mcp: Streamable
// HTTP with the personal token as a Bearer header, tools/list, a tools/call
// and a resources/read, each printed as JSON. No browser.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiOk, apiUrl, register } from '../api.mjs';

const run = promisify(execFile);
const e2eDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(e2eDir, '../node_modules/.bin/mcp-inspector-cli');
const stamp = Date.now().toString(36);
const prd = '## Goals\n\nShip QR payments.\n\n## Functional Requirements\n\n- **FR-1**: Shop owners take a payment by QR code.\n';

let token;
let projectId;
let documentId;

// One call of the inspector; its stdout parsed as the JSON it prints.
async function inspect(...args) {
  // The CLI reads its own package.json through "../package.json" checked
  // against the working directory: e2e/ has web/package.json there.
  const { stdout } = await run(bin, ['--cli', `${apiUrl()}/mcp`, '--transport', 'http', '--header', `Authorization: Bearer ${token}`, ...args], {
    cwd: e2eDir,
    timeout: 30000,
  });
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}

test('a developer with a read token points the inspector at /mcp', async () => {
  const owner = await register({ name: 'Ada Inspector', email: `inspector-${stamp}@example.com`, password: 'analytical engine notes', org: 'Inspectors' });
  const orgs = await apiOk('/api/v1/orgs', { token: owner });
  const orgId = orgs.items[0].org_id ?? orgs.items[0].id;
  projectId = (await apiOk(`/api/v1/orgs/${orgId}/projects`, { method: 'POST', token: owner, body: { name: 'QuickPay', key: 'QP' } })).id;
  documentId = (await apiOk(`/api/v1/projects/${projectId}/documents`, { method: 'POST', token: owner, body: { title: 'QuickPay PRD', content: prd } })).id;
  token = (await apiOk('/api/v1/auth/tokens', { method: 'POST', token: owner, body: { name: 'inspector', scopes: ['read'] } })).token;
  assert.match(token, /^prism_pat_/);
});

test('tools/list names the tools with their input schemas', async () => {
  const { tools } = await inspect('--method', 'tools/list');
  const names = tools.map((t) => t.name);
  for (const name of ['list_projects', 'get_document', 'list_requirements', 'update_story_status']) assert.ok(names.includes(name), names.join(' '));
  assert.equal(tools.find((t) => t.name === 'get_document').inputSchema.type, 'object');
});

test('tools/call list_projects answers the project; resources/read the PRD', async () => {
  const called = await inspect('--method', 'tools/call', '--tool-name', 'list_projects');
  assert.equal(called.isError, false);
  assert.equal(called.structuredContent.projects[0].key, 'QP');
  const section = await inspect('--method', 'tools/call', '--tool-name', 'get_document', '--tool-arg', `document_id=${documentId}`, 'section=Goals');
  assert.equal(section.structuredContent.markdown, '## Goals\n\nShip QR payments.\n\n');
  const read = await inspect('--method', 'resources/read', '--uri', `prism://documents/${documentId}`);
  assert.equal(read.contents[0].text, prd);
  assert.equal(read.contents[0].mimeType, 'text/markdown');
});

test('without the token the inspector reports the refusal', async () => {
  await assert.rejects(
    run(bin, ['--cli', `${apiUrl()}/mcp`, '--transport', 'http', '--method', 'tools/list'], { cwd: e2eDir, timeout: 30000 }),
    (e) => e.code !== 0 && /\b401\b/.test(e.stderr + e.stdout),
  );
});
