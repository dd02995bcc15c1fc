import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Template = components['schemas']['Template'];
export type TemplateSection = components['schemas']['TemplateSection'];
export type NewTemplate = BodyOf<'/api/v1/orgs/{org}/templates', 'post'>;
export type TemplateChanges = BodyOf<'/api/v1/templates/{id}', 'patch'>;

export const templateKeys = {
  list: (orgId: string) => ['templates', 'list', orgId] as const,
  one: (id: string) => ['templates', 'one', id] as const,
};

/** The built-ins, then the organization's own (GET /orgs/{org}/templates). */
export function useOrgTemplates(orgId: string | null | undefined) {
  return useQuery({
    queryKey: templateKeys.list(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/templates', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
    select: (page) => page.items,
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: templateKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/templates/{id}', { path: { id: id ?? '' }, signal }),
    enabled: !!id,
  });
}

/**
 * After a change, every list of templates is stale: this feature's and the
 * ones the documents and generations features keep for their template
 * pickers (their query keys contain 'templates' too).
 */
function refreshTemplateLists(qc: QueryClient) {
  void qc.invalidateQueries({ predicate: (q) => q.queryKey.includes('templates') });
}

export function useCreateTemplate(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTemplate) => api.post('/api/v1/orgs/{org}/templates', { path: { org: orgId }, body: input }),
    onSuccess: (t) => {
      qc.setQueryData(templateKeys.one(t.id), t);
      refreshTemplateLists(qc);
    },
  });
}

/**
 * Saves changes to the template at the version that was edited (If-Match):
 * when someone else saved it meanwhile the server answers 412
 * version_conflict and nothing is overwritten.
 */
export function useUpdateTemplate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: TemplateChanges }) =>
      api.patch('/api/v1/templates/{id}', { path: { id }, body: changes, headers: { 'If-Match': `"${version}"` } }),
    onSuccess: (t) => {
      qc.setQueryData(templateKeys.one(t.id), t);
      refreshTemplateLists(qc);
    },
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/templates/{id}', { path: { id } }),
    onSuccess: (_none, id) => {
      qc.removeQueries({ queryKey: templateKeys.one(id) });
      refreshTemplateLists(qc);
    },
  });
}
