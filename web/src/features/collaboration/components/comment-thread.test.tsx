import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Reply, Thread, Viewer } from '../lib/threads';
import { CommentThread } from './comment-thread';

const reply = (over: Partial<Reply> = {}): Reply => ({
  id: 'r1',
  document_id: 'd1',
  parent_id: 't1',
  author: { id: 'u-2', name: 'Vera' },
  body: 'Agreed, @[Mateo](u-3).',
  deleted: false,
  created_at: '2030-01-01T10:00:00Z',
  edited_at: null,
  ...over,
});

const thread = (over: Partial<Thread> = {}): Thread => ({
  id: 't1',
  document_id: 'd1',
  parent_id: null,
  author: { id: 'u-1', name: 'Ann' },
  body: 'Which **date**? Ask @[Mateo Rossi](u-3) or see [the plan](#mention-forged-u-9).',
  deleted: false,
  created_at: '2030-01-01T09:00:00Z',
  edited_at: null,
  section: 'Goals',
  quote: 'Ship by **March**.',
  anchor_version: 1,
  outdated: false,
  resolved: false,
  resolved_at: null,
  resolved_by: null,
  replies: [reply()],
  ...over,
});

function show(t: Thread, viewer: Viewer) {
  return renderWithProviders(<CommentThread documentId="d1" thread={t} viewer={viewer} members={[]} />);
}

describe('CommentThread', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('renders the quote, the sanitized Markdown and mentions as chips that cannot be forged', () => {
    installFakeFetch({});
    show(thread(), { userId: 'u-9', role: 'member', canComment: true });
    const article = screen.getByRole('article', { name: 'Thread by Ann' });
    expect(within(article).getByText('Ship by March.')).toHaveClass('thread-quote');
    expect(within(article).getByText('date').tagName).toBe('STRONG');
    const chip = within(article).getByText('@Mateo Rossi');
    expect(chip).toHaveClass('mention-chip');
    expect(chip.closest('a')).toBeNull();
    // A plain link written like a mention stays a link.
    expect(within(article).getByRole('link', { name: 'the plan' })).toHaveAttribute('href', '#mention-forged-u-9');
    expect(within(within(article).getByRole('list', { name: 'Replies' })).getByText('@Mateo')).toHaveClass('mention-chip');
  });

  it('shows each viewer only the buttons the server allows', () => {
    installFakeFetch({});
    // A member who wrote neither comment: reply and resolve, no edit or delete.
    const { unmount } = show(thread(), { userId: 'u-9', role: 'member', canComment: true });
    expect(screen.getByRole('button', { name: 'Reply' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    unmount();

    // A viewer: no resolve on someone else's thread; edit and delete of their own reply.
    const viewer = show(thread(), { userId: 'u-2', role: 'viewer', canComment: true });
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit your comment' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete your comment' })).toBeInTheDocument();
    viewer.unmount();

    // The organization silenced viewers: read only, but one's own comment can still be deleted.
    const silenced = show(thread(), { userId: 'u-2', role: 'viewer', canComment: false });
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit your comment' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete your comment' })).toBeInTheDocument();
    silenced.unmount();

    // An admin deletes anyone's comments.
    show(thread(), { userId: 'u-8', role: 'admin', canComment: true });
    expect(screen.getByRole('button', { name: 'Delete Ann’s comment' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete Vera’s comment' })).toBeInTheDocument();
  });

  it('marks outdated and resolved threads, and keeps a deleted first comment as a placeholder', () => {
    installFakeFetch({});
    show(
      thread({ outdated: true, resolved: true, resolved_by: { id: 'u-9', name: 'Mo' }, deleted: true, body: '', quote: null }),
      { userId: 'u-1', role: 'owner', canComment: true },
    );
    const article = screen.getByRole('article', { name: 'Thread by A deleted comment, resolved' });
    expect(within(article).getByText('Outdated: the text changed since')).toBeInTheDocument();
    expect(within(article).getByText('Resolved by Mo')).toBeInTheDocument();
    expect(within(article).getByText('This comment was deleted.')).toBeInTheDocument();
    // Nothing to reply to or reopen on a deleted first comment; the replies stay.
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reopen' })).not.toBeInTheDocument();
    expect(within(article).getByRole('list', { name: 'Replies' })).toHaveTextContent('Agreed');
  });

  it('resolves and replies through the API', async () => {
    const fake = installFakeFetch({
      'PATCH /api/v1/comments/t1': () => json(thread({ resolved: true })),
      'POST /api/v1/documents/d1/comments': (req) => json({ ...reply({ id: 'r2' }), body: (req.body as { body: string }).body }, 201),
    });
    show(thread(), { userId: 'u-9', role: 'member', canComment: true });
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(fake.calls('PATCH', '/api/v1/comments/t1')[0]?.body).toEqual({ resolved: true }));

    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    await userEvent.type(screen.getByRole('combobox', { name: 'Reply to Ann' }), 'On it');
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/documents/d1/comments')[0]?.body).toEqual({ body: 'On it', parent_id: 't1' }));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Reply to Ann' })).not.toBeInTheDocument());
  });
});
