// PRISM's /mcp as a coding agent meets it: the official MCP TypeScript SDK's
// client over its Streamable HTTP transport, authenticated by a personal API
// token. It initializes, lists and calls every tool, is refused the write
// tools with a read-scoped token, and cannot see another organization's ids;
// subscribed to a PRD, it hears of a new version on the GET stream it opens
// itself after initialize.
// No browser: this spec talks to the API that run.mjs started.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const apiUrl = process.env.E2E_API_URL;
const stamp = Date.now().toString(36);
const prd = '## Goals\n\nShip QR payments.\n\n## Functional Requirements\n\n- **FR-1**: Shop owners take a payment by QR code.\n- **FR-2**: Shop owners refund a payment.\n';

async function api(path, { method = 'GET', body, token, headers = {} } = {}) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function person(prefix) {
  const registered = await api('/api/v1/auth/register', {
    method: 'POST',
    body: { email: `${prefix}-${stamp}@example.com`, password: `correct horse ${prefix} battery`, name: prefix, organization_name: `${prefix} org` },
  });
  const token = registered.access_token;
  const orgs = await api('/api/v1/orgs', { token });
  return { token, orgId: orgs.items[0].org_id ?? orgs.items[0].id };
}

async function connect(token) {
  const client = new Client({ name: 'prism-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${apiUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return { client, transport };
}

const text = (result) => result.content.map((c) => c.text).join('');

let owner;
let project;
let documentId;
let storyId;

test('a team with a PRD and a story makes a read token and a write token', async () => {
  owner = await person('agent-owner');
  project = await api(`/api/v1/orgs/${owner.orgId}/projects`, { method: 'POST', token: owner.token, body: { name: 'QuickPay', key: 'QP' } });
  const doc = await api(`/api/v1/projects/${project.id}/documents`, { method: 'POST', token: owner.token, body: { title: 'QuickPay PRD', content: prd } });
  documentId = doc.id;
  const story = await api(`/api/v1/projects/${project.id}/stories`, {
    method: 'POST',
    token: owner.token,
    body: { title: 'Pay by QR', document_id: documentId, requirement_ref: 'FR-1' },
  });
  storyId = story.id;
  owner.read = (await api('/api/v1/auth/tokens', { method: 'POST', token: owner.token, body: { name: 'reader', scopes: ['read'] } })).token;
  owner.write = (await api('/api/v1/auth/tokens', { method: 'POST', token: owner.token, body: { name: 'agent', scopes: ['read', 'write'] } })).token;
  assert.match(owner.read, /^prism_pat_/);
});

test('the SDK client initializes, lists the tools and reads the PRD, its requirements and the backlog', async () => {
  const { client, transport } = await connect(owner.read);
  try {
    assert.equal(client.getServerVersion()?.name, 'prism');
    assert.ok(transport.sessionId, 'a session id');
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['add_comment', 'get_document', 'get_story', 'list_projects', 'list_requirements', 'list_stories', 'search', 'update_story_status']);
    for (const tool of tools) assert.equal(tool.inputSchema.type, 'object', tool.name);

    const projects = await client.callTool({ name: 'list_projects', arguments: {} });
    assert.equal(projects.structuredContent.projects[0].key, 'QP');
    const doc = await client.callTool({ name: 'get_document', arguments: { document_id: documentId } });
    assert.equal(text(doc), prd);
    const goals = await client.callTool({ name: 'get_document', arguments: { document_id: documentId, section: 'Goals' } });
    assert.equal(goals.structuredContent.markdown, '## Goals\n\nShip QR payments.\n\n');
    const reqs = await client.callTool({ name: 'list_requirements', arguments: { document_id: documentId } });
    assert.deepEqual(reqs.structuredContent.uncovered, ['FR-2']);
    assert.equal(reqs.structuredContent.requirements[0].stories[0].key, 'QP-1');
    const stories = await client.callTool({ name: 'list_stories', arguments: { project_id: project.id, status: 'todo' } });
    assert.equal(stories.structuredContent.stories.length, 1);
    const story = await client.callTool({ name: 'get_story', arguments: { story_id: storyId } });
    assert.equal(story.structuredContent.key, 'QP-1');
    assert.equal(await client.ping().then(() => 'pong'), 'pong');
    const found = await client.callTool({ name: 'search', arguments: { query: 'refund' } });
    assert.equal(found.structuredContent.results[0].id, documentId);
    assert.match(found.structuredContent.results[0].snippet, /\*\*refund\*\*/i);
    const byKey = await client.callTool({ name: 'search', arguments: { query: 'QP-1' } });
    assert.equal(byKey.structuredContent.results[0].key, 'QP-1');

    // The read token is refused the writes, with a tool error.
    const refused = await client.callTool({ name: 'update_story_status', arguments: { story_id: storyId, status: 'done' } });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /write scope/);
    // Unknown tools are protocol errors.
    await assert.rejects(client.callTool({ name: 'drop_tables', arguments: {} }), /Unknown tool/);
  } finally {
    await transport.terminateSession();
    await client.close();
  }
});

