import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { LoadedDocument } from '../api/documents-api';
import { DocumentEditor } from './document-editor';

// CodeMirror does not run in jsdom; a textarea with the same props stands in
// for the editor widget. The API client and everything above it are real.
vi.mock('./lazy-markdown-editor', () => ({
  LazyMarkdownEditor: ({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) => (
    <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
  ),
}));

const mine: LoadedDocument = {
  etag: '"2"',
  doc: { id: 'd1', org_id: 'o1', project_id: 'p1', title: 'Checkout PRD', content: '## Problem\n\nOld text.', status: 'draft', version: 2 },
};
const theirs = {
  id: 'd1',
  org_id: 'o1',
  project_id: 'p1',
  title: 'Checkout PRD',
  content: '## Problem\n\nTheir text.',
  status: 'draft',
  version: 3,
  last_change: { version: 3, author_name: 'Bob', source: 'human', created_at: new Date().toISOString(), summary: 'Edited Problem' },
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

interface Call {
  method: string;
  url: string;
  ifMatch: string | null;
  body: unknown;
}

/** A server whose current version is 3 (Bob's): If-Match "2" is stale. */
function stubServer() {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/config.json')) return json(200, { apiBaseUrl: '' });
      const method = init?.method ?? 'GET';
      const ifMatch = new Headers(init?.headers).get('If-Match');
      calls.push({ method, url, ifMatch, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url.endsWith('/api/v1/documents/d1') && method === 'GET') return json(200, theirs, { ETag: '"3"' });
      if (url.endsWith('/api/v1/documents/d1') && method === 'PATCH') {
        if (ifMatch !== '"3"')
          return problem(412, { title: 'Version conflict', code: 'version_conflict', detail: 'you edited version 2 but the document is at version 3 now' });
        const body = JSON.parse(String(init?.body)) as { content?: string; title?: string };
        return json(200, { ...theirs, ...body, version: 4, last_change: undefined }, { ETag: '"4"' });
      }
      return problem(404, { title: 'Not found', code: 'not_found' });
    }),
  );
  return calls;
}

async function editAndSave() {
  const editor = screen.getByLabelText('Document content (Markdown)');
  await userEvent.clear(editor);
  await userEvent.type(editor, '## Problem{enter}{enter}My text.');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this document' });
  // The dialog says who saved what, once the newer version is loaded.
  expect(await within(dialog).findByText(/Version 3/)).toBeInTheDocument();
  expect(dialog).toHaveTextContent('by Bob');
  expect(dialog).toHaveTextContent('Edited Problem');
  return dialog;
}

describe('DocumentEditor conflict handling', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('"Keep my text" re-bases on the latest ETag and saves my text as a new version', async () => {
    const calls = stubServer();
    const onSaved = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={onSaved} onCancel={() => undefined} />);
    const dialog = await editAndSave();

    const firstPatch = calls.find((c) => c.method === 'PATCH');
    expect(firstPatch?.ifMatch).toBe('"2"');
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep my text' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));

    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    // The second save goes on top of Bob's version 3 with my text, and only
    // the field I changed (the title stays whatever is current).
    expect(patches[1].ifMatch).toBe('"3"');
    expect(patches[1].body).toEqual({ content: '## Problem\n\nMy text.' });
    const saved = onSaved.mock.calls[0][0] as LoadedDocument;
    expect(saved.etag).toBe('"4"');
    expect(saved.doc.content).toBe('## Problem\n\nMy text.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('"Reload their version" puts their text in the editor without saving mine', async () => {
    const calls = stubServer();
    const onSaved = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={onSaved} onCancel={() => undefined} />);
    const dialog = await editAndSave();
    // My text stays available to copy before it is discarded.
    expect(within(dialog).getByRole('button', { name: 'Copy my text' })).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Reload their version' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    expect(screen.getByLabelText('Document content (Markdown)')).toHaveValue('## Problem\n\nTheir text.');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
    // Nothing to save now, and the next save would use their ETag.
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Document content (Markdown)'), ' More.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls.filter((c) => c.method === 'PATCH')[1].ifMatch).toBe('"3"');
  });

  it('Cancel keeps my text in the editor and saves nothing', async () => {
    const calls = stubServer();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onCancel={() => undefined} />);
    const dialog = await editAndSave();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByLabelText('Document content (Markdown)')).toHaveValue('## Problem\n\nMy text.');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });
});

describe('DocumentEditor cancel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks before discarding unsaved changes', async () => {
    stubServer();
    const onCancel = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onCancel={onCancel} />);
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' v2');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard your changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Checkout PRD v2');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Discard your changes?' })).getByRole('button', { name: 'Discard changes' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });
});
