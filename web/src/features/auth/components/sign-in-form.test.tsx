import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { renderWithProviders } from '@/test/render';
import { SignInForm } from './sign-in-form';

type Handler = (url: string, init?: RequestInit) => Response;

function stubServer(login: Handler) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/config.json')) return new Response('{"apiBaseUrl":""}', { headers: { 'Content-Type': 'application/json' } });
    if (url.endsWith('/api/v1/auth/login')) return login(url, init);
    if (url.endsWith('/api/v1/auth/me'))
      return new Response(JSON.stringify({ user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, memberships: [] }), {
        headers: { 'Content-Type': 'application/json' },
      });
    return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('SignInForm', () => {
  beforeEach(() => tokenStore.set(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('asks for both fields before calling the server', async () => {
    const fetchMock = stubServer(() => new Response('{}'));
    renderWithProviders(<SignInForm onSignedIn={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your e-mail address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('Enter your e-mail address.');
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/auth/login'))).toBe(false);
  });

  it('shows per-field errors from a 422 problem', async () => {
    stubServer(() =>
      problem(422, {
        title: 'Validation failed',
        code: 'validation_failed',
        errors: [{ field: 'email', message: 'is not a valid e-mail address' }],
      }),
    );
    renderWithProviders(<SignInForm onSignedIn={() => undefined} />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'not-an-address');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('E-mail is not a valid e-mail address.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Check the fields below');
  });

  it('says the credentials are wrong on 401, without signing in', async () => {
    stubServer(() => problem(401, { title: 'Unauthorized', code: 'invalid_credentials', detail: 'E-mail or password is wrong.' }));
    const onSignedIn = vi.fn();
    renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong password!!');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wrong e-mail or password');
    expect(alert).toHaveTextContent('E-mail or password is wrong.');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(tokenStore.get()).toBeNull();
  });

  it('stores the access token and reports success', async () => {
    const fetchMock = stubServer(() =>
      new Response(JSON.stringify({ user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, access_token: 'jwt-1', token_type: 'bearer', expires_in: 900 }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const onSignedIn = vi.fn();
    renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('E-mail'), '  ada@example.com ');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(tokenStore.get()).toBe('jwt-1');
    const login = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/auth/login'));
    expect(JSON.parse(String(login?.[1]?.body))).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
    // Signed in: the provider loads /auth/me with the new token.
    await waitFor(() => {
      const me = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/auth/me'));
      expect(new Headers(me?.[1]?.headers).get('Authorization')).toBe('Bearer jwt-1');
    });
    await act(() => new Promise((r) => setTimeout(r, 0)));
  });
});
