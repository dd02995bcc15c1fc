import { api } from '@/lib/api-client';

export function requestPasswordReset(email: string) {
  return api.post('/api/v1/auth/password/forgot', { body: { email }, anonymous: true });
}

export function resetPassword(token: string, newPassword: string) {
  return api.post('/api/v1/auth/password/reset', { body: { token, new_password: newPassword }, anonymous: true });
}

export function verifyEmail(token: string) {
  return api.post('/api/v1/auth/verify-email', { body: { token }, anonymous: true });
}
