import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ensureOk, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';
import { fallbackFilename, filenameFromDisposition, saveBlob } from '../lib/download';
import type { DocumentStatus } from '../lib/status';

export type Doc = components['schemas']['Document'];
export type DocumentVersion = components['schemas']['DocumentVersion'];
export type DocumentDiff = components['schemas']['Diff'];
export type LintReport = components['schemas']['LintReport'];
export type LintFinding = components['schemas']['LintFinding'];
export type Template = components['schemas']['Template'];
export type NewDocument = BodyOf<'/api/v1/projects/{id}/documents', 'post'>;
export type DocumentChanges = BodyOf<'/api/v1/documents/{id}', 'patch'>;

/** A document with the ETag its PATCH must send back in If-Match. */
export interface LoadedDocument {
  doc: Doc;
  etag: string;
}

export const documentKeys = {
  all: ['documents'] as const,
  list: (projectId: string, filters: { q: string; status: string }) => ['documents', 'list', projectId, filters] as const,
  lists: (projectId: string) => ['documents', 'list', projectId] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  versions: (id: string) => ['documents', 'versions', id] as const,
  version: (id: string, n: number) => ['documents', 'version', id, n] as const,
  diff: (id: string, from: number, to: number) => ['documents', 'diff', id, from, to] as const,
  lint: (id: string, version: number | undefined) => ['documents', 'lint', id, version] as const,
  templates: (orgId: string) => ['documents', 'templates', orgId] as const,
};

function etagOf(response: Response, doc: Doc): string {
  return response.headers.get('ETag') ?? `"${doc.version ?? 0}"`;
}

export function useDocuments(projectId: string, filters: { q: string; status: string }) {
  return usePagedQuery<Doc>(documentKeys.list(projectId, filters), (cursor, signal) =>
    api.get('/api/v1/projects/{id}/documents', {
      path: { id: projectId },
      query: { cursor, limit: 50, q: filters.q.trim() || undefined, status: filters.status || undefined },
      signal,
    }),
  );
}

export function useTemplates(orgId: string | undefined) {
  return useQuery({
    queryKey: documentKeys.templates(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/templates', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
    staleTime: 5 * 60_000,
  });
}

/** POST /projects/{id}/documents, for callers that learn the project only when they create (see useCreateDocument). */
export async function createDocument(projectId: string, input: NewDocument): Promise<LoadedDocument> {
  const { data, response } = await api.call('post', '/api/v1/projects/{id}/documents', { path: { id: projectId }, body: input });
  return { doc: data, etag: etagOf(response, data) };
}

export function useCreateDocument(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewDocument) => {
      const { data, response } = await api.call('post', '/api/v1/projects/{id}/documents', { path: { id: projectId }, body: input });
      return { doc: data, etag: etagOf(response, data) } satisfies LoadedDocument;
    },
    onSuccess: (loaded) => {
      void qc.invalidateQueries({ queryKey: documentKeys.lists(projectId) });
      if (loaded.doc.id) qc.setQueryData(documentKeys.one(loaded.doc.id), loaded);
    },
  });
}

export async function fetchDocument(id: string, signal?: AbortSignal): Promise<LoadedDocument> {
  const { data, response } = await api.call('get', '/api/v1/documents/{id}', { path: { id }, signal });
  return { doc: data, etag: etagOf(response, data) };
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: documentKeys.one(id ?? ''),
    queryFn: ({ signal }) => fetchDocument(id ?? '', signal),
    enabled: !!id,
  });
}

/** PATCH with If-Match; throws ApiError 412 version_conflict when etag is stale. */
export async function patchDocument(id: string, etag: string, changes: DocumentChanges): Promise<LoadedDocument> {
  const { data, response } = await api.call('patch', '/api/v1/documents/{id}', {
    path: { id },
    body: changes,
    headers: { 'If-Match': etag },
  });
  return { doc: data, etag: etagOf(response, data) };
}

/** Puts a freshly loaded or saved document into the cache and refreshes what depends on it. */
export function useStoreDocument() {
  const qc = useQueryClient();
  return (loaded: LoadedDocument) => {
    const id = loaded.doc.id ?? '';
    qc.setQueryData(documentKeys.one(id), loaded);
    void qc.invalidateQueries({ queryKey: documentKeys.versions(id) });
    if (loaded.doc.project_id) void qc.invalidateQueries({ queryKey: documentKeys.lists(loaded.doc.project_id) });
  };
}

export function useChangeStatus(id: string) {
  const store = useStoreDocument();
  return useMutation({
    mutationFn: ({ etag, status }: { etag: string; status: DocumentStatus }) => patchDocument(id, etag, { status }),
    onSuccess: store,
  });
}

export function useDeleteDocument(id: string, projectId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/v1/documents/{id}', { path: { id } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: documentKeys.one(id) });
      if (projectId) void qc.invalidateQueries({ queryKey: documentKeys.lists(projectId) });
      // It is now in the organization's trash and no longer found by search.
      void qc.invalidateQueries({ queryKey: ['trash'] });
      void qc.invalidateQueries({ queryKey: ['search'] });
    },
  });
}

export function useVersions(id: string) {
  return usePagedQuery<DocumentVersion>(documentKeys.versions(id), (cursor, signal) =>
    api.get('/api/v1/documents/{id}/versions', { path: { id }, query: { cursor, limit: 50 }, signal }),
  );
}

export function useVersion(id: string, n: number | null) {
  return useQuery({
    queryKey: documentKeys.version(id, n ?? 0),
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/versions/{n}', { path: { id, n: n ?? 0 }, signal }),
    enabled: n !== null,
    staleTime: Infinity, // versions are immutable
  });
}

export function useDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: documentKeys.diff(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/diff', { path: { id }, query: { from: from ?? undefined, to: to ?? undefined }, signal }),
    enabled: from !== null && to !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useRestoreVersion(id: string) {
  const store = useStoreDocument();
  return useMutation({
    mutationFn: async (n: number) => {
      const { data, response } = await api.call('post', '/api/v1/documents/{id}/versions/{n}/restore', { path: { id, n } });
      return { doc: data, etag: etagOf(response, data) } satisfies LoadedDocument;
    },
    onSuccess: store,
  });
}

export function useLint(id: string, version: number | undefined) {
  return useQuery({
    queryKey: documentKeys.lint(id, version),
    queryFn: ({ signal }) => api.get('/api/v1/documents/{id}/lint', { path: { id }, signal }),
  });
}

export type ExportFormat = 'md' | 'html' | 'json';

/** Downloads an export through the API client (auth, refresh) and saves it. */
export async function downloadExport(id: string, format: ExportFormat, title: string | undefined): Promise<string> {
  const res = await ensureOk(
    await api.fetchRaw(`/api/v1/documents/${encodeURIComponent(id)}/export`, { query: { format }, headers: { Accept: '*/*' } }),
  );
  const blob = await res.blob();
  const filename = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackFilename(title, format);
  saveBlob(blob, filename);
  return filename;
}
