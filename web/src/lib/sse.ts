// Server-Sent Events over fetch, so the request can carry the
// Authorization header (EventSource cannot). Parses the text/event-stream
// format (id/event/data/retry fields and ":" comments), and after a dropped
// connection reconnects with Last-Event-ID so the server sends the rest
// exactly once. Stops for good on a terminal event (default: done, error).
import { api } from './api-client';
import { problemFromResponse } from './problem';

export interface SseEvent {
  /** The event's id, or the last id seen (as the spec's lastEventId). */
  id: string;
  /** `event:` field; "message" when absent. */
  event: string;
  /** `data:` lines joined with "\n". */
  data: string;
}

/** Incremental text/event-stream parser; feed it decoded text chunks. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private sawField = false;
  lastEventId = '';
  retryMs: number | null = null;

  constructor(
    private readonly onEvent: (e: SseEvent) => void,
    private readonly onComment?: (text: string) => void,
  ) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone "\r" at the end may be the first half of "\r\n": wait for more.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.onComment?.(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.sawField = true;
        break;
      case 'event':
        this.eventType = value;
        this.sawField = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    if (this.sawField && this.data.length > 0) {
      this.onEvent({ id: this.lastEventId, event: this.eventType || 'message', data: this.data.join('\n') });
    }
    this.data = [];
    this.eventType = '';
    this.sawField = false;
  }
}

export type SseEndReason = 'terminal' | 'closed' | 'failed';

export interface SseOptions {
  onEvent: (event: SseEvent) => void;
  onOpen?: () => void;
  onComment?: (text: string) => void;
  /** Called before each reconnect attempt (1, 2, …). */
  onReconnect?: (attempt: number, lastEventId: string) => void;
  /** Called once when the stream cannot be (re)opened; the error is an ApiError or network error. */
  onError?: (error: unknown) => void;
  /** Events after which the stream is finished (default ["done", "error"]). */
  terminalEvents?: string[];
  /** Resume from this id on the first connection. */
  lastEventId?: string;
  /** Reconnect attempts after drops in a row without any new event (default 5). */
  maxRetries?: number;
  /** Delay before reconnecting unless the server sent `retry:` (default 1000 ms). */
  retryDelayMs?: number;
  signal?: AbortSignal;
  /** Transport; defaults to the API client's fetchRaw (auth, refresh, backoff). */
  fetch?: (path: string, init: RequestInit) => Promise<Response>;
}

export interface SseSubscription {
  close(): void;
  /** Resolves when the stream ends for good. */
  finished: Promise<SseEndReason>;
  /** The last event id received so far. */
  lastEventId(): string;
}

/** Opens an event stream at an API path, e.g. `/api/v1/generations/${id}/events`. */
export function subscribeSse(path: string, options: SseOptions): SseSubscription {
  const controller = new AbortController();
  const terminal = new Set(options.terminalEvents ?? ['done', 'error']);
  const maxRetries = options.maxRetries ?? 5;
  const transport = options.fetch ?? ((p: string, init: RequestInit) => api.fetchRaw(p, init));
  if (options.signal) {
    if (options.signal.aborted) controller.abort();
    else options.signal.addEventListener('abort', () => controller.abort(), { once: true });
  }

  let lastId = options.lastEventId ?? '';
  let finishedByTerminal = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      }, { once: true });
    });

  async function run(): Promise<SseEndReason> {
    let failures = 0;
    let retryMs = options.retryDelayMs ?? 1000;
    for (;;) {
      if (controller.signal.aborted) return 'closed';
      let gotEvent = false;
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const res = await transport(path, { method: 'GET', headers, signal: controller.signal });
        if (!res.ok) {
          // 4xx is final; 5xx other than 503 (handled by the transport) too.
          options.onError?.(await problemFromResponse(res));
          return 'failed';
        }
        if (!res.body) throw new Error('Event stream has no body');
        options.onOpen?.();
        const parser = new SseParser((event) => {
          if (finishedByTerminal) return;
          lastId = event.id || lastId;
          gotEvent = true;
          options.onEvent(event);
          if (terminal.has(event.event)) {
            finishedByTerminal = true;
            controller.abort();
          }
        }, options.onComment);
        parser.lastEventId = lastId;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(decoder.decode(value, { stream: true }));
            if (finishedByTerminal) break;
          }
        } finally {
          reader.cancel().catch(() => undefined);
        }
        if (parser.retryMs !== null) retryMs = parser.retryMs;
      } catch (error) {
        if (finishedByTerminal) return 'terminal';
        if (controller.signal.aborted) return 'closed';
        if (isFinal(error)) {
          options.onError?.(error);
          return 'failed';
        }
      }
      if (finishedByTerminal) return 'terminal';
      if (controller.signal.aborted) return 'closed';
      // The connection dropped before a terminal event: resume.
      failures = gotEvent ? 1 : failures + 1;
      if (failures > maxRetries) {
        options.onError?.(new Error('The event stream was interrupted too many times.'));
        return 'failed';
      }
      options.onReconnect?.(failures, lastId);
      await wait(retryMs);
    }
  }

  const finished = run();
  return {
    close: () => controller.abort(),
    finished,
    lastEventId: () => lastId,
  };
}

function isFinal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && (error as { status: number }).status >= 400;
}
