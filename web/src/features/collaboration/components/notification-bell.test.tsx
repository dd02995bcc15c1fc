import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { controllableStream, installFakeFetch, json, problem } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { followNotifications } from '../api/notification-stream';
import type { Notification } from '../lib/notification-kinds';
import { NotificationBell } from './notification-bell';

configure({ asyncUtilTimeout: 4000 });

const note = (id: string, over: Partial<Notification> = {}): Notification => ({
  id,
  kind: 'mention',
  org_id: 'o1',
  actor: { id: 'u2', name: 'Vera' },
  document: { id: 'd1', title: 'Checkout PRD', project_id: 'p1' },
  comment_id: `c-${id}`,
  review_id: null,
  excerpt: 'Which date?',
  created_at: new Date().toISOString(),
  read: false,
  read_at: null,
  ...over,
});

const changed = 'event: changed\ndata: {}\n\n';

describe('NotificationBell', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it('updates its unread count when the stream says the notifications changed, without polling', async () => {
    const stream = controllableStream();
    let items: Notification[] = [];
    const fake = installFakeFetch({
      'GET /api/v1/notifications': () => json({ items, next_cursor: null, unread_count: items.filter((n) => !n.read).length }),
      'GET /api/v1/notifications/stream': () => stream.response,
      'POST /api/v1/notifications/read': (req) => {
        const ids = (req.body as { ids: string[] }).ids;
        items = items.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n));
        return json({ marked: ids.length });
      },
    });
    renderWithProviders(<NotificationBell />);
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    await waitFor(() => expect(fake.calls('GET', '/api/v1/notifications/stream')).toHaveLength(1));
    expect(fake.calls('GET', '/api/v1/notifications/stream')[0].headers.get('Authorization')).toBe('Bearer token');
    stream.push(`retry: 5000\n${changed}`);
    await waitFor(() => expect(fake.calls('GET', '/api/v1/notifications').length).toBeGreaterThanOrEqual(1));

    items = [note('n1'), note('n2', { kind: 'review_request', comment_id: null })];
    const before = fake.calls('GET', '/api/v1/notifications').length;
    stream.push(changed);
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    expect(screen.getByTestId('bell-count')).toHaveTextContent('2');
    expect(fake.calls('GET', '/api/v1/notifications')).toHaveLength(before + 1);
    expect(screen.getByText('2 unread notifications')).toBeInTheDocument();

    // The popover lists them with links to the exact comment; following one marks it read.
    await userEvent.click(screen.getByRole('button', { name: 'Notifications, 2 unread' }));
    const link = screen.getByRole('link', { name: 'Unread: Vera mentioned you in a comment on “Checkout PRD”' });
    expect(link).toHaveAttribute('href', '/documents/d1?comment=c-n1');
    await userEvent.click(link);
    await waitFor(() => expect(fake.calls('POST', '/api/v1/notifications/read')[0]?.body).toEqual({ ids: ['n1'] }));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();

    // Nothing more is fetched while nothing changes.
    const settled = fake.calls('GET', '/api/v1/notifications').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls('GET', '/api/v1/notifications')).toHaveLength(settled);
  });

  it('marks all read from the popover', async () => {
    const stream = controllableStream();
    let unread = true;
    const fake = installFakeFetch({
      'GET /api/v1/notifications': () => json({ items: [note('n1', { read: !unread })], next_cursor: null, unread_count: unread ? 1 : 0 }),
      'GET /api/v1/notifications/stream': () => stream.response,
      'POST /api/v1/notifications/read': () => {
        unread = false;
        return json({ marked: 1 });
      },
    });
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(fake.calls('POST', '/api/v1/notifications/read')[0]?.body).toEqual({ all: true }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
  });
});

describe('followNotifications', () => {
  afterEach(() => vi.useRealTimers());

  it('reopens a refused stream after a delay that honours Retry-After, and stops when closed', async () => {
    const responses = [
      () => problem(429, { title: 'Too many requests', code: 'rate_limited' }),
      () => controllableStream().response,
    ];
    const calls: number[] = [];
    const transport = vi.fn(async () => {
      const next = responses[Math.min(calls.length, responses.length - 1)];
      calls.push(Date.now());
      const res = next();
      if (res.status === 429) return new Response(res.body, { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } });
      return res;
    });
    const delays: [number, number][] = [];
    const stop = followNotifications({
      onChanged: () => undefined,
      fetch: transport,
      delay: (attempt, retryAfterMs) => {
        delays.push([attempt, retryAfterMs]);
        return 1;
      },
    });
    await waitFor(() => expect(transport).toHaveBeenCalledTimes(2));
    expect(delays).toEqual([[1, 30000]]);
    stop();
  });
});