test('resources give the PRD and the backlog as Markdown; prompts start an agent from them', async () => {
  const { client } = await connect(owner.read);
  try {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    assert.ok(uris.includes(`prism://documents/${documentId}`), uris.join(' '));
    assert.ok(uris.includes(`prism://projects/${project.id}/backlog`));
    const doc = await client.readResource({ uri: `prism://documents/${documentId}` });
    assert.equal(doc.contents[0].text, prd);
    assert.equal(doc.contents[0].mimeType, 'text/markdown');
    const backlog = await client.readResource({ uri: `prism://projects/${project.id}/backlog` });
    assert.match(backlog.contents[0].text, /QP-1/);
    await assert.rejects(client.readResource({ uri: 'prism://documents/00000000-0000-7000-8000-000000000000' }), /Resource not found/);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.equal(resourceTemplates.length, 2);

    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name).sort(), ['implement_story', 'review_against_prd']);
    const implement = await client.getPrompt({ name: 'implement_story', arguments: { story_id: storyId } });
    const asked = implement.messages[0].content.text;
    assert.match(asked, /Implement user story QP-1: Pay by QR/);
    assert.match(asked, /FR-1\*\*: Shop owners take a payment by QR code/);
    assert.match(asked, /update_story_status/);
    const review = await client.getPrompt({ name: 'review_against_prd', arguments: { document_id: documentId } });
    assert.match(review.messages[0].content.text, /- \[ \] FR-2: Shop owners refund a payment\./);
  } finally {
    await client.close();
  }
});

// Resolves with the first notification `schema` delivers, or rejects.
function nextNotification(client, schema, ms = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no notification within ${ms} ms`)), ms);
    client.setNotificationHandler(schema, (n) => {
      clearTimeout(timer);
      resolve(n);
    });
  });
}

test('subscribed to the PRD, the SDK client hears of a new version saved through the HTTP API', async () => {
  const { client, transport } = await connect(owner.read);
  try {
    assert.equal(client.getServerCapabilities()?.resources?.subscribe, true);
    const uri = `prism://documents/${documentId}`;
    await client.subscribeResource({ uri });
    // The client opened the session's GET stream on its own after initialize.
    const updated = nextNotification(client, ResourceUpdatedNotificationSchema);
    const current = await api(`/api/v1/documents/${documentId}`, { token: owner.token });
    await api(`/api/v1/documents/${documentId}`, {
      method: 'PATCH',
      token: owner.token,
      headers: { 'if-match': `"${current.version}"` },
      body: { content: `${prd}- **FR-3**: Receipts by e-mail.\n` },
    });
    assert.equal((await updated).params.uri, uri);
    const read = await client.readResource({ uri });
    assert.match(read.contents[0].text, /FR-3/);

    const listed = nextNotification(client, ResourceListChangedNotificationSchema);
    await api(`/api/v1/projects/${project.id}/documents`, { method: 'POST', token: owner.token, body: { title: 'Second PRD' } });
    await listed;
    await client.unsubscribeResource({ uri });
  } finally {
    await transport.terminateSession();
    await client.close();
  }
});

test('a write token moves the story to done and comments on the PRD; the HTTP API sees both', async () => {
  const { client, transport } = await connect(owner.write);
  try {
    const moved = await client.callTool({ name: 'update_story_status', arguments: { story_id: storyId, status: 'done' } });
    assert.equal(moved.isError, false, text(moved));
    const comment = await client.callTool({ name: 'add_comment', arguments: { document_id: documentId, section: 'Goals', body: 'FR-1 is built.' } });
    assert.equal(comment.isError, false, text(comment));
  } finally {
    await client.close();
  }
  assert.equal((await api(`/api/v1/stories/${storyId}`, { token: owner.token })).status, 'done');
  const threads = await api(`/api/v1/documents/${documentId}/comments`, { token: owner.token });
  assert.equal(threads.items[0].body, 'FR-1 is built.');
  assert.equal(threads.items[0].section, 'Goals');
});

test("another organization's token finds nothing of this team's", async () => {
  const stranger = await person('agent-stranger');
  const token = (await api('/api/v1/auth/tokens', { method: 'POST', token: stranger.token, body: { name: 'x' } })).token;
  const { client } = await connect(token);
  try {
    const projects = await client.callTool({ name: 'list_projects', arguments: {} });
    assert.equal(projects.structuredContent.projects.length, 0);
    for (const [name, args] of [
      ['get_document', { document_id: documentId }],
      ['list_requirements', { document_id: documentId }],
      ['get_story', { story_id: storyId }],
      ['update_story_status', { story_id: storyId, status: 'todo' }],
    ]) {
      const result = await client.callTool({ name, arguments: args });
      assert.equal(result.isError, true, name);
      assert.match(text(result), /not found/, name);
    }
  } finally {
    await client.close();
  }
});
