import type { ProposedStory } from '../api/generations-api';

/** One proposed story: title, as a / I want / so that, criteria, points, priority, requirement. */
export function StoryProposal({ story, index }: { story: ProposedStory; index: number }) {
  const titleId = `proposed-story-${index}`;
  return (
    <article className="story-proposal" aria-labelledby={titleId}>
      <h4 id={titleId}>{story.title}</h4>
      <p className="story-narrative">
        <strong>As a</strong> {story.as_a}, <strong>I want</strong> {story.i_want}, <strong>so that</strong> {story.so_that}.
      </p>
      {story.acceptance_criteria.length ? (
        <>
          <p className="small muted">Acceptance criteria</p>
          <ul className="criteria">
            {story.acceptance_criteria.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="row small">
        <span className="badge">{story.points ?? '—'} pts</span>
        <span className={`badge priority-${story.priority}`}>Priority: {story.priority}</span>
        {story.requirement_ref ? <span className="badge badge-primary mono">{story.requirement_ref}</span> : null}
      </div>
    </article>
  );
}
