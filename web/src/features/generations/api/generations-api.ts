import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { usePagedQuery } from '@/lib/use-paged-query';

export type Generation = components['schemas']['Generation'];
export type GenerationSummary = components['schemas']['GenerationSummary'];
export type GenerationKind = Generation['kind'];
export type GenerationStatus = Generation['status'];
export type GenerationRequest = components['schemas']['GenerationRequest'];
export type AiProviders = components['schemas']['AiProviders'];
export type AiProvider = AiProviders['items'][number];
export type Template = components['schemas']['Template'];

/** The input of a PRD generation (GenerationRequest.input for kind "prd"). */
export interface PrdInput {
  product_name: string;
  description: string;
  target_audience?: string;
  key_features?: string[];
  constraints?: string[];
  document_id?: string;
}

/** A proposed story in a stories generation's result. */
export interface ProposedStory {
  title: string;
  as_a: string;
  i_want: string;
  so_that: string;
  acceptance_criteria: string[];
  points: number | null;
  priority: string;
  requirement_ref: string | null;
}

/** A section rewrite generation's result. */
export interface SectionProposal {
  section: string;
  original: string;
  proposed: string;
  base_version: number;
  /** What was left out of the model's answer (e.g. other sections it wrote), when something was. */
  note?: string;
}

/** A functional requirement of the document that no story covers. */
export interface UncoveredRequirement {
  id: string;
  text: string;
  section: string;
}

/** How a stories generation and the backlog cover the document's functional requirements (FR-n). */
export interface StoryCoverage {
  functional_requirements: number;
  covered_by_backlog: number;
  covered_by_proposals: number;
  uncovered: UncoveredRequirement[];
}

export const generationKeys = {
  all: ['generations'] as const,
  one: (id: string) => ['generations', 'one', id] as const,
  history: (projectId: string) => ['generations', 'history', projectId] as const,
  providers: ['generations', 'providers'] as const,
  templates: (orgId: string) => ['generations', 'templates', orgId] as const,
};

export const terminalStatuses: readonly GenerationStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminal = (status: string) => (terminalStatuses as readonly string[]).includes(status);

export function useProviders() {
  return useQuery({
    queryKey: generationKeys.providers,
    queryFn: ({ signal }) => api.get('/api/v1/ai/providers', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useTemplates(orgId: string | null | undefined) {
  return useQuery({
    queryKey: generationKeys.templates(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/templates', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
    staleTime: 60_000,
  });
}

/** The project's name for breadcrumbs (the projects feature owns the rest). */
export function useProjectName(projectId: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'one', projectId ?? ''],
    queryFn: ({ signal }) => api.get('/api/v1/projects/{id}', { path: { id: projectId ?? '' }, signal }),
    enabled: !!projectId,
    select: (p) => p.name ?? 'Project',
    staleTime: 60_000,
  });
}

/** The organization of a project (the same cached read as useProjectName). */
export function useProjectOrgId(projectId: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'one', projectId ?? ''],
    queryFn: ({ signal }) => api.get('/api/v1/projects/{id}', { path: { id: projectId ?? '' }, signal }),
    enabled: !!projectId,
    select: (p) => p.org_id ?? null,
    staleTime: 60_000,
  });
}

export function useGeneration(id: string | undefined) {
  return useQuery({
    queryKey: generationKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/generations/{id}', { path: { id: id ?? '' }, signal }),
    enabled: !!id,
  });
}

export function fetchGeneration(id: string, signal?: AbortSignal) {
  return api.get('/api/v1/generations/{id}', { path: { id }, signal });
}

export function useGenerationHistory(projectId: string) {
  return usePagedQuery<GenerationSummary>(generationKeys.history(projectId), (cursor, signal) =>
    api.get('/api/v1/projects/{id}/generations', { path: { id: projectId }, query: { cursor, limit: 50 }, signal }),
  );
}

/** What POST /projects/{id}/generations takes, with a loosely typed input. */
export type StartRequest = Omit<GenerationRequest, 'input' | 'cache'> & { input: object; cache?: boolean };

