import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { CommandPalette } from './command-palette';

const results = {
  has_more: false,
  items: [
    {
      kind: 'document',
      id: 'd1',
      title: '<b>Refund</b> policy',
      key: null,
      status: 'draft',
      project: { id: 'p1', name: 'Checkout', key: 'CHK' },
      matched: 'title',
      title_highlight: [
        { text: '<b>', match: false },
        { text: 'Refund', match: true },
        { text: '</b> policy', match: false },
      ],
      snippet: [],
      updated_at: '2026-12-07T10:00:00Z',
    },
    {
      kind: 'story',
      id: 's1',
      title: 'Card refunds',
      key: 'CHK-7',
      status: 'todo',
      project: { id: 'p1', name: 'Checkout', key: 'CHK' },
      matched: 'body',
      title_highlight: [{ text: 'Card refunds', match: false }],
      snippet: [
        { text: 'Given a ', match: false },
        { text: 'refund', match: true },
      ],
      updated_at: '2026-12-07T10:00:00Z',
    },
  ],
};

function Harness() {
  const [open, setOpen] = useState(true);
  return (
    <>
      <CommandPalette
        open={open}
        onClose={() => setOpen(false)}
        orgId="o1"
        pages={[{ label: 'Trash', to: '/org/trash', keywords: ['restore'] }]}
        projects={[{ id: 'p1', name: 'Checkout', key: 'CHK' }]}
      />
      <Routes>
        <Route path="/" element={<p>Home</p>} />
        <Route path="/documents/:id" element={<p>Document page</p>} />
        <Route path="/projects/:id/backlog" element={<p>Backlog page</p>} />
      </Routes>
      <p data-testid="open">{String(open)}</p>
    </>
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('CommandPalette', () => {
  it('searches as you type, marks the matches as text, and opens the active result with Enter', async () => {
    const fake = installFakeFetch({ 'GET /api/v1/orgs/o1/search': () => json(results) });
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox', { name: /search documents and stories/i });
    expect(box).toHaveFocus();
    await user.type(box, 'refund');
    const listbox = screen.getByRole('listbox');
    const doc = await within(listbox).findByRole('option', { name: /policy/ });
    // The title's markup is text, and only the match is marked.
    expect(doc.querySelector('b')).toBeNull();
    expect(doc.querySelector('mark')?.textContent).toBe('Refund');
    expect(doc).toHaveTextContent('<b>Refund</b> policy');
    const story = within(listbox).getByRole('option', { name: /Card refunds/ });
    expect(story).toHaveTextContent('Story CHK-7 · Checkout (CHK)');
    expect(story.querySelector('mark')?.textContent).toBe('refund');
    expect(fake.calls('GET', '/api/v1/orgs/o1/search').at(-1)?.url.searchParams.get('q')).toBe('refund');

    // The first option is active; Down moves to the story; Enter opens it.
    expect(box).toHaveAttribute('aria-activedescendant', doc.id);
    expect(doc).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', story.id);
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Backlog page')).toBeInTheDocument();
    expect(screen.getByTestId('open')).toHaveTextContent('false');
  });

  it('jumps to pages and projects by name without searching for them', async () => {
    installFakeFetch({ 'GET /api/v1/orgs/o1/search': () => json({ items: [], has_more: false }) });
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox');
    await user.type(box, 'restore');
    const listbox = screen.getByRole('listbox');
    expect(within(listbox).getByRole('group', { name: 'Go to' })).toBeInTheDocument();
    expect(within(listbox).getByRole('option', { name: 'Trash' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No documents or stories match “restore”.'));
  });

  it('closes with Escape and says why nothing is searched for punctuation', async () => {
    const fake = installFakeFetch({});
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox');
    await user.type(box, '?!');
    expect(screen.getByRole('status')).toHaveTextContent('Type a letter or digit');
    expect(fake.calls('GET', '/api/v1/orgs/o1/search')).toHaveLength(0);
    fireEvent(screen.getByRole('dialog', { hidden: true }), new Event('cancel'));
    await waitFor(() => expect(screen.getByTestId('open')).toHaveTextContent('false'));
  });

  it('keeps over-long search text whole, says by how much it is over and searches nothing', async () => {
    const fake = installFakeFetch({ 'GET /api/v1/orgs/o1/search': () => json(results) });
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox');
    await user.click(box);
    await user.paste('refund '.repeat(30));
    expect(box).toHaveValue('refund '.repeat(30));
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('The search text is 9 characters too long: at most 200. Shorten it to search.');
    expect(status).toHaveTextContent('209 / 200 — 9 too many');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls('GET', '/api/v1/orgs/o1/search')).toHaveLength(0);
    // Shortened, it is searched as typed.
    await user.clear(box);
    await user.type(box, 'refund');
    await waitFor(() => expect(fake.calls('GET', '/api/v1/orgs/o1/search').at(-1)?.url.searchParams.get('q')).toBe('refund'));
  });
});
