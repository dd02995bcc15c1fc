import { lazy, Suspense, useMemo, useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/spinner';
import { useCurrentOrg } from '@/lib/auth';
import { formatDate, formatNumber, formatUsd } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { totalsOf, useMemberNames, useUsage } from '../api/usage-api';
import { BudgetPanel } from '../components/budget-panel';
import { RangePicker } from '../components/range-picker';
import { UsageTable } from '../components/usage-tables';
import { daysBetween, presetRange, rangeError, type DayRange, type RangePreset } from '../date-range';
import '../usage.css';

// recharts is heavy: it loads with the charts, not with the app.
const DailyChart = lazy(() => import('../components/usage-charts').then((m) => ({ default: m.DailyChart })));
const ModelChart = lazy(() => import('../components/usage-charts').then((m) => ({ default: m.ModelChart })));

/** /usage — the current organization's AI tokens and cost by day, model and user, and its budget. */
export function UsageRoute() {
  useDocumentTitle('AI usage');
  const { orgId, membership, can } = useCurrentOrg();
  const [preset, setPreset] = useState<RangePreset>('month');
  const [custom, setCustom] = useState<DayRange>(() => presetRange('last30'));
  const customError = preset === 'custom' ? rangeError(custom) : null;
  const range = preset === 'custom' ? custom : presetRange(preset);
  const usage = useUsage(orgId, range.from, range.to, !customError);
  const names = useMemberNames(orgId);

  const { from, to } = range;
  const days = useMemo(() => {
    if (!usage.data) return [];
    const byDay = new Map(usage.data.by_day.map((d) => [d.day ?? '', d]));
    return daysBetween({ from, to }).map((day) => ({
      day,
      tokens_in: byDay.get(day)?.tokens_in ?? 0,
      tokens_out: byDay.get(day)?.tokens_out ?? 0,
      cost_usd: byDay.get(day)?.cost_usd ?? 0,
    }));
  }, [usage.data, from, to]);

  if (!orgId) {
    return (
      <>
        <PageHeader title="AI usage" />
        <EmptyState title="No organization selected">Choose or create an organization to see its AI usage.</EmptyState>
      </>
    );
  }

  const data = usage.data;
  const totals = data ? totalsOf(data) : null;
  return (
    <>
      <PageHeader title="AI usage" description={membership ? `Tokens and cost of ${membership.org_name}’s AI generations.` : undefined} />
      <div className="stack usage-page">
        <RangePicker preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} error={customError} />
        {usage.isError ? <ErrorMessage error={usage.error} onRetry={() => void usage.refetch()} /> : null}
        {usage.isPending && !customError ? <Loading label="Loading usage…" /> : null}
        {data && totals ? (
          <>
            <p className="small muted" aria-live="polite">
              {formatDate(`${range.from}T00:00:00Z`)} – {formatDate(`${range.to}T00:00:00Z`)} (UTC){usage.isFetching ? ' · updating…' : ''}
            </p>
            <dl className="usage-totals">
              <div className="card">
                <dt>Generations</dt>
                <dd>{formatNumber(totals.generations)}</dd>
              </div>
              <div className="card">
                <dt>Tokens in</dt>
                <dd>{formatNumber(totals.tokens_in)}</dd>
              </div>
              <div className="card">
                <dt>Tokens out</dt>
                <dd>{formatNumber(totals.tokens_out)}</dd>
              </div>
              <div className="card">
                <dt>Cost</dt>
                <dd>{formatUsd(totals.cost_usd)}</dd>
              </div>
            </dl>
            <BudgetPanel budget={data.budget} canEdit={can('admin')} />
            <section className="card stack" aria-labelledby="usage-days-title">
              <h2 id="usage-days-title">Per day</h2>
              {totals.generations === 0 ? (
                <p className="muted">No generations in this period.</p>
              ) : (
                <>
                  <Suspense fallback={<Loading label="Loading the chart…" />}>
                    <DailyChart data={days} />
                  </Suspense>
                  <details>
                    <summary>Per-day numbers (tokens and cost)</summary>
                    <UsageTable caption="Usage per day" firstColumn="Day" rows={data.by_day.map((d) => ({ key: d.day ?? '', label: d.day ?? '', ...d }))} />
                  </details>
                </>
              )}
            </section>
            <section className="card stack" aria-labelledby="usage-models-title">
              <h2 id="usage-models-title">Per model</h2>
              {data.by_model.length === 0 ? (
                <p className="muted">No generations in this period.</p>
              ) : (
                <>
                  <Suspense fallback={<Loading label="Loading the chart…" />}>
                    <ModelChart data={data.by_model.map((m) => ({ model: m.model ?? '', tokens_in: m.tokens_in ?? 0, tokens_out: m.tokens_out ?? 0, cost_usd: m.cost_usd ?? 0 }))} />
                  </Suspense>
                  <UsageTable caption="Usage per model" firstColumn="Model" rows={data.by_model.map((m) => ({ key: m.model ?? '', label: m.model ?? '', ...m }))} />
                </>
              )}
            </section>
            <section className="card stack" aria-labelledby="usage-users-title">
              <h2 id="usage-users-title">Per user</h2>
              {data.by_user.length === 0 ? (
                <p className="muted">No generations in this period.</p>
              ) : (
                <UsageTable
                  caption="Usage per user"
                  firstColumn="User"
                  rows={data.by_user.map((u) => ({ key: u.user_id ?? '', label: names.data?.get(u.user_id ?? '') ?? (names.isPending ? 'Loading…' : 'Former member'), ...u }))}
                />
              )}
            </section>
          </>
        ) : null}
      </div>
    </>
  );
}
