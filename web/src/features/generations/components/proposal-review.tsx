import { lazy, Suspense } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { isApiError } from '@/lib/problem';
import { sectionProposal, storyCoverage, storyProposals, useApplyGeneration, type Generation } from '../api/generations-api';
import { RewriteNote } from './rewrite-note';
import { StoryCoverageSummary } from './story-coverage';
import { StoryProposal } from './story-proposal';

const SectionDiff = lazy(() => import('./section-diff').then((m) => ({ default: m.SectionDiff })));

/**
 * A finished section or stories generation seen from its own page: the
 * proposal (diff or stories) and, until it is applied, an Accept button.
 */
export function ProposalReview({ generation, canApply }: { generation: Generation; canApply: boolean }) {
  const apply = useApplyGeneration();
  const qc = useQueryClient();
  const section = generation.kind === 'section' ? sectionProposal(generation) : null;
  const stories = generation.kind === 'stories' ? storyProposals(generation) : [];
  const coverage = generation.kind === 'stories' ? storyCoverage(generation) : null;
  if (generation.status !== 'succeeded' || (!section && stories.length === 0)) return null;
  const applied = !!generation.applied_at || apply.isSuccess;
  const conflict = isApiError(apply.error) && apply.error.status === 412;

  const accept = () =>
    apply.mutate(generation.id, {
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: generation.kind === 'section' ? ['documents'] : ['stories'] });
      },
    });

  return (
    <section className="card stack" aria-labelledby="proposal-title">
      <h2 id="proposal-title">{section ? `Proposed rewrite of “${section.section}”` : `${stories.length} proposed ${stories.length === 1 ? 'story' : 'stories'}`}</h2>
      {section?.note ? <RewriteNote note={section.note} /> : null}
      {coverage ? <StoryCoverageSummary coverage={coverage} /> : null}
      {section ? (
        <Suspense fallback={<Loading label="Loading the diff…" />}>
          <SectionDiff original={section.original} proposed={section.proposed} />
        </Suspense>
      ) : (
        <ol className="plain-list story-proposals" aria-label="Proposed stories">
          {stories.map((s, i) => (
            <li key={i}>
              <StoryProposal story={s} index={i} />
            </li>
          ))}
        </ol>
      )}
      {apply.error ? <ErrorMessage error={apply.error} title={conflict ? 'The document changed since this proposal' : undefined} /> : null}
      {applied ? (
        <p className="alert alert-success" role="status">
          {section ? 'This rewrite has been applied to the document.' : 'These stories have been added to the backlog.'}
        </p>
      ) : canApply ? (
        <div className="form-actions">
          <Button variant="primary" onClick={accept} loading={apply.isPending} disabled={conflict}>
            {section ? 'Accept rewrite' : `Accept ${stories.length} ${stories.length === 1 ? 'story' : 'stories'} into the backlog`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
