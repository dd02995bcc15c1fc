import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { isApiError } from '@/lib/problem';
import { usePagedQuery } from '@/lib/use-paged-query';
import { suggestProjectKey } from '../components/project-key';

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

/**
 * Creates a project under `name` with a key made from it; when another
 * project holds that key (409), tries KEY2, KEY3, … A key is 2–10 of A–Z/0–9.
 */
export async function createProjectWithFreeKey(orgId: string, name: string, description?: string): Promise<Project> {
  const base = (suggestProjectKey(name) || 'PRJ').slice(0, 8);
  for (let attempt = 1; ; attempt++) {
    const key = attempt === 1 ? base : `${base}${attempt}`;
    try {
      return await api.post('/api/v1/orgs/{org}/projects', { path: { org: orgId }, body: { name, key, ...(description ? { description } : {}) } });
    } catch (err) {
      if (!(isApiError(err) && err.status === 409) || attempt >= 20) throw err;
    }
  }
}

/** A project from a name alone (the key is chosen), e.g. for a first-run example. */
export function useQuickCreateProject(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, description }: { name: string; description?: string }) => createProjectWithFreeKey(orgId, name, description),
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
