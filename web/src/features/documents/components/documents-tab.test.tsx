import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { renderWithProviders } from '@/test/render';
import { DocumentsTab } from './documents-tab';

const project = { id: 'p1', org_id: 'o1', name: 'Payments', key: 'PAY' };
const doc = (n: number, status = 'draft') => ({
  id: `d${n}`,
  project_id: 'p1',
  org_id: 'o1',
  title: `PRD ${n}`,
  status,
  version: n,
  updated_at: new Date(Date.now() - n * 60_000).toISOString(),
});

function stubServer(role: 'member' | 'viewer') {
  const listCalls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://app.test');
      const ok = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      if (url.pathname === '/config.json') return ok({ apiBaseUrl: '' });
      if (url.pathname === '/api/v1/auth/me')
        return ok({ user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, memberships: [{ org_id: 'o1', org_name: 'Acme', role }] });
      if (url.pathname === '/api/v1/projects/p1/documents') {
        listCalls.push(url);
        const q = url.searchParams.get('q');
        const status = url.searchParams.get('status');
        if (q === 'nothing') return ok({ items: [], next_cursor: null });
        if (status === 'approved') return ok({ items: [doc(7, 'approved')], next_cursor: null });
        if (url.searchParams.get('cursor') === 'c2') return ok({ items: [doc(3)], next_cursor: null });
        return ok({ items: [doc(1), doc(2, 'in_review')], next_cursor: 'c2' });
      }
      return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }),
  );
  return listCalls;
}

describe('DocumentsTab', () => {
  beforeEach(() => tokenStore.set('access-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('lists documents with status and version, and loads more pages', async () => {
    stubServer('member');
    renderWithProviders(<DocumentsTab project={project} />);
    const list = await screen.findByRole('list', { name: 'Documents' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByRole('link', { name: 'PRD 1' })).toHaveAttribute('href', '/documents/d1');
    expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('Status: In review');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'New document' })).toBeInTheDocument();
  });

  it('filters by status and searches full text, with an empty state', async () => {
    const calls = stubServer('member');
    renderWithProviders(<DocumentsTab project={project} />);
    await screen.findByRole('list', { name: 'Documents' });
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'approved');
    expect(await screen.findByRole('link', { name: 'PRD 7' })).toBeInTheDocument();
    expect(calls.at(-1)?.searchParams.get('status')).toBe('approved');

    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search documents' }), 'nothing');
    expect(await screen.findByText('No matching documents')).toBeInTheDocument();
    expect(calls.at(-1)?.searchParams.get('q')).toBe('nothing');
    // The search waits for typing to pause instead of asking per keystroke.
    expect(calls.filter((u) => u.searchParams.get('q')?.startsWith('noth') && u.searchParams.get('q') !== 'nothing')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'PRD 1' })).toBeInTheDocument();
  });

  it('offers no "New document" to viewers', async () => {
    stubServer('viewer');
    renderWithProviders(<DocumentsTab project={project} />);
    await screen.findByRole('list', { name: 'Documents' });
    // Wait until the memberships (and so the role) have arrived.
    const fetchMock = vi.mocked(fetch);
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/api/v1/auth/me'))).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'New document' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PRD 1' })).toBeInTheDocument();
  });
});
