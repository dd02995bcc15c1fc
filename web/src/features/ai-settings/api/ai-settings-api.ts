import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type AiSettings = components['schemas']['AiSettings'];
export type AiSettingsInput = components['schemas']['AiSettingsInput'];
export type AiConnectionTest = components['schemas']['AiConnectionTest'];
export type AiProviderError = components['schemas']['AiProviderError'];
export type AiProviderErrorCode = AiProviderError['code'];
export type EffectiveAi = AiSettings['effective'];

export const aiSettingsKeys = {
  one: (org: string) => ['ai-settings', org] as const,
  models: (org: string) => ['ai-settings', org, 'models'] as const,
};

/**
 * GET /orgs/{org}/ai-settings: what the organization's generations use and,
 * for administrators, its own provider. Read once per organization and kept
 * for a few minutes: the AI actions of every page ask it.
 */
export function useAiSettings(orgId: string | null | undefined) {
  return useQuery({
    queryKey: aiSettingsKeys.one(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/ai-settings', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
    staleTime: 5 * 60_000,
  });
}

// Mutations that carry an API key are dropped from TanStack's mutation cache
// as soon as nothing shows them (gcTime 0), so the key does not linger in
// memory any longer than the form that holds it.
const forgetKeys = { gcTime: 0 };

export function useSaveAiSettings(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    ...forgetKeys,
    mutationFn: (body: AiSettingsInput) => api.put('/api/v1/orgs/{org}/ai-settings', { path: { org: orgId }, body }),
    onSuccess: (saved) => {
      qc.setQueryData(aiSettingsKeys.one(orgId), saved);
      void qc.invalidateQueries({ queryKey: aiSettingsKeys.models(orgId) });
    },
  });
}

/** DELETE: the organization goes back to the server's provider. */
export function useRemoveAiSettings(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/v1/orgs/{org}/ai-settings', { path: { org: orgId } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: aiSettingsKeys.models(orgId) });
      return qc.invalidateQueries({ queryKey: aiSettingsKeys.one(orgId) });
    },
  });
}

/** POST …/test with the form's values: tried without being saved. */
export function useTestAiConnection(orgId: string) {
  return useMutation({
    ...forgetKeys,
    mutationFn: (body: AiSettingsInput) => api.post('/api/v1/orgs/{org}/ai-settings/test', { path: { org: orgId }, body, noRetry: true }),
  });
}

/** The models the saved provider lists; `error` says why the list is empty when it could not be had. */
export function useAiModels(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: aiSettingsKeys.models(orgId),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/ai-settings/models', { path: { org: orgId }, signal }),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
