import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, testMe } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import type { Reviews } from '../api/reviews-api';
import { ReviewPanel } from './review-panel';

configure({ asyncUtilTimeout: 4000 });

const person = (id: string, name: string) => ({ id, name });
const reviews = (over: Partial<Reviews> = {}): Reviews => ({
  status: 'in_review',
  current_version: 3,
  required_approvals: 2,
  viewers_can_review: true,
  approvals: 1,
  author_id: 'author',
  reviewers: [
    {
      reviewer: person('u1', 'Ada'),
      requested_by: person('author', 'Olivia'),
      requested_version: 2,
      requested_at: '2030-01-01T00:00:00Z',
      latest: { id: 'r1', reviewer: person('u1', 'Ada'), decision: 'approve', body: '', version: 2, stale: true, created_at: '2030-01-01T01:00:00Z' },
    },
    {
      reviewer: person('u3', 'Bo'),
      requested_by: person('author', 'Olivia'),
      requested_version: 3,
      requested_at: '2030-01-01T00:00:00Z',
      latest: { id: 'r2', reviewer: person('u3', 'Bo'), decision: 'approve', body: 'Fine', version: 3, stale: false, created_at: '2030-01-01T02:00:00Z' },
    },
  ],
  reviews: [],
  last_approved_version: 3,
  ...over,
});

const me = (role: string, id = 'u1') => ({ ...testMe, user: { ...testMe.user, id }, memberships: [{ org_id: 'o1', org_name: 'Acme', role }] });

function show(state: Reviews, who: ReturnType<typeof me>, routes = {}, route = '/documents/d1') {
  const fake = installFakeFetch({
    'GET /api/v1/auth/me': () => json(who),
    'GET /api/v1/documents/d1/reviews': () => json(state),
    ...routes,
  });
  const onStatusChanged = vi.fn();
  renderWithProviders(<ReviewPanel documentId="d1" orgId="o1" version={state.current_version} status={state.status} onStatusChanged={onStatusChanged} />, { route });
  return { fake, onStatusChanged };
}

