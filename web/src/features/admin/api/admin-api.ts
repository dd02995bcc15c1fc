import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';

export type AdminUser = components['schemas']['AdminUser'];
export type AdminOrganization = components['schemas']['AdminOrganization'];
export type AdminStorage = components['schemas']['AdminStorage'];
export type UserChange = BodyOf<'/api/v1/admin/users/{id}', 'patch'>;

const keys = {
  users: (q: string) => ['admin', 'users', q] as const,
  allUsers: ['admin', 'users'] as const,
  orgs: ['admin', 'orgs'] as const,
  storage: ['admin', 'storage'] as const,
};

/** Every account on the server, filtered by `q` (e-mail or name) when set. */
export function useAdminUsers(q: string) {
  return usePagedQuery<AdminUser>(keys.users(q), (cursor, signal) =>
    api.get('/api/v1/admin/users', { query: { cursor, limit: 100, q: q || undefined }, signal }),
  );
}

export function useAdminOrgs() {
  return usePagedQuery<AdminOrganization>(keys.orgs, (cursor, signal) =>
    api.get('/api/v1/admin/orgs', { query: { cursor, limit: 100 }, signal }),
  );
}

/** The database's size against its quota, per table; measured on each request. */
export function useAdminStorage() {
  return useQuery({
    queryKey: keys.storage,
    queryFn: ({ signal }) => api.get('/api/v1/admin/storage', { signal }),
  });
}

/** Grants or revokes the administrator role, disables or enables an account. */
export function useChangeUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) => api.patch('/api/v1/admin/users/{id}', { path: { id }, body: change }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.allUsers }),
  });
}
