import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiError } from '@/lib/problem';
import { subscribeSse, type SseOptions } from '@/lib/sse';
import { backoffDelay } from '../lib/backoff';
import { collabKeys, notificationKeys } from './keys';

export const STREAM_PATH = '/api/v1/notifications/stream';

export interface FollowOptions {
  /** Called for each `changed` event; `first` is the one that opens each connection. */
  onChanged: (first: boolean) => void;
  /** Transport for tests (default: the API client, with the bearer token). */
  fetch?: SseOptions['fetch'];
  /** Delay before reopening after the stream failed (default: backoffDelay). */
  delay?: (attempt: number, retryAfterMs: number) => number;
}

/**
 * Follows the user's notification stream until closed. The stream is read
 * with fetch (see lib/sse), so it carries the access token like every other
 * request. Short drops are resumed by lib/sse (the server asks for 5 s);
 * when the stream fails for good (too many drops, 429 for too many open
 * tabs, the server away) it is reopened after a growing delay.
 */
export function followNotifications({ onChanged, fetch, delay = (n, ms) => backoffDelay(n, { retryAfterMs: ms }) }: FollowOptions): () => void {
  let closed = false;
  let current: { close(): void } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;

  const open = () => {
    if (closed) return;
    let first = true;
    let retryAfterMs = 0;
    const sub = subscribeSse(STREAM_PATH, {
      fetch,
      terminalEvents: [],
      maxRetries: 3,
      onOpen: () => {
        first = true;
      },
      onEvent: (event) => {
        if (event.event !== 'changed') return;
        failures = 0;
        onChanged(first);
        first = false;
      },
      onError: (error) => {
        retryAfterMs = isApiError(error) && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
      },
    });
    current = sub;
    void sub.finished.then((reason) => {
      if (closed || reason === 'closed') return;
      failures += 1;
      timer = setTimeout(open, delay(failures, retryAfterMs));
    });
  };

  open();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    current?.close();
  };
}

/**
 * Keeps notifications live while mounted (the header's bell): each change
 * refreshes the notification queries, and the comments and reviews on
 * screen, since a mention, reply or review usually changed them too.
 */
export function useNotificationStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let connections = 0;
    return followNotifications({
      onChanged: (first) => {
        void qc.invalidateQueries({ queryKey: notificationKeys.all });
        if (first) connections += 1;
        // The first event of the first connection only says the stream is up.
        if (!first || connections > 1) {
          void qc.invalidateQueries({ queryKey: collabKeys.allComments });
          void qc.invalidateQueries({ queryKey: collabKeys.allReviews });
        }
      },
    });
  }, [enabled, qc]);
}
