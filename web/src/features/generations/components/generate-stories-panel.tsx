import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { Loading } from '@/components/spinner';
import { fieldSentence } from '@/lib/field-messages';
import { isApiError } from '@/lib/problem';
import { useApplyGeneration } from '../api/generations-api';
import { useProposalRun } from '../api/use-proposal-run';
import type { OrgAi } from '../org-ai';
import { AllowanceNotice, useAllowance } from './generation-allowance';
import { NeedsAiNotice, useNeedsAi } from './needs-ai';
import { ProviderFields, type ProviderChoice } from './provider-fields';
import { RunProgress } from './run-progress';
import { StoryProposal } from './story-proposal';
import '../generations.css';

export interface GenerateStoriesPanelProps {
  projectId: string;
  documentId: string;
  /** Called after Accept with the number of stories added to the backlog. */
  onApplied?: (count: number) => void;
  /** Where the backlog lives, for the link shown after Accept. */
  backlogHref?: string;
  /** Delay before resuming a dropped stream (tests shorten it). */
  retryDelayMs?: number;
  /** Inside a dialog that already has the title: no card, no heading. */
  embedded?: boolean;
  /** What the organization's generations use; when it is not AI, the panel says so. */
  ai?: OrgAi;
}

const offlineStories = 'it does not write stories, it would only turn each numbered requirement (FR-1, FR-2…) into a placeholder story.';

/**
 * Generate user stories from a document: count → POST kind "stories" →
 * proposals (as a / I want / so that, Given/When/Then, points, priority,
 * requirement) → Accept (into the backlog) or Discard.
 */
