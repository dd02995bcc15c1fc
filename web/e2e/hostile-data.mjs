// Hostile data for layout tests: very long unbroken names, titles, URLs,
// table cells, story titles, acceptance criteria and version summaries,
// created through the API (the UI would not let a person type some of it),
// and every route of the app with that data's ids filled in.
import assert from 'node:assert/strict';
import { api, apiOk, prismCli, register } from './api.mjs';

const stamp = Date.now().toString(36);
/** An unbroken run of wide letters: the worst case for line breaking. */
export const long = (prefix, n) => `${prefix}${'W'.repeat(Math.max(0, n - prefix.length))}`;
export const longUrl = `https://example.com/${'averyveryverylongpathsegment'.repeat(12)}?query=${'x'.repeat(120)}`;

/** The person who owns the hostile data (a 100-character unbroken name, a long e-mail address). */
export const owner = {
  name: long('Name', 100),
  email: `${'e'.repeat(40)}-${stamp}@${'subdomain'.repeat(6)}.example.com`,
  password: 'analytical engine notes',
  org: long('Org', 100),
};

const markdown = `Preamble with a bare URL ${longUrl} and ${long('unbroken', 300)}.

## ${long('Section', 150)}

A paragraph with \`${long('inlinecode', 200)}\` and a [link whose text is long ${long('link', 120)}](${longUrl}).

| ${long('Header', 80)} | Second | Third | Fourth | Fifth | Sixth |
|---|---|---|---|---|---|
| ${long('Cell', 200)} | ${longUrl} | two | three | four | five |
| short | ${long('Another', 150)} | a | b | c | d |

\`\`\`
${long('code', 400)}
\`\`\`

- ${long('Bullet', 250)}
  - ${long('Nested', 250)}

> ${long('Quote', 250)}

## Problem

Shoppers abandon the checkout.
`;

/**
 * Creates the hostile data as `owner` and returns the ids the routes need.
 * `owner` ends up in two organizations (the first holds the data) and is a
 * server administrator (so the admin pages show too).
 */
export async function seedHostileData() {
  const data = {};
  const token = await register(owner);
  data.token = token;
  const me = await apiOk('/api/v1/auth/me', { token });
  data.orgId = me.memberships[0].org_id;
  const auth = { token };

  const project = await apiOk(`/api/v1/orgs/${data.orgId}/projects`, { method: 'POST', ...auth, body: { name: long('Project', 100), key: 'WIDE', description: long('Description', 3000) } });
  data.projectId = project.id;

  await apiOk(`/api/v1/orgs/${data.orgId}/templates`, {
    method: 'POST',
    ...auth,
    body: { name: long('template', 60).toLowerCase(), description: long('Template', 400), sections: [{ title: long('TemplateSection', 120), guidance: long('Guidance', 400) }] },
  }).catch(() => undefined);

  const doc = await apiOk(`/api/v1/projects/${data.projectId}/documents`, { method: 'POST', ...auth, body: { title: long('Title', 200), content: markdown } });
  data.documentId = doc.id;
  // More versions: an edited long section (its summary names the section) and a rename.
  let current = await api(`/api/v1/documents/${doc.id}`, auth);
  let etag = current.headers.get('etag');
  const edited = await apiOk(`/api/v1/documents/${doc.id}`, { method: 'PATCH', ...auth, headers: { 'If-Match': etag }, body: { content: `${markdown}\n## ${long('Added', 150)}\n\n${long('More', 300)}\n` } });
  current = await api(`/api/v1/documents/${doc.id}`, auth);
  etag = current.headers.get('etag');
  await apiOk(`/api/v1/documents/${doc.id}`, { method: 'PATCH', ...auth, headers: { 'If-Match': etag }, body: { title: long('Renamed', 200) } });
  assert.ok(edited, 'the document was edited');

  // A plain second document too, so the list shows more than one.
  await apiOk(`/api/v1/projects/${data.projectId}/documents`, { method: 'POST', ...auth, body: { title: 'Short title', content: '## Problem\n\nText.\n' } });

  for (const status of ['todo', 'in_progress', 'done']) {
    await apiOk(`/api/v1/projects/${data.projectId}/stories`, {
      method: 'POST',
      ...auth,
      body: {
        title: long(`Story${status}`, 200),
        as_a: long('Role', 300),
        i_want: long('Want', 600),
        so_that: `${longUrl} ${long('Benefit', 300)}`,
        acceptance_criteria: [long('Given', 500), `Then ${longUrl}`],
        points: 3,
        priority: 'high',
        status,
        requirement_ref: 'FR-1',
        document_id: doc.id,
      },
    });
  }

  const prd = await apiOk(`/api/v1/projects/${data.projectId}/generations`, {
    method: 'POST',
    ...auth,
    body: {
      kind: 'prd',
      input: {
        product_name: long('Product', 200),
        description: `${long('Description', 800)} ${longUrl}`,
        target_audience: long('Audience', 400),
        key_features: [long('Feature', 400), longUrl],
        constraints: [long('Constraint', 400)],
      },
    },
  });
  data.generationId = prd.id;
  const stories = await apiOk(`/api/v1/projects/${data.projectId}/generations`, { method: 'POST', ...auth, body: { kind: 'stories', input: { document_id: doc.id } } });
  data.storiesGenerationId = stories.id;

  const share = await apiOk(`/api/v1/documents/${doc.id}/shares`, { method: 'POST', ...auth, body: { expires_in_hours: 24 } });
  data.shareToken = share.token ?? new URL(share.url).pathname.split('/').pop();

  await apiOk(`/api/v1/orgs/${data.orgId}/invitations`, { method: 'POST', ...auth, body: { email: `${'i'.repeat(40)}-${stamp}@${'invited'.repeat(6)}.example.com`, role: 'member' } });
  await apiOk('/api/v1/auth/tokens', { method: 'POST', ...auth, body: { name: long('Token', 100) } });
  // A session with a very long user agent.
  await apiOk('/api/v1/auth/login', { method: 'POST', body: { email: owner.email, password: owner.password }, headers: { 'User-Agent': `Mozilla/5.0 ${long('Agent', 400)}` } });
  await api(`/api/v1/orgs/${data.orgId}/ai-settings`, {
    method: 'PUT',
    ...auth,
    body: { provider: 'openai', model: long('model', 120).toLowerCase(), base_url: `http://127.0.0.1:9/${'v'.repeat(200)}`, api_key: `sk-${'k'.repeat(120)}` },
  });
  // A second organization, so the switcher has two long names.
  await apiOk('/api/v1/orgs', { method: 'POST', ...auth, body: { name: long('Second', 100) } });

  await prismCli('admin', 'grant', owner.email);
  return data;
}

