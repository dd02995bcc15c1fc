// What each kind of notification says, where it leads, and how its e-mail
// setting reads.
import type { components } from '@/lib/api/schema';

export type Notification = components['schemas']['Notification'];
export type NotificationKind = Notification['kind'];

export const notificationKinds: NotificationKind[] = ['mention', 'reply', 'review_request', 'review', 'invitation_accepted'];

export function isNotificationKind(value: string): value is NotificationKind {
  return (notificationKinds as string[]).includes(value);
}

/** The e-mail setting's label ("E-mail me when …"). */
export const emailKindLabels: Record<NotificationKind, string> = {
  mention: 'someone mentions me in a comment',
  reply: 'someone replies in a comment thread I take part in',
  review_request: 'someone asks me to review a document',
  review: 'someone approves or requests changes on a document of mine, or one I asked them to review',
  invitation_accepted: 'someone accepts my invitation to an organization',
};

/** What stops when one unsubscribes from a kind ("e-mails when …"). */
export const emailKindSummaries: Record<NotificationKind, string> = {
  mention: 'e-mails when someone mentions you in a comment',
  reply: 'e-mails when someone replies in a comment thread you take part in',
  review_request: 'e-mails when someone asks you to review a document',
  review: 'e-mails when someone reviews a document of yours, or one you asked them to review',
  invitation_accepted: 'e-mails when someone accepts your invitation',
};

/** One line saying what happened. */
export function notificationHeadline(n: Notification): string {
  const who = n.actor?.name || 'Someone';
  const title = n.document ? `“${n.document.title || 'Untitled document'}”` : 'a document';
  switch (n.kind) {
    case 'mention':
      return `${who} mentioned you in a comment on ${title}`;
    case 'reply':
      return `${who} replied in a thread on ${title}`;
    case 'review_request':
      return `${who} asked you to review ${title}`;
    case 'review':
      return `${who} reviewed ${title}`;
    case 'invitation_accepted':
      return `${who} accepted your invitation`;
    default:
      return `${who} did something that concerns you`;
  }
}

/** Where the notification leads: the exact comment, the review, or the members list. */
export function notificationLink(n: Notification): string {
  if (n.document) {
    const doc = `/documents/${encodeURIComponent(n.document.id)}`;
    if (n.comment_id) return `${doc}?comment=${encodeURIComponent(n.comment_id)}`;
    if (n.review_id) return `${doc}?review=${encodeURIComponent(n.review_id)}`;
    if (n.kind === 'review_request') return `${doc}?review=requested`;
    return doc;
  }
  if (n.kind === 'invitation_accepted') return '/org/members';
  return '/notifications';
}

export interface NotificationDay {
  key: string;
  label: string;
  items: Notification[];
}

/** Notifications newest first, grouped by day ("Today", "Yesterday", then dates). */
export function groupByDay(items: Notification[], now = new Date()): NotificationDay[] {
  const sorted = [...items].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  const days: NotificationDay[] = [];
  for (const n of sorted) {
    const d = new Date(n.created_at);
    const key = dayKey(d);
    let day = days.find((x) => x.key === key);
    if (!day) {
      day = { key, label: key === today ? 'Today' : key === yesterday ? 'Yesterday' : format.format(d), items: [] };
      days.push(day);
    }
    day.items.push(n);
  }
  return days;
}

/**
 * The kind an unsubscribe link's token names, read before anything is sent
 * so the page can say what will stop. The token is `base64url(user.kind)`
 * + "." + its signature; the server checks the signature.
 */
export function kindOfUnsubscribeToken(token: string): NotificationKind | null {
  const payload = token.split('.')[0];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const kind = text.slice(text.lastIndexOf('.') + 1);
    return isNotificationKind(kind) ? kind : null;
  } catch {
    return null;
  }
}
