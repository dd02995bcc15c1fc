import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Session = components['schemas']['Session'];
export type ApiToken = components['schemas']['ApiToken'];
export type NewToken = BodyOf<'/api/v1/auth/tokens', 'post'>;
export type TokenScope = NonNullable<ApiToken['scopes']>[number];

/** What a token may do: everything its user may, or only read. */
export type TokenAccess = 'read-write' | 'read-only';

export const scopesFor = (access: TokenAccess): TokenScope[] => (access === 'read-only' ? ['read'] : ['read', 'write']);

/** A token listed without scopes predates them and may do everything. */
export const isReadOnly = (token: Pick<ApiToken, 'scopes'>) => !!token.scopes && !token.scopes.includes('write');

const keys = {
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
};

/** Changes the caller's own name; answers {user, memberships} like GET /auth/me. */
export function useUpdateName() {
  return useMutation({
    mutationFn: (name: string) => api.patch('/api/v1/auth/me', { body: { name } }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: async ({ signal }) => (await api.get('/api/v1/auth/sessions', { signal })).items ?? [],
  });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/auth/sessions/{id}', { path: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens,
    queryFn: async ({ signal }) => (await api.get('/api/v1/auth/tokens', { signal })).items ?? [],
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewToken) => api.post('/api/v1/auth/tokens', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}

/**
 * The absolute URL of PRISM's MCP endpoint: the API's origin + /mcp. The API
 * base comes from /config.json and is empty when PRISM serves the app itself,
 * so a relative URL is resolved against this page's origin.
 */
export function useMcpUrl() {
  return useQuery({
    queryKey: ['config', 'mcp-url'],
    queryFn: async () => new URL(await api.url('/mcp'), window.location.origin).toString(),
    staleTime: Infinity,
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/auth/tokens/{id}', { path: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/auth/password', 'post'>) => api.post('/api/v1/auth/password', { body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.sessions });
      void qc.invalidateQueries({ queryKey: keys.tokens });
    },
  });
}
