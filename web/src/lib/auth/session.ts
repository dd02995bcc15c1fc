// Session operations that change the access token. React code uses them
// through useAuth(); they are plain functions so tests can call them.
import { api, type BodyOf, type ResponseOf } from '../api-client';
import type { components } from '../api/schema';
import { tokenStore } from './token-store';

export type User = components['schemas']['User'];
export type Me = components['schemas']['Me'];
export type Membership = components['schemas']['Membership'];
export type Role = components['schemas']['Role'];
export type SignUpInput = BodyOf<'/api/v1/auth/register', 'post'>;

export interface SignUpResult {
  user: User;
  /** True when the server wants the e-mail verified before signing in. */
  verificationRequired: boolean;
}

/** Tries the refresh cookie; resolves true when a session was restored. */
export async function restoreSession(): Promise<boolean> {
  return (await api.refresh()) !== null;
}

export async function signIn(email: string, password: string): Promise<User> {
  const result = await api.post('/api/v1/auth/login', { body: { email, password }, anonymous: true });
  tokenStore.set(result.access_token);
  return result.user;
}

export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const result = (await api.post('/api/v1/auth/register', { body: input, anonymous: true })) as ResponseOf<
    '/api/v1/auth/register',
    'post'
  > & { access_token?: string };
  if (result.access_token) {
    tokenStore.set(result.access_token);
    return { user: result.user, verificationRequired: false };
  }
  return { user: result.user, verificationRequired: true };
}

export async function signOut(): Promise<void> {
  try {
    // A JSON body, like every cookie-authenticated request must have.
    await api.post('/api/v1/auth/logout', { body: {}, noRetry: true });
  } catch {
    // Signing out locally still matters when the server is unreachable.
  } finally {
    tokenStore.set(null);
  }
}

/** Asks for another verification link; the server answers alike for every address. */
export async function resendVerification(email: string): Promise<void> {
  await api.post('/api/v1/auth/verify-email/resend', { body: { email }, anonymous: true });
}

export const meQueryKey = ['auth', 'me'] as const;

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return api.get('/api/v1/auth/me', { signal });
}

const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `needed` (owner ⊃ admin ⊃ member ⊃ viewer). */
export function roleAtLeast(role: Role | undefined | null, needed: Role): boolean {
  return role ? roleRank[role] >= roleRank[needed] : false;
}
