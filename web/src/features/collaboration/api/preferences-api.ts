import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { collabKeys } from './keys';

export type Preferences = components['schemas']['Preferences'];

/** E-mail on or off per kind of notification. */
export function usePreferences() {
  return useQuery({
    queryKey: collabKeys.preferences,
    queryFn: ({ signal }) => api.get('/api/v1/auth/me/preferences', { signal }),
  });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (email: Record<string, boolean>) => api.patch('/api/v1/auth/me/preferences', { body: { email } }),
    // The switch moves at once; a failure puts it back.
    onMutate: async (email) => {
      await qc.cancelQueries({ queryKey: collabKeys.preferences });
      const before = qc.getQueryData<Preferences>(collabKeys.preferences);
      if (before) qc.setQueryData<Preferences>(collabKeys.preferences, { ...before, email: { ...before.email, ...email } });
      return { before };
    },
    onError: (_error, _email, context) => {
      if (context?.before) qc.setQueryData(collabKeys.preferences, context.before);
    },
    onSuccess: (data) => qc.setQueryData(collabKeys.preferences, data),
  });
}

/** One-click unsubscribe from an e-mail's link (no session needed). */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => api.post('/api/v1/notifications/unsubscribe', { query: { token }, anonymous: true, noRetry: false }),
  });
}
