import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { groupByDay, kindOfUnsubscribeToken, notificationHeadline, notificationLink, type Notification } from './notification-kinds';

const note = (over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind: 'mention',
  org_id: 'o1',
  actor: { id: 'u2', name: 'Vera' },
  document: { id: 'd1', title: 'Checkout PRD', project_id: 'p1' },
  comment_id: 'c1',
  review_id: null,
  excerpt: 'Which date?',
  created_at: '2030-05-10T09:00:00Z',
  read: false,
  read_at: null,
  ...over,
});

describe('notifications', () => {
  it('lead to the exact comment, the review, or the members', () => {
    expect(notificationLink(note())).toBe('/documents/d1?comment=c1');
    expect(notificationLink(note({ kind: 'review', comment_id: null, review_id: 'r1' }))).toBe('/documents/d1?review=r1');
    expect(notificationLink(note({ kind: 'review_request', comment_id: null }))).toBe('/documents/d1?review=requested');
    expect(notificationLink(note({ kind: 'invitation_accepted', document: null, comment_id: null }))).toBe('/org/members');
  });

  it('say what happened', () => {
    expect(notificationHeadline(note())).toBe('Vera mentioned you in a comment on “Checkout PRD”');
    expect(notificationHeadline(note({ kind: 'reply', actor: null }))).toBe('Someone replied in a thread on “Checkout PRD”');
    expect(notificationHeadline(note({ kind: 'invitation_accepted', document: null }))).toBe('Vera accepted your invitation');
  });

  it('group by day, newest first', () => {
    const now = new Date(2030, 4, 10, 18, 0);
    const at = (d: number, h: number) => new Date(2030, 4, d, h, 0).toISOString();
    const days = groupByDay([note({ id: 'a', created_at: at(9, 8) }), note({ id: 'b', created_at: at(10, 9) }), note({ id: 'c', created_at: at(10, 11) }), note({ id: 'd', created_at: at(1, 8) })], now);
    expect(days.map((d) => [d.label, d.items.map((n) => n.id)])).toEqual([
      ['Today', ['c', 'b']],
      ['Yesterday', ['a']],
      [new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2030, 4, 1)), ['d']],
    ]);
  });

  it('read the kind an unsubscribe token names, or nothing from a broken one', () => {
    const token = (payload: string) => `${btoa(payload).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.c2ln`;
    expect(kindOfUnsubscribeToken(token('01a2-user.review_request'))).toBe('review_request');
    expect(kindOfUnsubscribeToken(token('01a2-user.spam'))).toBeNull();
    expect(kindOfUnsubscribeToken('%%%.x')).toBeNull();
    expect(kindOfUnsubscribeToken('')).toBeNull();
  });

  it('reopen a failed stream after a growing delay, never sooner than Retry-After', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { random: none }))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(backoffDelay(1, { random: () => 1 })).toBe(1600);
    expect(backoffDelay(1, { random: none, retryAfterMs: 30000 })).toBe(30000);
  });
});
