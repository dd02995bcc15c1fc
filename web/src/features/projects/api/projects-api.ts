import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';

export type Project = components['schemas']['Project'];
export type NewProject = BodyOf<'/api/v1/orgs/{org}/projects', 'post'>;
export type ProjectChanges = BodyOf<'/api/v1/projects/{id}', 'patch'>;

export const projectKeys = {
  list: (orgId: string) => ['projects', 'list', orgId] as const,
  one: (id: string) => ['projects', 'one', id] as const,
};

export function useProjects(orgId: string | null) {
  return usePagedQuery<Project>(
    projectKeys.list(orgId ?? ''),
    (cursor, signal) => api.get('/api/v1/orgs/{org}/projects', { path: { org: orgId ?? '' }, query: { cursor, limit: 100 }, signal }),
    { enabled: !!orgId },
  );
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/projects/{id}', { path: { id: id ?? '' }, signal }),
    enabled: !!id,
  });
}

export function useCreateProject(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewProject) => api.post('/api/v1/orgs/{org}/projects', { path: { org: orgId }, body: input }),
    onSuccess: (project) => {
      void qc.invalidateQueries({ queryKey: projectKeys.list(orgId) });
      if (project.id) qc.setQueryData(projectKeys.one(project.id), project);
    },
  });
}

export function useUpdateProject(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProjectChanges) => api.patch('/api/v1/projects/{id}', { path: { id }, body: changes }),
    onSuccess: (project) => {
      qc.setQueryData(projectKeys.one(id), project);
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}

export function useDeleteProject(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/v1/projects/{id}', { path: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: projectKeys.one(id) });
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
