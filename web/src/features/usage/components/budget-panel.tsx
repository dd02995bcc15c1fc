import { Link } from 'react-router-dom';
import { formatNumber, formatUsd } from '@/lib/format';
import type { Usage } from '../api/usage-api';

function Meter({ label, used, limit, format }: { label: string; used: number; limit: number; format: (n: number) => string }) {
  const share = limit > 0 ? used / limit : 0;
  const tone = share >= 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
  return (
    <div className="budget-meter">
      <div className="row">
        <span className="budget-label">{label}</span>
        <span className="spacer" />
        <span>
          {format(used)} of {format(limit)} ({Math.round(share * 100)}%)
        </span>
      </div>
      <meter className={`meter meter-${tone}`} min={0} max={limit} low={limit * 0.8} high={limit * 0.95} optimum={0} value={Math.min(used, limit)} aria-label={`${label}: ${Math.round(share * 100)}% used`} />
      {share >= 1 ? <p className="small field-error">The budget is used up: new generations are refused until next month.</p> : null}
    </div>
  );
}

/** The organization's monthly AI budget and this month's spend. */
export function BudgetPanel({ budget, canEdit }: { budget: Usage['budget']; canEdit: boolean }) {
  const tokensUsed = budget.month_tokens_used ?? 0;
  const costUsed = budget.month_cost_usd ?? 0;
  const hasBudget = budget.monthly_tokens != null || budget.monthly_usd != null;
  return (
    <section className="card stack" aria-labelledby="budget-title">
      <h2 id="budget-title">This month’s budget</h2>
      {budget.monthly_tokens != null ? <Meter label="Tokens" used={tokensUsed} limit={budget.monthly_tokens} format={formatNumber} /> : null}
      {budget.monthly_usd != null ? <Meter label="Cost" used={costUsed} limit={budget.monthly_usd} format={formatUsd} /> : null}
      {!hasBudget ? (
        <p>
          No monthly budget is set. Used so far this month: {formatNumber(tokensUsed)} tokens, {formatUsd(costUsed)}.
        </p>
      ) : null}
      {canEdit ? (
        <p className="small">
          <Link to="/org">Change the budget in the organization’s settings</Link>
        </p>
      ) : null}
    </section>
  );
}
