import { cleanup, configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, problem } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { ChangePasswordPanel } from './change-password-panel';
import { TokensPanel } from './tokens-panel';

configure({ asyncUtilTimeout: 5000 });

describe('account credentials', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  async function changePassword(keep: boolean) {
    const fake = installFakeFetch({ 'POST /api/v1/auth/password': () => new Response(null, { status: 204 }) });
    renderWithProviders(<ChangePasswordPanel />);
    const checkbox = screen.getByRole('checkbox', { name: /keep my personal api tokens/i });
    expect(checkbox).not.toBeChecked();
    await userEvent.type(screen.getByLabelText('Current password'), 'the old passphrase');
    await userEvent.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await userEvent.type(screen.getByLabelText('Repeat the new password'), 'a brand new passphrase');
    if (keep) await userEvent.click(checkbox);
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await vi.waitFor(() => expect(fake.calls('POST', '/api/v1/auth/password')).toHaveLength(1));
    return fake.calls('POST', '/api/v1/auth/password')[0].body;
  }

  it('revokes personal API tokens with a password change unless the box is ticked', async () => {
    expect(await changePassword(false)).toMatchObject({ keep_api_tokens: false });
  });

  it('keeps them only on the explicit choice', async () => {
    expect(await changePassword(true)).toMatchObject({ keep_api_tokens: true });
  });

  it('says why a token is refused to an account whose address is unconfirmed', async () => {
    installFakeFetch({
      'GET /api/v1/auth/tokens': () => json({ items: [], next_cursor: null }),
      'POST /api/v1/auth/tokens': () =>
        problem(403, {
          title: 'Forbidden',
          code: 'email_not_verified',
          detail: 'confirm your e-mail address before creating personal API tokens',
        }),
    });
    renderWithProviders(<TokensPanel />);
    await userEvent.type(screen.getByLabelText('Name'), 'CI');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Confirm your e-mail address first')).toBeInTheDocument();
    expect(screen.getByText('Confirm your e-mail address before creating personal API tokens.', { exact: false })).toBeInTheDocument();
  });
});