export function GenerateStoriesPanel({ projectId, documentId, onApplied, backlogHref, retryDelayMs, embedded = false, ai }: GenerateStoriesPanelProps) {
  const qc = useQueryClient();
  const needsAi = useNeedsAi(ai);
  const run = useProposalRun(projectId, { retryDelayMs });
  const apply = useApplyGeneration();
  const allowance = useAllowance();
  const [count, setCount] = useState('5');
  const [choice, setChoice] = useState<ProviderChoice>({ provider: '', model: '' });
  const [useCache, setUseCache] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [added, setAdded] = useState<number | null>(null);
  // Proposals already in the backlog, by index (from the server's answer).
  const [applied, setApplied] = useState<number[]>([]);
  const [applying, setApplying] = useState<number | 'all' | null>(null);

  // With the offline template as the default, a provider of the server that is AI is named instead.
  const provider = choice.provider || needsAi.fallback?.value || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 50) {
      setError('Enter a number from 1 to 50.');
      return;
    }
    setError(undefined);
    setAdded(null);
    setApplied([]);
    apply.reset();
    await run
      .start({ kind: 'stories', input: { document_id: documentId, count: n }, provider: provider || undefined, model: choice.model || undefined, cache: useCache })
      .catch((err: unknown) => {
        if (isApiError(err)) {
          const count = err.errors.find((x) => /count/.test(x.field));
          setError(count ? fieldSentence(count, { count: 'Number of stories' }) : undefined);
        }
      });
  };

  /** Adds one proposal (by index) or every one not added yet. */
  const accept = async (index?: number) => {
    if (!run.generationId) return;
    setApplying(index ?? 'all');
    const result = await apply
      .mutateAsync(index === undefined ? run.generationId : { id: run.generationId, stories: [index] })
      .catch(() => null)
      .finally(() => setApplying(null));
    if (!result) return;
    const n = Array.isArray(result.stories) ? result.stories.length : 0;
    setAdded((before) => (before ?? 0) + n);
    if (Array.isArray(result.applied)) setApplied(result.applied);
    void qc.invalidateQueries({ queryKey: ['stories'] });
    onApplied?.(n);
  };

  const discard = () => {
    run.reset();
    apply.reset();
    setAdded(null);
    setApplied([]);
  };
  const remaining = run.stories.length - applied.length;

  return (
    <section className={embedded ? 'stack stories-panel' : 'card stack stories-panel'} aria-labelledby={embedded ? undefined : 'generate-stories-title'} aria-label={embedded ? 'Generate user stories' : undefined}>
      {embedded ? null : <h2 id="generate-stories-title">Generate user stories</h2>}
      {needsAi.pending ? <Loading /> : null}
      {ai && needsAi.blocked ? <NeedsAiNotice ai={ai} action="Generating stories" instead={offlineStories} /> : null}
      {needsAi.pending || needsAi.blocked ? null : !run.generationId ? (
        <form className="form" onSubmit={submit} noValidate aria-label="Generate user stories">
          <AllowanceNotice allowance={allowance} />
          {ai && needsAi.offline ? <NeedsAiNotice ai={ai} action="Generating stories" instead={offlineStories} fallback={needsAi.fallback} /> : null}
          {run.startError ? <ErrorMessage error={run.startError} /> : null}
          <Field label="Number of stories" error={error} hint="1–50. Each story links to the requirement it covers.">
            <TextInput name="count" type="number" inputMode="numeric" min={1} max={50} value={count} onChange={(e) => setCount(e.target.value)} className="input-narrow" />
          </Field>
          <details className="advanced">
            <summary>Provider and model</summary>
            <ProviderFields value={{ ...choice, provider }} onChange={setChoice} ai={ai} />
            <label className="checkbox">
              <input type="checkbox" checked={useCache} onChange={(e) => setUseCache(e.target.checked)} />
              Use the cache
            </label>
          </details>
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={run.starting} disabled={!!allowance.refusal}>
              Generate stories
            </Button>
          </div>
        </form>
      ) : (
        <div className="stack">
          <RunProgress generationId={run.generationId} state={run.state} running={run.running} />
          {run.running ? <p className="small muted">Writing {Math.round(run.state.text.length / 100) / 10} KB of stories…</p> : null}
          {apply.error ? <ErrorMessage error={apply.error} /> : null}
          {added !== null ? (
            <div className="alert alert-success" role="status">
              <p className="alert-title">
                Added {added} {added === 1 ? 'story' : 'stories'} to the backlog.
              </p>
              {backlogHref ? <Link to={backlogHref}>Open the backlog</Link> : null}
            </div>
          ) : null}
          {run.succeeded && run.stories.length === 0 ? <p>The answer contained no stories.</p> : null}
          {run.storiesNote ? (
            <div className="alert alert-warning" role="note">
              {run.storiesNote}
            </div>
          ) : null}
          {run.stories.length > 0 ? (
            <>
              <h3>
                {run.stories.length} proposed {run.stories.length === 1 ? 'story' : 'stories'}
              </h3>
              <ol className="plain-list story-proposals" aria-label="Proposed stories">
                {run.stories.map((s, i) => (
                  <li key={i}>
                    <StoryProposal story={s} index={i} />
                    {run.succeeded ? (
                      <div className="form-actions">
                        {applied.includes(i) ? (
                          <span className="badge">In the backlog</span>
                        ) : (
                          <Button size="sm" onClick={() => void accept(i)} loading={applying === i} disabled={applying !== null} aria-label={`Add story ${i + 1} to the backlog`}>
                            Add to backlog
                          </Button>
                        )}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <div className="form-actions">
            {run.succeeded && remaining > 0 ? (
              <Button variant="primary" onClick={() => void accept()} loading={applying === 'all'} disabled={applying !== null}>
                {applied.length === 0
                  ? `Accept ${run.stories.length} ${run.stories.length === 1 ? 'story' : 'stories'} into the backlog`
                  : `Accept the other ${remaining} into the backlog`}
              </Button>
            ) : null}
            {!run.running ? <Button onClick={discard}>{added !== null ? 'Generate more' : run.succeeded ? 'Discard' : 'Start over'}</Button> : null}
          </div>
        </div>
      )}
    </section>
  );
}
