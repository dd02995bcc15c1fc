import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '@/lib/api-client';
import { useCurrentOrg } from '@/lib/auth';
import { formatNumber, formatUsd } from '@/lib/format';

/** What is left of the organization's monthly AI budget, counting what running generations hold. */
export interface Allowance {
  /** Why a generation would be refused now; null when it would not. */
  refusal: string | null;
  /** "12,000 tokens and $3.40 left this month", or null without a budget. */
  remaining: string | null;
}

function useMonthBudget(orgId: string | null) {
  return useQuery({
    queryKey: ['usage', 'budget', orgId ?? ''],
    queryFn: ({ signal }) => api.get('/api/v1/orgs/{org}/usage', { path: { org: orgId ?? '' }, signal }),
    enabled: !!orgId,
    staleTime: 30_000,
    select: (usage) => usage.budget,
  });
}

/** Whether the caller may start a generation now (role, then budget), and what budget is left. */
export function useAllowance(): Allowance & { pending: boolean } {
  const { orgId, can } = useCurrentOrg();
  const budget = useMonthBudget(orgId);
  if (!can('member')) {
    return { pending: false, remaining: null, refusal: 'Viewers can read generations but not start them: ask an administrator of the organization to make you a member.' };
  }
  const b = budget.data;
  if (!b) return { pending: budget.isPending && !!orgId, remaining: null, refusal: null };
  const usedTokens = (b.month_tokens_used ?? 0) + (b.month_tokens_reserved ?? 0);
  const usedUsd = (b.month_cost_usd ?? 0) + (b.month_cost_reserved_usd ?? 0);
  const parts: string[] = [];
  let exhausted = false;
  if (b.monthly_tokens != null) {
    const left = Math.max(0, b.monthly_tokens - usedTokens);
    parts.push(`${formatNumber(left)} tokens`);
    exhausted ||= left === 0;
  }
  if (b.monthly_usd != null) {
    const left = Math.max(0, b.monthly_usd - usedUsd);
    parts.push(formatUsd(left));
    exhausted ||= left <= 0;
  }
  return {
    pending: false,
    remaining: parts.length ? `${parts.join(' and ')} left this month` : null,
    refusal: exhausted ? 'The organization’s monthly AI budget is used up: new generations are refused until next month, or until an administrator raises the budget.' : null,
  };
}

/** The allowance above a generation form: the budget left, or why the form cannot be sent. */
export function AllowanceNotice({ allowance }: { allowance: Allowance }) {
  const { can } = useCurrentOrg();
  if (allowance.refusal) {
    return (
      <div className="alert alert-warning" role="alert">
        <p className="alert-title">You cannot start a generation now</p>
        <p>{allowance.refusal}</p>
        {can('admin') && /budget/.test(allowance.refusal) ? <Link to="/org">Change the budget in the organization’s settings</Link> : null}
      </div>
    );
  }
  return allowance.remaining ? <p className="small muted">Budget: {allowance.remaining}.</p> : null;
}
