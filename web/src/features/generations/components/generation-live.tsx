import { useRef } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Markdown } from '@/components/markdown';
import { Loading, Spinner } from '@/components/spinner';
import { formatNumber, formatUsd } from '@/lib/format';
import { useCurrentOrg } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { isTerminal, kindLabels, useCancelGeneration, useTemplates } from '../api/generations-api';
import { useGenerationStream } from '../api/use-generation-stream';
import { documentPath } from '../paths';
import { generationErrorText } from './error-text';
import { ProposalReview } from './proposal-review';
import { RunAgain } from './run-again';
import { SavePartialDraft } from './save-partial-draft';
import { SectionProgress, useFollow } from './section-progress';
import { CachedBadge, StatusBadge } from './status-badge';
import { formatElapsed, useElapsed } from './use-elapsed';
import '../generations.css';

export interface GenerationLiveProps {
  generationId: string;
  /** Delay before resuming a dropped stream (tests shorten it). */
  retryDelayMs?: number;
}

/**
 * A generation as it happens: text streamed as it arrives, elapsed time,
 * tokens, status, Cancel, errors, and a link to the saved document when done.
 * A finished generation is shown from its stored output.
 */
export function GenerationLive({ generationId, retryDelayMs }: GenerationLiveProps) {
  const { query, generation, state } = useGenerationStream(generationId, { retryDelayMs });
  const cancel = useCancelGeneration(generationId);
  const running = !isTerminal(state.status) && !!generation && !isTerminal(generation.status);
  // Generations carry no org id; the page is reached from the current org (the API has the last word).
  const { can, orgId } = useCurrentOrg();
  const canAct = can('member');
  const templates = useTemplates(orgId);
  const outputEnd = useRef<HTMLDivElement>(null);
  const follow = useFollow(outputEnd, state.text, running);
  const elapsed = useElapsed(generation?.started_at ?? generation?.created_at, isTerminal(state.status) ? (generation?.finished_at ?? null) : null, running);

  if (query.isPending) return <Loading label="Loading the generation…" />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <p role="alert">This generation does not exist or belongs to an organization you are not a member of.</p>;
    }
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const g = query.data;
  const sectionCount = templates.data?.items.find((t) => t.name === g.template)?.sections.length;
  const approxOut = Math.ceil([...state.text].length / 4);
  const isStories = g.kind === 'stories';

  return (
    <div className="generation-live stack">
      <section className="card" aria-labelledby="generation-facts">
        <h2 id="generation-facts" className="visually-hidden">
          Progress
        </h2>
        <dl className="generation-facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span role="status" aria-live="polite" data-testid="generation-status" className="row">
                <StatusBadge status={state.status} /> {state.usage?.cached || g.cached ? <CachedBadge /> : null}
                {running ? <Spinner size="sm" label="" /> : null}
              </span>
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{kindLabels[g.kind]}</dd>
          </div>
          <div>
            <dt>Provider</dt>
            <dd>
              {g.provider} <span className="mono small">{g.model}</span>
            </dd>
          </div>
          <div>
            <dt>Elapsed</dt>
            <dd data-testid="generation-elapsed">{formatElapsed(elapsed)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd data-testid="generation-tokens">
              {state.usage ? (
                <>
                  {formatNumber(state.usage.tokens_in)} in · {formatNumber(state.usage.tokens_out)} out
                  {state.usage.estimated ? <span className="muted small"> (estimated)</span> : null}
                </>
              ) : (
                <>≈ {formatNumber(approxOut)} out so far</>
              )}
            </dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{state.usage ? formatUsd(state.usage.cost_usd) : '—'}</dd>
          </div>
        </dl>
        {running && canAct ? (
          <div className="row">
            <Button variant="danger" onClick={() => cancel.mutate()} loading={cancel.isPending}>
              Cancel generation
            </Button>
          </div>
        ) : null}
        {cancel.isError && !(isApiError(cancel.error) && cancel.error.status === 409) ? <ErrorMessage error={cancel.error} /> : null}
      </section>

      {state.reconnecting ? (
        <p className="alert alert-warning" role="status">
          The connection dropped. Resuming where it stopped (attempt {state.reconnecting})…
        </p>
      ) : null}
      {state.connectionError ? (
        <ErrorMessage error={state.connectionError} title="Lost the live stream" onRetry={() => void query.refetch()} />
      ) : null}
      {state.error ? (
        <div className={state.error.code === 'cancelled' ? 'alert alert-warning' : 'alert alert-error'} role="alert">
          <p className="alert-title">{state.error.code === 'cancelled' ? 'Cancelled' : 'The generation failed'}</p>
          <p>{generationErrorText(state.error)}</p>
          <SavePartialDraft generation={g} canSave={canAct} />
        </div>
      ) : null}
      {state.done && g.kind === 'prd' && state.done.document_id ? (
        <div className="alert alert-success" role="status">
          <p className="alert-title">The document is saved{state.done.version ? ` (version ${state.done.version})` : ''}.</p>
          <Link className="btn btn-primary" to={documentPath(g.project_id, state.done.document_id)}>
            Open the document
          </Link>
        </div>
      ) : null}
      {state.done && g.kind !== 'prd' && g.document_id ? (
        <p>
          <Link to={documentPath(g.project_id, g.document_id)}>Open the document</Link>
        </p>
      ) : null}
      <ProposalReview generation={g} canApply={canAct} />
      {!running ? <RunAgain generation={g} canRun={canAct} /> : null}

      <section className="card" aria-labelledby="generation-output-title" aria-busy={running} data-streamed={state.live}>
        <div className="row">
          <h2 id="generation-output-title">Output</h2>
          <span className="spacer" />
          {follow.toggle}
        </div>
        {running && g.kind === 'prd' ? <SectionProgress text={state.text} total={sectionCount} /> : null}
        {state.text ? (
          isStories ? (
            <details open={running}>
              <summary>The model’s answer (JSON)</summary>
              <pre className="generation-raw" tabIndex={0} data-testid="generation-output">
                {state.text}
              </pre>
            </details>
          ) : (
            <div data-testid="generation-output">
              <Markdown>{state.text}</Markdown>
            </div>
          )
        ) : (
          <p className="muted">{running ? 'Waiting for the first words…' : 'No output.'}</p>
        )}
        <div ref={outputEnd} />
      </section>
    </div>
  );
}
