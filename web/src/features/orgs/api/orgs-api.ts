import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ensureOk, type BodyOf } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { saveResponseAsFile } from '@/lib/download';
import { usePagedQuery } from '@/lib/use-paged-query';

export type Organization = components['schemas']['Organization'];
export type Member = components['schemas']['Member'];
export type Invitation = components['schemas']['Invitation'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditActionInfo = components['schemas']['AuditActionInfo'];
export type InvitationPreview = components['schemas']['InvitationPreview'];

/** The audit log's filters (?actor=&action=&from=&to=); empty strings filter nothing. */
export interface AuditFilter {
  actor: string;
  action: string;
  from: string;
  to: string;
}
export type Role = components['schemas']['Role'];
export type OrgChanges = BodyOf<'/api/v1/orgs/{org}', 'patch'>;

export const orgKeys = {
  one: (org: string) => ['orgs', org] as const,
  members: (org: string) => ['orgs', org, 'members'] as const,
  invitations: (org: string) => ['orgs', org, 'invitations'] as const,
  audit: (org: string, filter?: AuditFilter) => (filter ? (['orgs', org, 'audit', filter] as const) : (['orgs', org, 'audit'] as const)),
};

export function useOrg(org: string | null) {
  return useQuery({
    queryKey: orgKeys.one(org ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}', { path: { org: org ?? '' }, signal }),
    enabled: !!org,
  });
}

export function useCreateOrg() {
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/orgs', 'post'>) => api.post('/api/v1/orgs', { body }),
  });
}

export function useUpdateOrg(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OrgChanges) => api.patch('/api/v1/orgs/{org}', { path: { org }, body }),
    onSuccess: (data) => qc.setQueryData(orgKeys.one(org), data),
  });
}

export function useDeleteOrg(org: string) {
  return useMutation({ mutationFn: () => api.delete('/api/v1/orgs/{org}', { path: { org } }) });
}

export function useMembers(org: string | null) {
  return usePagedQuery<Member>(
    orgKeys.members(org ?? ''),
    (cursor, signal) => api.get('/api/v1/orgs/{org}/members', { path: { org: org ?? '' }, query: { cursor, limit: 200 }, signal }),
    { enabled: !!org },
  );
}

export function useChangeRole(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch('/api/v1/orgs/{org}/members/{user}', { path: { org, user: userId }, body: { role } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.members(org) }),
  });
}

export function useRemoveMember(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete('/api/v1/orgs/{org}/members/{user}', { path: { org, user: userId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.members(org) }),
  });
}

export function useInvitations(org: string | null, enabled = true) {
  return usePagedQuery<Invitation>(
    orgKeys.invitations(org ?? ''),
    (cursor, signal) => api.get('/api/v1/orgs/{org}/invitations', { path: { org: org ?? '' }, query: { cursor, limit: 200 }, signal }),
    { enabled: !!org && enabled },
  );
}

export function useInvite(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) => api.post('/api/v1/orgs/{org}/invitations', { path: { org }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.invitations(org) }),
  });
}

export function useWithdrawInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/v1/orgs/{org}/invitations/{id}', { path: { org, id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.invitations(org) }),
  });
}

function filterQuery(filter?: AuditFilter) {
  return {
    actor: filter?.actor || undefined,
    action: filter?.action || undefined,
    from: filter?.from || undefined,
    to: filter?.to || undefined,
  };
}

export function useAuditLog(org: string | null, filter?: AuditFilter, enabled = true) {
  return usePagedQuery<AuditEntry>(
    orgKeys.audit(org ?? '', filter),
    (cursor, signal) => api.get('/api/v1/orgs/{org}/audit', { path: { org: org ?? '' }, query: { cursor, limit: 50, ...filterQuery(filter) }, signal }),
    { enabled: !!org && enabled },
  );
}

/** Every action the log can hold, with its label and group (for the filter). */
export function useAuditActions() {
  return useQuery({
    queryKey: ['audit-actions'],
    queryFn: ({ signal }) => api.get('/api/v1/audit/actions', { signal }),
    staleTime: Infinity,
    select: (r) => r.items,
  });
}

/** Downloads the filtered log as CSV; answers the file's name. */
export async function downloadAuditLog(org: string, filter: AuditFilter): Promise<string> {
  const res = await ensureOk(
    await api.fetchRaw(`/api/v1/orgs/${encodeURIComponent(org)}/audit/export`, {
      query: { format: 'csv', ...filterQuery(filter) },
      headers: { Accept: 'text/csv' },
    }),
  );
  return saveResponseAsFile(res, 'audit.csv');
}

/**
 * What an invitation link offers, before anyone signs in. Kept out of the
 * query cache on purpose: the page loads while the session settles, and a
 * session found to be over empties that cache (lib/auth), which would drop
 * this request mid-flight.
 */
export function useInvitationPreview(token: string): { data?: InvitationPreview; error?: unknown; isPending: boolean } {
  const [state, setState] = useState<{ data?: InvitationPreview; error?: unknown; isPending: boolean }>({ isPending: true });
  useEffect(() => {
    const controller = new AbortController();
    setState({ isPending: true });
    api.get('/api/v1/invitations/{token}', { path: { token }, anonymous: true, signal: controller.signal }).then(
      (data) => setState({ data, isPending: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error, isPending: false });
      },
    );
    return () => controller.abort();
  }, [token]);
  return state;
}

export function useResendInvitation(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/api/v1/orgs/{org}/invitations/{id}/resend', { path: { org, id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.invitations(org) }),
  });
}

/** Accepts an invitation; answers the org joined (id under org_id or id). */
export async function acceptInvitation(token: string): Promise<{ orgId: string | null; orgName: string | null }> {
  const res = (await api.post('/api/v1/invitations/{token}/accept', { path: { token } })) as Record<string, unknown> | undefined;
  const orgId = (res?.org_id ?? res?.id ?? null) as string | null;
  const orgName = (res?.org_name ?? res?.name ?? null) as string | null;
  return { orgId, orgName };
}