/** POST /projects/{id}/generations → {id, status, cached}, for callers that learn the project only when they start. */
export function startGeneration(projectId: string, request: StartRequest) {
  return api.post('/api/v1/projects/{id}/generations', {
    path: { id: projectId },
    body: { ...request, cache: request.cache ?? true, input: request.input as GenerationRequest['input'] },
  });
}

/** POST /projects/{id}/generations → {id, status, cached}. */
export function useStartGeneration(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: StartRequest) => startGeneration(projectId, request),
    onSuccess: () => void qc.invalidateQueries({ queryKey: generationKeys.history(projectId) }),
  });
}

export function useCancelGeneration(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/v1/generations/{id}/cancel', { path: { id } }),
    onSuccess: (generation) => {
      qc.setQueryData(generationKeys.one(id), generation);
      void qc.invalidateQueries({ queryKey: generationKeys.history(generation.project_id) });
    },
  });
}

/** POST /generations/{id}/apply: a section rewrite becomes a new version, stories join the backlog. */
/** What to apply: everything the generation proposed, or some story proposals by index, or a PRD draft's title. */
export type ApplyTarget = string | { id: string; stories?: number[]; title?: string };

const applyId = (target: ApplyTarget) => (typeof target === 'string' ? target : target.id);

export function useApplyGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (target: ApplyTarget) => {
      if (typeof target === 'string') return api.post('/api/v1/generations/{id}/apply', { path: { id: target } });
      const { id, ...body } = target;
      return api.post('/api/v1/generations/{id}/apply', { path: { id }, body });
    },
    onSuccess: (_result, target) => {
      const id = applyId(target);
      void qc.invalidateQueries({ queryKey: generationKeys.one(id) });
      void qc.invalidateQueries({ queryKey: ['generations', 'history'] });
    },
  });
}

export function sectionProposal(generation: Generation | undefined): SectionProposal | null {
  const r = generation?.result as unknown as Partial<SectionProposal> | null | undefined;
  if (!r || typeof r.proposed !== 'string') return null;
  const note = typeof r.note === 'string' && r.note.trim() ? r.note : undefined;
  return { section: String(r.section ?? ''), original: String(r.original ?? ''), proposed: r.proposed, base_version: Number(r.base_version ?? 0), note };
}

export function storyProposals(generation: Generation | undefined): ProposedStory[] {
  const r = generation?.result as unknown as { stories?: unknown } | null | undefined;
  return Array.isArray(r?.stories) ? (r.stories as ProposedStory[]) : [];
}

/** What a stories answer said beside its stories (e.g. why it made fewer than asked). */
export function storiesNote(generation: Generation | undefined): string | null {
  const r = generation?.result as unknown as { note?: unknown } | null | undefined;
  return typeof r?.note === 'string' && r.note ? r.note : null;
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** The coverage of a stories result; null for results written before coverage was measured. */
export function storyCoverage(generation: Generation | undefined): StoryCoverage | null {
  const r = generation?.result as unknown as { coverage?: Partial<Record<keyof StoryCoverage, unknown>> } | null | undefined;
  const c = r?.coverage;
  if (!c || typeof c !== 'object') return null;
  const uncovered = Array.isArray(c.uncovered)
    ? c.uncovered
        .filter((u): u is Record<string, unknown> => !!u && typeof u === 'object')
        .map((u) => ({ id: String(u.id ?? ''), text: String(u.text ?? ''), section: String(u.section ?? '') }))
        .filter((u) => u.id)
    : [];
  return {
    functional_requirements: count(c.functional_requirements),
    covered_by_backlog: count(c.covered_by_backlog),
    covered_by_proposals: count(c.covered_by_proposals),
    uncovered,
  };
}

export const kindLabels: Record<GenerationKind, string> = {
  prd: 'PRD',
  section: 'Section rewrite',
  stories: 'Stories',
};

export const statusLabels: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  repairing: 'Repairing the answer',
  covering: 'Asking for the missing requirements',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