describe('ReviewPanel', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('shows approvals of required, each reviewer’s latest decision with stale ones marked, and what changed since approval', async () => {
    show(reviews({ last_approved_version: 2, approvals: 1 }), me('member', 'u9'));
    const region = await screen.findByRole('region', { name: 'Review' });
    expect(within(region).getByText('1 of 2 approvals on version 3')).toBeInTheDocument();
    const list = within(region).getByRole('list', { name: 'Reviewers' });
    expect(within(list).getByText('Approved version 2, before the latest changes')).toBeInTheDocument();
    expect(within(list).getByText('stale')).toBeInTheDocument();
    expect(within(list).getByText('Approved version 3')).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: 'What changed since approval (version 2 → 3)' })).toHaveAttribute(
      'href',
      '/documents/d1?tab=versions&from=2&to=3',
    );
  });

  it('offers the author no approval, and a non-author approve and request changes (with a reason)', async () => {
    const { unmount } = renderAuthor();
    await screen.findByText('You wrote this document, so others review it.');
    expect(screen.queryByRole('button', { name: 'Approve…' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request review…' })).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();

    const approved = reviews({ status: 'approved', approvals: 2 });
    const { fake, onStatusChanged } = show(reviews(), me('viewer', 'u5'), {
      'POST /api/v1/documents/d1/reviews': () => json(approved, 201),
    });
    // A viewer may review, but not ask others to.
    await userEvent.click(await screen.findByRole('button', { name: 'Request changes…' }));
    expect(screen.queryByRole('button', { name: 'Request review…' })).not.toBeInTheDocument();
    const dialog = screen.getByRole('dialog', { name: 'Request changes to version 3' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    expect(within(dialog).getByText('Say what should change.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/documents/d1/reviews')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await userEvent.click(screen.getByRole('button', { name: 'Approve…' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Approve version 3' })).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/documents/d1/reviews')[0]?.body).toEqual({ decision: 'approve' }));
    // The review approved the document: the page reloads it.
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
  });

  it('asks reviewers among the members, never the author or oneself', async () => {
    const members = [
      { user_id: 'author', name: 'Olivia', email: 'o@example.com', role: 'owner' },
      { user_id: 'u9', name: 'Me', email: 'me@example.com', role: 'member' },
      { user_id: 'u1', name: 'Ada', email: 'a@example.com', role: 'member' },
      { user_id: 'u7', name: 'Cy', email: 'c@example.com', role: 'viewer' },
    ];
    const { fake } = show(reviews({ status: 'draft', reviewers: [], approvals: 0, last_approved_version: null }), me('member', 'u9'), {
      'GET /api/v1/orgs/o1/members': () => json({ items: members, next_cursor: null }),
      'POST /api/v1/documents/d1/review-requests': () => json(reviews({ status: 'in_review', approvals: 0 })),
    });
    expect(await screen.findByText(/Nobody has been asked to review this document yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request review…' }));
    const dialog = screen.getByRole('dialog', { name: 'Request review' });
    await within(dialog).findByRole('group', { name: 'Who should review version 3?' });
    expect(within(dialog).getAllByRole('checkbox').map((c) => c.closest('.checkbox')?.textContent)).toEqual(['Ada Member', 'Cy Viewer']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request review' }));
    expect(within(dialog).getByText('Choose at least one reviewer.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText(/Cy/));
    await userEvent.click(within(dialog).getByLabelText(/Ada/));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request review' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/documents/d1/review-requests')[0]?.body).toEqual({ reviewers: ['u7', 'u1'] }));
  });

  it('offers a viewer no review when the organization turned viewers’ comments off, and says why', async () => {
    show(reviews({ viewers_can_review: false }), me('viewer', 'u5'));
    expect(await screen.findByText(/Your organization turned off comments and reviews from viewers/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Request changes…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Request review…' })).toBeNull();
  });

  it('does not offer viewers as reviewers when they may not review, and says so', async () => {
    const members = [
      { user_id: 'u1', name: 'Ada', email: 'a@example.com', role: 'member' },
      { user_id: 'u7', name: 'Cy', email: 'c@example.com', role: 'viewer' },
    ];
    show(reviews({ status: 'draft', reviewers: [], approvals: 0, last_approved_version: null, viewers_can_review: false }), me('member', 'u9'), {
      'GET /api/v1/orgs/o1/members': () => json({ items: members, next_cursor: null }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Request review…' }));
    const dialog = screen.getByRole('dialog', { name: 'Request review' });
    await within(dialog).findByRole('group', { name: 'Who should review version 3?' });
    expect(within(dialog).getAllByRole('checkbox').map((c) => c.closest('.checkbox')?.textContent)).toEqual(['Ada Member']);
    expect(within(dialog).getByText('Viewers are not listed: this organization turned off comments and reviews from viewers.')).toBeInTheDocument();
  });

  it('the review dialog counts the comment and refuses an over-long one without cutting it', async () => {
    const { fake } = show(reviews(), me('member', 'u9'));
    await userEvent.click(await screen.findByRole('button', { name: 'Request changes…' }));
    const dialog = screen.getByRole('dialog', { name: 'Request changes to version 3' });
    const box = within(dialog).getByRole('textbox', { name: /What should change/ });
    await userEvent.click(box);
    await userEvent.paste('y'.repeat(10_001));
    expect(box).toHaveValue('y'.repeat(10_001));
    expect(box).toHaveAccessibleDescription('10,001 / 10,000 — 1 too many');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    expect(within(dialog).getByText('What should change is 1 character too long: at most 10,000.')).toBeInTheDocument();
    expect(fake.calls('POST', '/api/v1/documents/d1/reviews')).toHaveLength(0);
  });

  it('a link to a review opens the history on that review and focuses it; a stale link says so', async () => {
    const history = reviews({
      reviews: [
        { id: 'r1', reviewer: person('u1', 'Ada'), decision: 'approve', body: '', version: 2, stale: true, created_at: '2030-01-01T01:00:00Z' },
        { id: 'r2', reviewer: person('u3', 'Bo'), decision: 'request_changes', body: 'Name the owners.', version: 3, stale: false, created_at: '2030-01-01T02:00:00Z' },
      ],
    });
    const { unmount } = renderLinked(history, '/documents/d1?review=r2');
    const linked = await screen.findByText('Name the owners.');
    const item = linked.closest('li');
    await waitFor(() => expect(item).toHaveFocus());
    expect(item).toHaveClass('is-highlighted');
    expect(screen.getByText('Review history (2)').closest('details')).toHaveAttribute('open');
    unmount();
    vi.unstubAllGlobals();

    renderLinked(history, '/documents/d1?review=gone');
    expect(await screen.findByText('The review you followed is not on this document any more.')).toBeInTheDocument();
  });

  it('a review request link highlights and focuses the reviewer’s own row', async () => {
    renderLinked(reviews(), '/documents/d1?review=requested', 'u3');
    const row = (await screen.findByText('Bo')).closest('li');
    await waitFor(() => expect(row).toHaveFocus());
    expect(row).toHaveClass('is-highlighted');
  });
});

function renderLinked(state: Reviews, route: string, userId = 'u9') {
  installFakeFetch({
    'GET /api/v1/auth/me': () => json(me('member', userId)),
    'GET /api/v1/documents/d1/reviews': () => json(state),
  });
  return renderWithProviders(<ReviewPanel documentId="d1" orgId="o1" version={3} status="in_review" onStatusChanged={() => undefined} />, { route });
}

function renderAuthor() {
  installFakeFetch({
    'GET /api/v1/auth/me': () => json(me('owner', 'author')),
    'GET /api/v1/documents/d1/reviews': () => json(reviews()),
  });
  return renderWithProviders(<ReviewPanel documentId="d1" orgId="o1" version={3} status="in_review" onStatusChanged={() => undefined} />);
}
