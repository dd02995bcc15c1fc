import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Member = components['schemas']['Member'];

// Enough pages for any organization PRISM is meant for; a bigger one still
// gets the names found so far.
const kMaxPages = 10;

async function allMembers(orgId: string, signal: AbortSignal): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < kMaxPages; page++) {
    const res = await api.get('/api/v1/orgs/{org}/members', { path: { org: orgId }, query: { cursor, limit: 200 }, signal });
    out.push(...(res.items ?? []));
    cursor = res.next_cursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

/**
 * The organization's members (GET /orgs/{org}/members), for the names of
 * its administrators and of whoever last changed the settings. The orgs
 * feature owns the member management itself.
 */
export function useOrgMembers(orgId: string | null | undefined) {
  return useQuery({
    queryKey: ['ai-settings', orgId ?? '', 'members'],
    queryFn: ({ signal }) => allMembers(orgId ?? '', signal),
    enabled: !!orgId,
    staleTime: 5 * 60_000,
  });
}

/** Owners first, then administrators, by name. */
export function administrators(members: Member[]): Member[] {
  const rank = (m: Member) => (m.role === 'owner' ? 0 : 1);
  return members
    .filter((m) => m.role === 'owner' || m.role === 'admin')
    .sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? ''));
}

export function memberName(m: Member): string {
  return m.name || m.email || 'A member';
}
