import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Usage = components['schemas']['Usage'];
export type UsageRow = Usage['by_day'][number];

export interface UsageTotals {
  generations: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

export const usageKeys = {
  report: (orgId: string, from: string, to: string) => ['usage', orgId, from, to] as const,
  members: (orgId: string) => ['usage', 'members', orgId] as const,
};

/** GET /orgs/{org}/usage?from=&to= (UTC days, both included). */
export function useUsage(orgId: string | null, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: usageKeys.report(orgId ?? '', from, to),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/usage', { path: { org: orgId ?? '' }, query: { from, to }, signal }),
    enabled: !!orgId && enabled,
    placeholderData: keepPreviousData,
  });
}

/** Member names for the per-user table (user ids otherwise). */
export function useMemberNames(orgId: string | null) {
  return useQuery({
    queryKey: usageKeys.members(orgId ?? ''),
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/members', { path: { org: orgId ?? '' }, query: { limit: 200 }, signal }),
    enabled: !!orgId,
    select: (page) => {
      const names = new Map<string, string>();
      for (const m of page.items ?? []) if (m.user_id) names.set(m.user_id, m.name || m.email || m.user_id);
      return names;
    },
  });
}

export function totalsOf(usage: Usage): UsageTotals {
  const t = usage.totals as Partial<UsageTotals>;
  return {
    generations: Number(t.generations ?? 0),
    tokens_in: Number(t.tokens_in ?? 0),
    tokens_out: Number(t.tokens_out ?? 0),
    cost_usd: Number(t.cost_usd ?? 0),
  };
}
