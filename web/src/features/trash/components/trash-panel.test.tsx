import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { TrashedDocument } from '../api/trash-api';
import { TrashPanel } from './trash-panel';

configure({ asyncUtilTimeout: 5000 });

function trashed(overrides: Partial<TrashedDocument>): TrashedDocument {
  return {
    id: 'd1',
    title: 'Refund policy',
    status: 'draft',
    version: 3,
    project: { id: 'p1', name: 'Checkout', key: 'CHK' },
    deleted_by: { id: 'u1', name: 'Ada' },
    deleted_at: '2026-12-01T10:00:00.000Z',
    purge_at: '2026-12-31T10:00:00.000Z',
    share_links: 2,
    can_restore: true,
    ...overrides,
  };
}

describe('Trash', () => {
  beforeEach(() => {
    tokenStore.set('token');
    localStorage.setItem('prism.currentOrg', 'o1');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('lists who deleted what and when it is purged, offers Restore only where allowed, and restores after confirming', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/orgs/o1/trash': () =>
        json({
          items: [trashed({}), trashed({ id: 'd2', title: 'Old plan', can_restore: false, deleted_by: { id: 'u9', name: 'Grace' } })],
          next_cursor: null,
          retention_days: 30,
        }),
      'POST /api/v1/documents/d1/restore': () => json({ document: { id: 'd1', title: 'Refund policy' }, share_links: 2 }),
    });
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/" element={<TrashPanel />} />
        <Route path="/documents/:id" element={<p>Document page</p>} />
      </Routes>,
    );
    expect(await screen.findByText(/stay here for 30 days/)).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    const mine = rows.find((r) => r.textContent?.includes('Refund policy'));
    const theirs = rows.find((r) => r.textContent?.includes('Old plan'));
    expect(mine).toHaveTextContent('by Ada');
    expect(mine).toHaveTextContent('3 versions · 2 share links');
    expect(within(theirs!).queryByRole('button', { name: /restore/i })).toBeNull();
    expect(theirs).toHaveTextContent('Administrators or Grace can restore it');

    await user.click(within(mine!).getByRole('button', { name: 'Restore Refund policy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore “Refund policy”?' });
    expect(dialog).toHaveTextContent('all 3 versions');
    expect(dialog).toHaveTextContent('Its 2 share links work again for anyone who has them.');
    expect(fake.calls('POST', '/api/v1/documents/d1/restore')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Restore document' }));
    expect(await screen.findByText('Document page')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/documents/d1/restore')).toHaveLength(1);
  });

  it('says when the trash is empty', async () => {
    installFakeFetch({ 'GET /api/v1/orgs/o1/trash': () => json({ items: [], next_cursor: null, retention_days: 7 }) });
    renderWithProviders(<TrashPanel />);
    expect(await screen.findByText('The trash is empty')).toBeInTheDocument();
    expect(screen.getByText(/stay here for 7 days/)).toBeInTheDocument();
  });
});
