import { useState } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { useToast } from '@/components/toast';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useCreateComment, useDeleteComment, useUpdateComment } from '../api/comments-api';
import type { Mentionable } from '../lib/mentions';
import { canReply, canResolve, commentPermissions, plainQuote, type AnyComment, type Thread, type Viewer } from '../lib/threads';
import { CommentBody } from './comment-body';
import { CommentComposer } from './comment-composer';

export interface CommentThreadProps {
  documentId: string;
  thread: Thread;
  viewer: Viewer;
  members: Mentionable[];
  /** The comment to mark (a linked or new one): the thread's first comment or a reply. */
  highlight?: string | null;
}

export const threadElementId = (id: string) => `comment-thread-${id}`;
export const commentElementId = (id: string) => `comment-${id}`;

/** One thread: its quote, first comment, replies, and the actions the viewer may take. */
export function CommentThread({ documentId, thread, viewer, members, highlight }: CommentThreadProps) {
  const [replying, setReplying] = useState(false);
  const create = useCreateComment(documentId);
  const update = useUpdateComment(documentId);
  const { notify } = useToast();
  const marked = highlight === thread.id || (thread.replies ?? []).some((r) => r.id === highlight);
  const author = thread.deleted ? 'A deleted comment' : thread.author.name;
  const classes = ['comment-thread', thread.resolved ? 'is-resolved' : '', marked ? 'is-highlighted' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} id={threadElementId(thread.id)} tabIndex={-1} aria-label={`Thread by ${author}${thread.resolved ? ', resolved' : ''}`}>
      {thread.quote ? (
        <blockquote className="thread-quote">
          <span className="visually-hidden">Quoted passage: </span>
          {plainQuote(thread.quote)}
        </blockquote>
      ) : null}
      {thread.outdated || thread.resolved ? (
        <p className="thread-badges">
          {thread.outdated ? (
            <span className="badge badge-warning" title={`Written on version ${thread.anchor_version ?? '?'}`}>
              Outdated: the text changed since
            </span>
          ) : null}
          {thread.resolved ? (
            <span className="badge badge-success">Resolved{thread.resolved_by?.name ? ` by ${thread.resolved_by.name}` : ''}</span>
          ) : null}
        </p>
      ) : null}
      <CommentItem documentId={documentId} comment={thread} viewer={viewer} members={members} marked={highlight === thread.id} />
      {(thread.replies ?? []).length ? (
        <ol className="comment-replies" aria-label="Replies">
          {(thread.replies ?? []).map((r) => (
            <li key={r.id}>
              <CommentItem documentId={documentId} comment={r} viewer={viewer} members={members} marked={highlight === r.id} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <CommentComposer
          label={`Reply to ${author}`}
          submitLabel="Reply"
          members={members}
          autoFocus
          onSubmit={(body) =>
            create.mutateAsync({ body, parent_id: thread.id }).then(() => {
              setReplying(false);
              notify('Reply posted');
            })
          }
          onCancel={() => setReplying(false)}
        />
      ) : null}
      <div className="thread-actions">
        {!replying && canReply(thread, viewer) ? (
          <Button size="sm" onClick={() => setReplying(true)}>
            Reply
          </Button>
        ) : null}
        {canResolve(thread, viewer) ? (
          <Button
            size="sm"
            variant="ghost"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: thread.id, resolved: !thread.resolved },
                { onSuccess: () => notify(thread.resolved ? 'Thread reopened' : 'Thread resolved') },
              )
            }
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </Button>
        ) : null}
      </div>
      {update.isError ? <ErrorMessage error={update.error} title="Could not change the thread" /> : null}
    </article>
  );
}

function CommentItem({ documentId, comment, viewer, members, marked }: {
  documentId: string;
  comment: AnyComment;
  viewer: Viewer;
  members: Mentionable[];
  marked: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateComment(documentId);
  const remove = useDeleteComment(documentId);
  const { notify } = useToast();
  const may = commentPermissions(comment, viewer);
  const own = comment.author.id === viewer.userId;

  if (comment.deleted) {
    return (
      <div className="comment is-deleted" id={commentElementId(comment.id)}>
        <p className="muted">This comment was deleted.</p>
      </div>
    );
  }
  return (
    <div className={marked ? 'comment is-highlighted' : 'comment'} id={commentElementId(comment.id)}>
      <p className="comment-meta">
        <strong>{comment.author.name || 'Someone'}</strong>
        {own ? <span className="muted small"> (you)</span> : null}{' '}
        <time className="muted small" dateTime={comment.created_at} title={formatDateTime(comment.created_at)}>
          {formatRelative(comment.created_at)}
        </time>
        {comment.edited_at ? (
          <span className="muted small" title={`Edited ${formatDateTime(comment.edited_at)}`}>
            {' '}
            · edited
          </span>
        ) : null}
      </p>
      {editing ? (
        <CommentComposer
          label="Edit your comment"
          submitLabel="Save"
          members={members}
          initialValue={comment.body}
          autoFocus
          onSubmit={(body) =>
            update.mutateAsync({ id: comment.id, body }).then(() => {
              setEditing(false);
              notify('Comment saved');
            })
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} />
      )}
      {!editing && (may.edit || may.remove) ? (
        <div className="comment-actions">
          {may.edit ? (
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={own ? 'Edit your comment' : 'Edit comment'}>
              Edit
            </Button>
          ) : null}
          {may.remove ? (
            <Button size="sm" variant="ghost" className="comment-delete" onClick={() => setDeleting(true)} aria-label={own ? 'Delete your comment' : `Delete ${comment.author.name}’s comment`}>
              Delete
            </Button>
          ) : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={deleting}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(comment.id, {
            onSuccess: () => {
              setDeleting(false);
              notify('Comment deleted');
            },
          })
        }
      >
        <p>{comment.parent_id ? 'The reply disappears from its thread.' : 'A thread with replies keeps them, under a note that its first comment was deleted.'}</p>
      </ConfirmDialog>
    </div>
  );
}