/** Every route of src/app/router.tsx, with the hostile data's ids filled in. */
export function appRoutes(data) {
  const p = `/projects/${data.projectId}`;
  return [
    { path: '/projects', name: 'projects' },
    { path: p, name: 'project-overview' },
    { path: `${p}/documents`, name: 'project-documents' },
    { path: `${p}/backlog`, name: 'project-backlog' },
    { path: `${p}/generations`, name: 'project-generations' },
    { path: `${p}/new`, name: 'new-prd' },
    { path: `${p}/new?from=${data.generationId}`, name: 'new-prd-from' },
    { path: `/documents/${data.documentId}`, name: 'document', tabs: ['Versions', 'Quality', 'Share'] },
    { path: `/generations/${data.generationId}`, name: 'generation-prd' },
    { path: `/generations/${data.storiesGenerationId}`, name: 'generation-stories' },
    { path: '/usage', name: 'usage' },
    { path: '/orgs/new', name: 'org-new' },
    { path: '/org', name: 'org-general' },
    { path: '/org/members', name: 'org-members' },
    { path: '/org/ai', name: 'org-ai' },
    { path: '/org/invitations', name: 'org-invitations' },
    { path: '/org/audit', name: 'org-audit' },
    { path: '/account', name: 'account-profile' },
    { path: '/account/sessions', name: 'account-sessions' },
    { path: '/account/tokens', name: 'account-tokens' },
    { path: '/account/password', name: 'account-password' },
    { path: '/admin', name: 'admin-users' },
    { path: '/admin/orgs', name: 'admin-orgs' },
    { path: '/admin/storage', name: 'admin-storage' },
    { path: `/shared/${data.shareToken}`, name: 'shared' },
    { path: `/no/such/${long('page', 200)}`, name: 'not-found' },
  ];
}

/** Routes of the signed-out layout (visited in a context without a session). */
export const publicRoutes = (data) => [
  { path: '/sign-in', name: 'sign-in' },
  { path: '/sign-up', name: 'sign-up' },
  { path: '/forgot-password', name: 'forgot-password' },
  { path: `/reset-password?token=${'t'.repeat(300)}`, name: 'reset-password' },
  { path: `/verify-email?token=${'t'.repeat(300)}`, name: 'verify-email' },
  { path: `/invitations/${'t'.repeat(300)}`, name: 'invitation' },
  { path: `/shared/${data.shareToken}`, name: 'shared-signed-out' },
];
