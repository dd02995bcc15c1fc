import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { useLatestNotifications, useMarkRead } from '../api/notifications-api';
import { useNotificationStream } from '../api/notification-stream';
import { NotificationItem } from './notification-item';
import { useDismiss } from '@/lib/use-dismiss';

/**
 * The header's bell: the unread count, kept live by the notification stream,
 * and a popover with the newest notifications (disclosure pattern).
 */
export function NotificationBell() {
  useNotificationStream(true);
  const latest = useLatestNotifications();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { root, button } = useDismiss(open, () => setOpen(false));
  const unread = latest.data?.unread_count ?? 0;

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  const items = latest.data?.items ?? [];
  return (
    <div className="notification-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-btn bell-btn"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((v) => !v)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell-count" aria-hidden="true" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <div className="visually-hidden" aria-live="polite">
        {unread > 0 ? `${unread} unread ${unread === 1 ? 'notification' : 'notifications'}` : ''}
      </div>
      <div id={panelId} className="menu-popup notification-popover" hidden={!open} role="region" aria-labelledby={`${panelId}-title`}>
        <div className="notification-popover-head">
          <p className="notification-popover-title" id={`${panelId}-title`}>
            Notifications
          </p>
          {unread > 0 ? (
            <Button size="sm" variant="ghost" onClick={() => markRead.mutate(null)} loading={markRead.isPending && markRead.variables === null}>
              Mark all read
            </Button>
          ) : null}
        </div>
        {latest.isPending ? (
          <p className="loading">
            <Spinner size="sm" label="" /> Loading…
          </p>
        ) : latest.isError ? (
          <ErrorMessage error={latest.error} title="Could not load notifications" onRetry={() => void latest.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted notification-empty">Nothing yet. Mentions, replies and reviews show up here.</p>
        ) : (
          <ul className="notification-list" aria-label="Newest notifications">
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                n={n}
                compact
                onOpen={(x) => {
                  setOpen(false);
                  if (!x.read) markRead.mutate([x.id]);
                }}
              />
            ))}
          </ul>
        )}
        <p className="notification-popover-foot">
          <Link to="/notifications" onClick={() => setOpen(false)}>
            All notifications
          </Link>
          <Link to="/account/notifications" onClick={() => setOpen(false)}>
            E-mail settings
          </Link>
        </p>
      </div>
    </div>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
