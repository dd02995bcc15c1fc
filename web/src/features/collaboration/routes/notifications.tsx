import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLatestNotifications, useMarkRead, useNotificationPages } from '../api/notifications-api';
import { NotificationItem } from '../components/notification-item';
import { groupByDay } from '../lib/notification-kinds';
import '../collaboration.css';

/** /notifications — every notification, newest first by day, with mark read / mark all read. */
export function NotificationsRoute() {
  useDocumentTitle('Notifications');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useNotificationPages(unreadOnly);
  const markRead = useMarkRead();
  // The bell's query has the unread count (and the stream keeps it fresh).
  const latest = useLatestNotifications();
  const unread = latest.data?.unread_count ?? 0;
  return (
    <>
      <PageHeader
        title="Notifications"
        description={latest.data ? (unread > 0 ? `${unread} unread` : 'All read') : undefined}
        actions={
          <>
            <Button onClick={() => markRead.mutate(null)} disabled={unread === 0} loading={markRead.isPending && markRead.variables === null}>
              Mark all read
            </Button>
            <Link className="btn" to="/account/notifications">
              E-mail settings
            </Link>
          </>
        }
      />
      <div className="notifications-filter" role="group" aria-label="Show">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          Unread only
        </label>
      </div>
      <QueryState
        query={pages}
        loadingLabel="Loading notifications…"
        isEmpty={() => pages.items.length === 0}
        empty={
          <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
            You are told here when someone mentions you, replies in a thread of yours, asks you to review a document or reviews yours.
          </EmptyState>
        }
      >
        {() => (
          <div className="notification-days">
            {groupByDay(pages.items).map((day) => (
              <section key={day.key} aria-labelledby={`day-${day.key}`} className="notification-day">
                <h2 id={`day-${day.key}`} className="notification-day-title">
                  {day.label}
                </h2>
                <ul className="notification-list card">
                  {day.items.map((n) => (
                    <NotificationItem
                      key={n.id}
                      n={n}
                      onOpen={(x) => {
                        if (!x.read) markRead.mutate([x.id]);
                      }}
                      onMarkRead={(x) => markRead.mutate([x.id])}
                    />
                  ))}
                </ul>
              </section>
            ))}
            {pages.hasNextPage ? (
              <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                Load older notifications
              </Button>
            ) : null}
          </div>
        )}
      </QueryState>
    </>
  );
}
