import { useId } from 'react';
import type { StoryCoverage } from '../api/generations-api';

const requirements = (n: number) => `${n} functional requirement${n === 1 ? '' : 's'}`;

/**
 * How the proposed stories and the backlog cover the document's functional
 * requirements (FR-n), and which ones no story covers yet.
 */
export function StoryCoverageSummary({ coverage }: { coverage: StoryCoverage }) {
  const titleId = useId();
  const listId = useId();
  const total = coverage.functional_requirements;
  if (total === 0) {
    return (
      <p className="small muted story-coverage-hint">
        This document has no numbered functional requirements (FR-1, FR-2 …), so there is no coverage to show. Numbering them links each story to what it
        delivers.
      </p>
    );
  }
  const covered = Math.min(total, coverage.covered_by_backlog + coverage.covered_by_proposals);
  return (
    <section className="story-coverage" aria-labelledby={titleId}>
      <h3 id={titleId}>Coverage of the functional requirements</h3>
      <p>
        These stories and the backlog cover {covered} of {requirements(total)}
        {covered > 0 ? ` (${coverage.covered_by_proposals} by these stories, ${coverage.covered_by_backlog} by stories already in the backlog)` : ''}.
      </p>
      {coverage.uncovered.length > 0 ? (
        <>
          <p id={listId} className="story-coverage-gap">
            No story covers:
          </p>
          <ul className="story-coverage-list" aria-labelledby={listId}>
            {coverage.uncovered.map((r) => (
              <li key={r.id}>
                <span className="mono">{r.id}</span> — {r.text}
                {r.section ? <span className="small muted"> (in “{r.section}”)</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
