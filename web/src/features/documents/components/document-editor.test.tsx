import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { LoadedDocument } from '../api/documents-api';
import { applyEdit, formatEdit } from '../lib/markdown-format';
import { DocumentEditor } from './document-editor';
import type { EditorHandleRef } from './editor-handle';

// CodeMirror does not run in jsdom; a textarea with the same props stands in
// for the editor widget, and applies toolbar commands the way the real editor
// does (formatEdit on its selection). The API client and everything above it are real.
vi.mock('./lazy-markdown-editor', () => ({
  LazyMarkdownEditor: function FakeEditor({ value, onChange, label, handle }: { value: string; onChange: (v: string) => void; label: string; handle?: EditorHandleRef }) {
    const area = useRef<HTMLTextAreaElement>(null);
    if (handle) {
      handle.current = {
        focus: () => area.current?.focus(),
        format: (command) => {
          const el = area.current;
          if (!el) return;
          const edit = formatEdit(el.value, el.selectionStart, el.selectionEnd, command);
          onChange(applyEdit(el.value, edit));
        },
      };
    }
    return <textarea ref={area} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
  },
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

/** A server whose current version is 3 (Bob's): If-Match "2" is stale. With `current: 2`, mine is the latest. */
function stubServer({ current = 3 }: { current?: number } = {}) {
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
        if (ifMatch !== `"${current}"`)
          return problem(412, { title: 'Version conflict', code: 'version_conflict', detail: 'you edited version 2 but the document is at version 3 now' });
        const body = JSON.parse(String(init?.body)) as { content?: string; title?: string };
        const version = current + 1;
        return json(200, { ...theirs, ...body, version, last_change: undefined }, { ETag: `"${version}"` });
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
    renderWithProviders(<DocumentEditor initial={mine} onSaved={onSaved} onDone={() => undefined} />);
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
    renderWithProviders(<DocumentEditor initial={mine} onSaved={onSaved} onDone={() => undefined} />);
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
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={() => undefined} />);
    const dialog = await editAndSave();
    // Escape in the conflict dialog is the dialog's, not a request to leave the editor.
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Keep my text' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Leave without saving?' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByLabelText('Document content (Markdown)')).toHaveValue('## Problem\n\nMy text.');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });
});

describe('DocumentEditor leaving', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('Done asks before discarding unsaved changes', async () => {
    stubServer();
    const onDone = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={onDone} />);
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' v2');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    const dialog = screen.getByRole('dialog', { name: 'Leave without saving?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Checkout PRD v2');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', { name: 'Discard changes' }));
    expect(onDone).toHaveBeenCalledTimes(2);
  });

  it('Esc leaves at once when nothing changed, and asks first when something did', async () => {
    stubServer();
    const onDone = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={onDone} />);
    const editor = screen.getByLabelText('Document content (Markdown)');
    await userEvent.click(editor);
    await userEvent.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(1);

    await userEvent.type(editor, ' More.');
    await userEvent.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(1);
    const dialog = screen.getByRole('dialog', { name: 'Leave without saving?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    expect(onDone).toHaveBeenCalledTimes(2);
  });
});

describe('DocumentEditor saving', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('Ctrl+S and ⌘S save and keep the editor open on the new version', async () => {
    const calls = stubServer({ current: 2 });
    const onSaved = vi.fn();
    const onDone = vi.fn();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={onSaved} onDone={onDone} />);
    const editor = screen.getByLabelText('Document content (Markdown)');
    await userEvent.type(editor, ' Saved by key.');
    await userEvent.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls.filter((c) => c.method === 'PATCH')[0]).toMatchObject({ ifMatch: '"2"', body: { content: '## Problem\n\nOld text. Saved by key.' } });
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Document content (Markdown)')).toHaveValue('## Problem\n\nOld text. Saved by key.');
    expect(await screen.findByText('No changes since version 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    // Nothing to save: the key does nothing. Then ⌘S saves on top of version 3.
    await userEvent.keyboard('{Control>}s{/Control}');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    await userEvent.type(editor, ' Again.');
    await userEvent.keyboard('{Meta>}s{/Meta}');
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH')[1].ifMatch).toBe('"3"');
  });
});

