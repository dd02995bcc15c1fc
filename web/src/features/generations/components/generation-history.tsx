import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { roleAtLeast, useRoleIn } from '@/lib/auth';
import { formatDateTime, formatDuration, formatNumber, formatRelative, formatUsd } from '@/lib/format';
import { kindLabels, useGenerationHistory } from '../api/generations-api';
import { generationPath, newPrdPath } from '../paths';
import { generationErrorText } from './error-text';
import { CachedBadge, StatusBadge } from './status-badge';
import '../generations.css';
import { RoleNote } from '@/components/role-note';

/** The project's AI generation history (the "Generations" tab). */
export function GenerationHistory({ project }: { project: { id?: string; org_id?: string } }) {
  const projectId = project.id ?? '';
  const role = useRoleIn(project.org_id);
  const canGenerate = roleAtLeast(role, 'member');
  const note = canGenerate ? null : <RoleNote role={role} needed="member" action="starting AI generations" />;
  const history = useGenerationHistory(projectId);
  const newPrd = canGenerate ? (
    <Link className="btn btn-primary" to={newPrdPath(projectId)}>
      New PRD
    </Link>
  ) : null;

  if (history.isPending) return <Loading label="Loading generations…" />;
  if (history.isError) return <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />;
  if (history.items.length === 0) {
    return (
      <>
        {note}
        <EmptyState title="No generations yet" action={newPrd}>
          PRDs, section rewrites and stories generated in this project are listed here with their tokens and cost.
        </EmptyState>
      </>
    );
  }
  return (
    <section className="stack" aria-labelledby="generations-title">
      <div className="row">
        <h2 id="generations-title">AI generations</h2>
        <span className="spacer" />
        {newPrd}
      </div>
      {note}
      <div className="table-wrap" role="region" aria-label="Generations table" tabIndex={0}>
        <table className="generation-table" aria-labelledby="generations-title">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Provider / model</th>
              <th scope="col" className="num">
                Tokens in / out
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col" className="num">
                Latency
              </th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={generationPath(g.id)} aria-label={`${kindLabels[g.kind]} generation, ${formatDateTime(g.created_at)}`}>
                    {kindLabels[g.kind]}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={g.status} /> {g.cached ? <CachedBadge /> : null}
                  {g.applied_at ? <span className="badge badge-success">Applied</span> : null}
                  {g.error?.message && g.status === 'failed' ? <div className="small muted">{generationErrorText({ code: g.error.code ?? 'failed', message: g.error.message })}</div> : null}
                </td>
                <td>
                  {g.provider}
                  <div className="mono small muted">{g.model}</div>
                </td>
                <td className="num nowrap">
                  {formatNumber(g.tokens_in)} / {formatNumber(g.tokens_out)}
                  {g.tokens_estimated ? <span className="muted small" title="The provider sent no usage; counted by PRISM"> ≈</span> : null}
                </td>
                <td className="num">{formatUsd(g.cost_usd)}</td>
                <td className="num">{formatDuration(g.latency_ms)}</td>
                <td className="nowrap">
                  <time dateTime={g.created_at} title={formatDateTime(g.created_at)}>
                    {formatRelative(g.created_at)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {history.hasNextPage ? (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </section>
  );
}
