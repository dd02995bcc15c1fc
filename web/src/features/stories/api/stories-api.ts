import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ensureOk, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { saveResponseAsFile } from '@/lib/download';
import { usePagedQuery } from '@/lib/use-paged-query';

export type Story = components['schemas']['Story'];
export type StoryStatus = components['schemas']['StoryStatus'];
export type StoryPriority = components['schemas']['StoryPriority'];
export type NewStory = BodyOf<'/api/v1/projects/{id}/stories', 'post'>;
export type StoryChanges = BodyOf<'/api/v1/stories/{id}', 'patch'>;
export type ExportFormat = 'csv' | 'md' | 'json';

export const storyKeys = {
  all: ['stories'] as const,
  list: (projectId: string, documentId: string, q: string) => ['stories', 'list', projectId, documentId, q] as const,
  documents: (projectId: string) => ['stories', 'documents', projectId] as const,
};

/** The backlog, optionally only one document's stories and only those `q` finds (a key such as CHK-12, #12, or words of the title). */
export function useStories(projectId: string, documentId: string, q = '') {
  const search = q.trim();
  return usePagedQuery<Story>(storyKeys.list(projectId, documentId, search), (cursor, signal) =>
    api.get('/api/v1/projects/{id}/stories', {
      path: { id: projectId },
      query: { cursor, limit: 200, document_id: documentId || undefined, q: search || undefined },
      signal,
    }),
  );
}

/** The project's documents, for the "filter by document" select. */
export function useProjectDocuments(projectId: string) {
  return useQuery({
    queryKey: storyKeys.documents(projectId),
    queryFn: ({ signal }) => api.get('/api/v1/projects/{id}/documents', { path: { id: projectId }, query: { limit: 200 }, signal }),
    select: (page) => (page.items ?? []).map((d) => ({ id: d.id ?? '', title: d.title ?? 'Untitled' })),
  });
}

export function useCreateStory(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (story: NewStory) => api.post('/api/v1/projects/{id}/stories', { path: { id: projectId }, body: story }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: storyKeys.all }),
  });
}

export function useUpdateStory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: StoryChanges }) => api.patch('/api/v1/stories/{id}', { path: { id }, body: changes }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: storyKeys.all }),
  });
}

export function useDeleteStory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/stories/{id}', { path: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: storyKeys.all }),
  });
}

const extensions: Record<ExportFormat, string> = { csv: 'csv', md: 'md', json: 'json' };

/** Downloads the backlog export (GET …/stories/export) as a file. */
export async function downloadStories(projectId: string, format: ExportFormat, documentId?: string): Promise<string> {
  const res = await ensureOk(
    await api.fetchRaw(`/api/v1/projects/${encodeURIComponent(projectId)}/stories/export`, {
      query: { format, document_id: documentId || undefined },
      headers: { Accept: '*/*' },
    }),
  );
  return saveResponseAsFile(res, `stories.${extensions[format]}`);
}
