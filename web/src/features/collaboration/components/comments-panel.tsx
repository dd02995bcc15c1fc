import { useEffect, useId } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useCreateComment } from '../api/comments-api';
import { groupThreads, plainQuote } from '../lib/threads';
import { CommentComposer } from './comment-composer';
import { useCommentsContext, type ThreadTarget } from './comments-context';
import { CommentThread, commentElementId, threadElementId } from './comment-thread';

/**
 * The document's comment threads grouped by section, with the new-thread
 * box, the "show resolved" switch, and what a viewer without the right to
 * comment needs to know.
 */
export function CommentsPanel({ headingLevel = 2, inDrawer = false }: { headingLevel?: 2 | 3; inDrawer?: boolean }) {
  const ctx = useCommentsContext();
  const { comments, threads, viewer, members, sections, target, showResolved, setShowResolved, highlight } = ctx;
  const headingId = useId();
  const resolvedId = useId();

  // Bring the marked comment (linked or just written) into view once it is rendered.
  useEffect(() => {
    if (!highlight) return;
    const frame = requestAnimationFrame(() => {
      const comment = document.getElementById(commentElementId(highlight));
      const thread = comment?.closest<HTMLElement>('.comment-thread');
      if (!thread) return;
      thread.scrollIntoView?.({ block: 'center' });
      thread.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [highlight, threads, ctx.drawerOpen]);

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4';
  const grouped = groupThreads(threads, sections, showResolved);

  return (
    <section className="collab-panel" aria-labelledby={headingId}>
      <div className="collab-panel-head">
        {/* In the drawer, whose title says "Comments", only the count shows. */}
        <Heading id={headingId} className="collab-panel-title">
          <span className={inDrawer ? 'visually-hidden' : undefined}>Comments</span>{' '}
          {comments.data ? (
            <span className="badge">
              {grouped.open} open
            </span>
          ) : null}
        </Heading>
        {grouped.resolved > 0 ? (
          <label className="checkbox small" htmlFor={resolvedId}>
            <input id={resolvedId} type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
            Show resolved ({grouped.resolved})
          </label>
        ) : null}
      </div>
      {comments.isPending ? (
        <Loading label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorMessage error={comments.error} title="Could not load the comments" onRetry={() => void comments.refetch()} />
      ) : (
        <>
          {ctx.missingLinkedComment ? (
            <p className="alert alert-warning" role="status">
              The comment you followed was deleted, or it belongs to another document.
            </p>
          ) : null}
          {!viewer.canComment ? (
            <p className="alert collab-closed">
              Your organization turned comments off for viewers: you can read the threads, but not write. An admin can allow it in the organization’s
              settings.
            </p>
          ) : target ? (
            <NewThread target={target} />
          ) : (
            <div className="collab-start">
              <Button size="sm" onClick={() => ctx.startThread({ section: null, label: 'the whole document' })}>
                Comment on the whole document
              </Button>
              <p className="muted small">Or use “Comment” beside a heading, or select text in the document.</p>
            </div>
          )}
          {grouped.groups.length === 0 ? (
            <p className="muted collab-empty">
              {threads.length === 0 ? 'No comments yet.' : 'Every thread is resolved.'}
            </p>
          ) : (
            grouped.groups.map((g) => (
              <section key={g.key} className="thread-group" aria-labelledby={`${headingId}-${g.key}`}>
                <SubHeading className="thread-group-title" id={`${headingId}-${g.key}`}>
                  {g.title}
                </SubHeading>
                {g.threads.map((t) => (
                  <CommentThread key={t.id} documentId={ctx.documentId} thread={t} viewer={viewer} members={members} highlight={highlight} />
                ))}
              </section>
            ))
          )}
        </>
      )}
    </section>
  );
}

function NewThread({ target }: { target: ThreadTarget }) {
  const ctx = useCommentsContext();
  const create = useCreateComment(ctx.documentId);
  const { notify } = useToast();
  const initial = target.unanchored ? `> ${target.unanchored.replace(/\n+/g, ' ')}\n\n` : '';
  return (
    <div className="new-thread" key={`${target.section}|${target.quote ?? ''}`}>
      <p className="new-thread-title">
        New comment on <strong>{target.label}</strong>
      </p>
      {target.quote ? (
        <blockquote className="thread-quote">
          <span className="visually-hidden">Quoted passage: </span>
          {plainQuote(target.quote)}
        </blockquote>
      ) : null}
      {target.unanchored ? (
        <p className="muted small">That selection spans formatting the comment cannot point at exactly; it is quoted in your comment instead.</p>
      ) : null}
      <CommentComposer
        key={`${target.section}|${target.quote ?? ''}|${target.unanchored ?? ''}`}
        label="Your comment"
        submitLabel="Comment"
        members={ctx.members}
        initialValue={initial}
        autoFocus
        onSubmit={(body) =>
          create
            .mutateAsync({
              body,
              ...(target.section !== null ? { section: target.section } : {}),
              ...(target.quote ? { quote: target.quote } : {}),
            })
            .then((created) => {
              ctx.cancelThread();
              ctx.setHighlight(created.id);
              notify('Comment posted');
            })
        }
        onCancel={ctx.cancelThread}
      />
    </div>
  );
}

export { threadElementId };
