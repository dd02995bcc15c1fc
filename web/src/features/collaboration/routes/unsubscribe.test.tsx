import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeFetch, json, problem } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { UnsubscribeRoute } from './unsubscribe';

configure({ asyncUtilTimeout: 4000 });

const token = `${btoa('01a2-user.mention').replace(/=+$/, '')}.c2lnbmF0dXJl`;

describe('UnsubscribeRoute (signed out)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says which e-mails stop, and stops them without a session', async () => {
    const fake = installFakeFetch({ 'POST /api/v1/notifications/unsubscribe': () => json({ kind: 'mention', email: false }) });
    renderWithProviders(<UnsubscribeRoute />, { route: `/unsubscribe?token=${encodeURIComponent(token)}` });
    expect(screen.getByText('e-mails when someone mentions you in a comment')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop these e-mails' }));
    expect(await screen.findByText('Done.')).toBeInTheDocument();
    const [call] = fake.calls('POST', '/api/v1/notifications/unsubscribe');
    expect(call.url.searchParams.get('token')).toBe(token);
    expect(call.headers.get('Authorization')).toBeNull();
  });

  it('shows the server’s 410 as a sentence', async () => {
    installFakeFetch({
      'POST /api/v1/notifications/unsubscribe': () =>
        problem(410, { title: 'Gone', code: 'gone', detail: 'this unsubscribe link is invalid; change your e-mail settings in PRISM instead' }),
    });
    renderWithProviders(<UnsubscribeRoute />, { route: `/unsubscribe?token=${encodeURIComponent(token)}` });
    await userEvent.click(screen.getByRole('button', { name: 'Stop these e-mails' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/^This unsubscribe link is invalid; change your e-mail settings in PRISM instead\.$/),
    );
  });

  it('explains a link without a readable token', () => {
    installFakeFetch({});
    renderWithProviders(<UnsubscribeRoute />, { route: '/unsubscribe?token=garbage' });
    expect(screen.getByRole('alert')).toHaveTextContent('This unsubscribe link is incomplete.');
    expect(screen.queryByRole('button', { name: 'Stop these e-mails' })).not.toBeInTheDocument();
  });
});
