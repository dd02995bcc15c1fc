import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, testMe } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Thread } from '../lib/threads';
import { DocumentComments, type DocSection } from './comments-context';
import { CommentsSidebar } from './comments-sidebar';
import { SectionCommentButton } from './section-comment-button';

configure({ asyncUtilTimeout: 4000 });

const sections: DocSection[] = [
  { title: 'Goals', slug: 'goals', body: 'Ship by **March**.' },
  { title: 'Risks', slug: 'risks', body: 'None.' },
];

const thread = (id: string, over: Partial<Thread> = {}): Thread => ({
  id,
  document_id: 'd1',
  parent_id: null,
  author: { id: 'u-2', name: 'Vera' },
  body: `Thread ${id}`,
  deleted: false,
  created_at: '2030-01-01T09:00:00Z',
  edited_at: null,
  section: 'Goals',
  quote: null,
  anchor_version: 1,
  outdated: false,
  resolved: false,
  resolved_at: null,
  resolved_by: null,
  replies: [],
  ...over,
});

function show(route: string, items: Thread[], canComment = true, role = 'member') {
  const fake = installFakeFetch({
    'GET /api/v1/auth/me': () => json({ ...testMe, memberships: [{ org_id: 'o1', org_name: 'Acme', role }] }),
    'GET /api/v1/documents/d1/comments': () => json({ items, can_comment: canComment }),
    'GET /api/v1/orgs/o1/members': () => json({ items: [], next_cursor: null }),
    'POST /api/v1/documents/d1/comments': (req) => json(thread('new', { ...(req.body as object), author: { id: 'u1', name: 'Ada' } }), 201),
  });
  renderWithProviders(
    <DocumentComments documentId="d1" orgId="o1" version={2} sections={sections}>
      <SectionCommentButton section="Risks" />
      <CommentsSidebar />
    </DocumentComments>,
    { route },
  );
  return fake;
}

describe('the comments panel', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('groups threads by section and brings a linked reply of a resolved thread into view, shown', async () => {
    const resolved = thread('t2', {
      resolved: true,
      resolved_by: { id: 'u1', name: 'Ada' },
      replies: [{ id: 'r9', document_id: 'd1', parent_id: 't2', author: { id: 'u1', name: 'Ada' }, body: 'Done', deleted: false, created_at: '2030-01-02T00:00:00Z', edited_at: null }],
    });
    show('/documents/d1?comment=r9', [thread('t1'), resolved, thread('t3', { section: null })]);
    const panel = await screen.findByRole('region', { name: /^Comments/ });
    expect(await within(panel).findByLabelText('Show resolved (1)')).toBeChecked();
    const goals = within(panel).getByRole('region', { name: 'Goals' });
    expect(within(goals).getAllByRole('article').map((a) => a.getAttribute('aria-label'))).toEqual(['Thread by Vera', 'Thread by Vera, resolved']);
    expect(within(panel).getByRole('region', { name: 'Whole document' })).toHaveTextContent('Thread t3');
    const linked = within(goals).getByRole('article', { name: 'Thread by Vera, resolved' });
    expect(linked).toHaveClass('is-highlighted');
    await waitFor(() => expect(linked).toHaveFocus());
    expect(linked.querySelector('#comment-r9')).toHaveClass('is-highlighted');
  });

  it('starts a thread on a section from its heading button', async () => {
    const fake = show('/documents/d1', []);
    await screen.findByText('No comments yet.');
    await userEvent.click(screen.getByRole('button', { name: 'Comment on Risks' }));
    expect(screen.getByText('New comment on')).toHaveTextContent('New comment on Risks');
    const box = screen.getByRole('combobox', { name: 'Your comment' });
    expect(box).toHaveFocus();
    await userEvent.type(box, 'Who owns this?');
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/documents/d1/comments')[0]?.body).toEqual({ body: 'Who owns this?', section: 'Risks' }));
  });

  it('tells a viewer of an organization that turned viewer comments off why they cannot write', async () => {
    show('/documents/d1', [thread('t1')], false, 'viewer');
    expect(await screen.findByText(/Your organization turned comments off for viewers/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Comment on/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
    expect(screen.getByText('Thread t1')).toBeInTheDocument();
  });
});
