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
});
