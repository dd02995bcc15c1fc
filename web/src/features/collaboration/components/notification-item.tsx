import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { formatDateTime, formatRelative } from '@/lib/format';
import { notificationHeadline, notificationLink, type Notification } from '../lib/notification-kinds';

/** One notification: what happened (a link to the exact comment or review), when, and "Mark read". */
export function NotificationItem({ n, onOpen, onMarkRead, compact = false }: {
  n: Notification;
  /** Following the link marks it read. */
  onOpen: (n: Notification) => void;
  onMarkRead?: (n: Notification) => void;
  compact?: boolean;
}) {
  return (
    <li className={n.read ? 'notification' : 'notification is-unread'}>
      {!n.read ? <span className="unread-dot" aria-hidden="true" /> : null}
      <div className="notification-body">
        <Link to={notificationLink(n)} className="notification-link" onClick={() => onOpen(n)}>
          {!n.read ? <span className="visually-hidden">Unread: </span> : null}
          {notificationHeadline(n)}
        </Link>
        {n.excerpt ? <p className={compact ? 'notification-excerpt clamp-2' : 'notification-excerpt'}>{n.excerpt}</p> : null}
        <time className="muted small" dateTime={n.created_at} title={formatDateTime(n.created_at)}>
          {formatRelative(n.created_at)}
        </time>
      </div>
      {onMarkRead && !n.read ? (
        <Button size="sm" variant="ghost" onClick={() => onMarkRead(n)} aria-label={`Mark read: ${notificationHeadline(n)}`}>
          Mark read
        </Button>
      ) : null}
    </li>
  );
}
