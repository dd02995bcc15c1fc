import { cleanup, configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, testMe } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { AdminRoute } from './admin';

configure({ asyncUtilTimeout: 5000 });

const adminMe = { ...testMe, user: { ...testMe.user, is_admin: true } };

// As the app's router mounts it: at admin/*.
const renderAdmin = () =>
  renderWithProviders(
    <Routes>
      <Route path="admin/*" element={<AdminRoute />} />
    </Routes>,
    { route: '/admin' },
  );

const user = (id: string, email: string, extra: object = {}) => ({
  id,
  email,
  name: email.split('@')[0],
  is_admin: false,
  disabled: false,
  disabled_at: null,
  email_verified: true,
  created_at: '2026-01-02T03:04:05.000Z',
  organizations: 1,
  ...extra,
});

describe('server administration page', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('tells anyone but a server administrator that it is not for them, and asks the server nothing', async () => {
    const fake = installFakeFetch({});
    renderAdmin();
    await vi.waitFor(() => expect(fake.calls('GET', '/api/v1/auth/me')).toHaveLength(1));
    expect(await screen.findByText('Server administrators only')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(fake.calls('GET', '/api/v1/admin/users')).toHaveLength(0);
  });

  it('lists accounts, leaves your own row alone and disables another after confirming', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/auth/me': () => json(adminMe),
      'GET /api/v1/admin/users': () =>
        json({ items: [user('u1', 'ada@example.com', { is_admin: true }), user('u2', 'bob@example.com', { organizations: 3 })], next_cursor: null }),
      'PATCH /api/v1/admin/users/u2': () => json(user('u2', 'bob@example.com', { disabled: true, disabled_at: '2026-02-01T00:00:00.000Z' })),
    });
    renderAdmin();
    const bob = (await screen.findByText('bob@example.com')).closest('tr')!;
    expect(within(bob).getByText('3')).toBeInTheDocument();
    const ada = screen.getByText('ada@example.com').closest('tr')!;
    expect(within(ada).getByText('Administrator')).toBeInTheDocument();
    expect(within(ada).queryByRole('button')).toBeNull();

    await userEvent.click(within(bob).getByRole('button', { name: 'Disable' }));
    expect(fake.calls('PATCH', '/api/v1/admin/users/u2')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Disable account' }));
    await vi.waitFor(() => expect(fake.calls('PATCH', '/api/v1/admin/users/u2')).toHaveLength(1));
    expect(fake.calls('PATCH', '/api/v1/admin/users/u2')[0].body).toEqual({ disabled: true });
  });

  it('searches by e-mail or name on the server', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/auth/me': () => json(adminMe),
      'GET /api/v1/admin/users': (req) => json({ items: req.url.searchParams.get('q') === 'bob' ? [user('u2', 'bob@example.com')] : [], next_cursor: null }),
    });
    renderAdmin();
    await userEvent.type(await screen.findByRole('searchbox', { name: 'Search users' }), 'bob');
    expect(await screen.findByText('bob@example.com')).toBeInTheDocument();
    expect(fake.calls('GET', '/api/v1/admin/users').some((r) => r.url.searchParams.get('q') === 'bob')).toBe(true);
  });

  it('shows the database against its quota, the warning and the largest tables first', async () => {
    const table = (name: string, rows: number, bytes: number) => ({ name, rows, bytes, rows_last_7_days: rows, rows_last_30_days: rows });
    const fake = installFakeFetch({
      'GET /api/v1/auth/me': () => json(adminMe),
      'GET /api/v1/admin/storage': () =>
        json({
          backend: 'postgresql',
          database_bytes: 2_550_000_000,
          quota_bytes: 3_000_000_000,
          used_percent: 85,
          warning: 'the database uses 85.0% of DATABASE_QUOTA_BYTES',
          tables: [table('users', 12, 65_536), table('document_versions', 90_000, 2_000_000_000)],
          search_index_bytes: 0,
          growth: { last_7_days: { rows: 700, bytes: 9_000_000 }, last_30_days: { rows: 3000, bytes: 40_000_000 } },
          bytes_per_document: 25_000,
          bytes_per_generation: 4_000,
          measured_at: '2026-12-07T10:00:00.000Z',
        }),
    });
    renderWithProviders(
      <Routes>
        <Route path="admin/*" element={<AdminRoute />} />
      </Routes>,
      { route: '/admin/storage' },
    );
    expect(await screen.findByText('2.55 GB of 3.00 GB (85.0%)')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('85.0% of DATABASE_QUOTA_BYTES');
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('document_versions')).toBeInTheDocument();
    expect(within(rows[1]).getByText('users')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Measure again' }));
    await vi.waitFor(() => expect(fake.calls('GET', '/api/v1/admin/storage')).toHaveLength(2));
  });
});
