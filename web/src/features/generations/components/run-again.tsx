import { Link, useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { isTerminal, useStartGeneration, type Generation } from '../api/generations-api';
import { generationPath } from '../paths';

/** Where the new-PRD form opens prefilled with a generation's brief. */
export const editBriefPath = (g: Pick<Generation, 'id' | 'project_id'>) => `/projects/${g.project_id}/new?from=${encodeURIComponent(g.id)}`;

/**
 * A finished generation's next steps: Regenerate (the same request, past
 * the cache) and, for a PRD, Edit the brief and run again.
 */
export function RunAgain({ generation: g, canRun }: { generation: Generation; canRun: boolean }) {
  const start = useStartGeneration(g.project_id);
  const navigate = useNavigate();
  if (!canRun || !isTerminal(g.status)) return null;
  const regenerate = () =>
    start.mutate(
      {
        kind: g.kind,
        input: g.input as object,
        template: g.kind === 'prd' && g.template ? g.template : undefined,
        provider: g.provider || undefined,
        model: g.model || undefined,
        cache: false,
      },
      { onSuccess: (started) => navigate(generationPath(started.id)) },
    );
  return (
    <div className="stack">
      {start.error ? <ErrorMessage error={start.error} /> : null}
      <div className="form-actions">
        <Button onClick={regenerate} loading={start.isPending}>
          Regenerate
        </Button>
        {g.kind === 'prd' ? (
          <Link className="btn" to={editBriefPath(g)}>
            Edit brief and run again
          </Link>
        ) : null}
      </div>
    </div>
  );
}
