import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { NotificationSettings } from './notification-settings';

configure({ asyncUtilTimeout: 4000 });

describe('NotificationSettings', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('shows e-mail per kind and saves a change at once', async () => {
    let email: Record<string, boolean> = { mention: true, review_request: true, review: false, reply: true, invitation_accepted: true };
    const fake = installFakeFetch({
      'GET /api/v1/auth/me/preferences': () => json({ email }),
      'PATCH /api/v1/auth/me/preferences': (req) => {
        email = { ...email, ...(req.body as { email: Record<string, boolean> }).email };
        return json({ email });
      },
    });
    renderWithProviders(<NotificationSettings />);
    const review = await screen.findByLabelText('someone approves or requests changes on a document of mine, or one I asked them to review');
    expect(review).not.toBeChecked();
    const mention = screen.getByLabelText('someone mentions me in a comment');
    expect(mention).toBeChecked();
    await userEvent.click(mention);
    await waitFor(() => expect(fake.calls('PATCH', '/api/v1/auth/me/preferences')[0]?.body).toEqual({ email: { mention: false } }));
    await waitFor(() => expect(screen.getByLabelText('someone mentions me in a comment')).not.toBeChecked());
  });
});
