import { Button } from '@/components/button';
import type { Story } from '../api/stories-api';
import { priorityNames } from '../group';

export interface StoryCardProps {
  story: Story;
  documentTitle?: string;
  canEdit: boolean;
  onEdit: (story: Story) => void;
  onDelete: (story: Story) => void;
}

/** One story in the backlog. */
export function StoryCard({ story, documentTitle, canEdit, onEdit, onDelete }: StoryCardProps) {
  const titleId = `story-${story.id}`;
  const keyId = `story-key-${story.id}`;
  const hasNarrative = story.as_a || story.i_want || story.so_that;
  return (
    <article className="story-card" aria-labelledby={`${keyId} ${titleId}`}>
      <p id={keyId} className="story-key mono small">
        <span className="visually-hidden">Story </span>
        {story.key}
      </p>
      <h4 id={titleId}>{story.title}</h4>
      {hasNarrative ? (
        <p className="story-narrative small">
          {story.as_a ? (
            <>
              <strong>As a</strong> {story.as_a},{' '}
            </>
          ) : null}
          {story.i_want ? (
            <>
              <strong>I want</strong> {story.i_want}
            </>
          ) : null}
          {story.so_that ? (
            <>
              , <strong>so that</strong> {story.so_that}
            </>
          ) : null}
          .
        </p>
      ) : null}
      {story.acceptance_criteria.length ? (
        <details className="small">
          <summary>
            {story.acceptance_criteria.length} acceptance {story.acceptance_criteria.length === 1 ? 'criterion' : 'criteria'}
          </summary>
          <ul className="criteria">
            {story.acceptance_criteria.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="row small story-meta">
        <span className="badge" title="Story points">
          {story.points === null ? 'No estimate' : `${story.points} pts`}
        </span>
        <span className={`badge priority-${story.priority}`}>
          <span className="visually-hidden">Priority: </span>
          {priorityNames[story.priority] ?? story.priority}
        </span>
        {story.requirement_ref ? (
          <span className="badge badge-primary mono">
            <span className="visually-hidden">Requirement </span>
            {story.requirement_ref}
          </span>
        ) : null}
        {documentTitle ? <span className="muted">{documentTitle}</span> : null}
      </div>
      {canEdit ? (
        <div className="row story-actions">
          <Button size="sm" onClick={() => onEdit(story)} aria-label={`Edit ${story.title}`}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onDelete(story)} aria-label={`Delete ${story.title}`}>
            Delete
          </Button>
        </div>
      ) : null}
    </article>
  );
}