describe('DocumentEditor preview and toolbar', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('previews the text as the document view renders it: sections, GFM, and nothing unsafe', async () => {
    stubServer();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={() => undefined} />);
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(within(preview).getByRole('heading', { level: 2, name: 'Problem' })).toBeInTheDocument();
    const editor = screen.getByLabelText('Document content (Markdown)');
    fireEvent.change(editor, {
      target: { value: '## Goals\n\nSome **bold** [x](javascript:alert(1)) <script>alert(1)</script>\n\n| A | B |\n| - | - |\n| 1 | 2 |' },
    });
    await waitFor(() => expect(within(preview).getByRole('heading', { level: 2, name: 'Goals' })).toBeInTheDocument());
    expect(within(preview).getByText('bold').tagName).toBe('STRONG');
    expect(within(preview).getByRole('table')).toBeInTheDocument();
    expect(within(preview).getByText('x').closest('a')?.getAttribute('href') ?? null).toBeNull();
    expect(preview.querySelector('script')).toBeNull();
    expect(within(preview).queryByRole('heading', { name: 'Problem' })).toBeNull();
  });

  it('toolbar buttons format the selection, and the preview follows', async () => {
    stubServer();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={() => undefined} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const editor = screen.getByLabelText<HTMLTextAreaElement>('Document content (Markdown)');
    const start = editor.value.indexOf('Old');
    editor.setSelectionRange(start, start + 3);
    await userEvent.click(within(toolbar).getByRole('button', { name: 'Bold' }));
    expect(editor).toHaveValue('## Problem\n\n**Old** text.');
    const preview = screen.getByRole('region', { name: 'Preview' });
    await waitFor(() => expect(within(preview).getByText('Old').tagName).toBe('STRONG'));

    editor.setSelectionRange(editor.value.length, editor.value.length);
    await userEvent.click(within(toolbar).getByRole('button', { name: 'Table' }));
    await waitFor(() => expect(within(preview).getAllByRole('columnheader')).toHaveLength(3));
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });

  it('the toolbar is one tab stop; arrow keys move between its buttons', async () => {
    stubServer();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={() => undefined} />);
    const buttons = within(screen.getByRole('toolbar', { name: 'Formatting' })).getAllByRole('button');
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    buttons[0].focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(buttons[1]).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(buttons[buttons.length - 1]).toHaveFocus();
  });

  it('on a narrow screen, Write and Preview are tabs and the editor keeps its text while hidden', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    stubServer();
    renderWithProviders(<DocumentEditor initial={mine} onSaved={() => undefined} onDone={() => undefined} />);
    expect(screen.queryByRole('region', { name: 'Preview' })).toBeNull();
    const write = screen.getByRole('tab', { name: 'Write' });
    expect(write).toHaveAttribute('aria-selected', 'true');
    await userEvent.type(screen.getByLabelText('Document content (Markdown)'), '\n\n## Risks');
    await userEvent.click(screen.getByRole('tab', { name: 'Preview' }));
    const panel = screen.getByRole('tabpanel', { name: 'Preview' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'Risks' })).toBeInTheDocument();
    // Hidden, not unmounted: the text (and the real editor's undo history) stays.
    expect(screen.getByLabelText('Document content (Markdown)', { selector: 'textarea' })).not.toBeVisible();
    await userEvent.keyboard('{ArrowLeft}');
    expect(write).toHaveFocus();
    expect(screen.getByLabelText('Document content (Markdown)')).toBeVisible();
    expect(screen.getByLabelText('Document content (Markdown)')).toHaveValue('## Problem\n\nOld text.\n\n## Risks');
  });
});
