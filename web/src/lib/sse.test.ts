import { describe, expect, it, vi } from 'vitest';
import { SseParser, subscribeSse, type SseEvent } from './sse';

function streamOf(chunks: string[], { error = false } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else if (error) controller.error(new TypeError('network connection lost'));
      else controller.close();
    },
  });
}

function sseResponse(chunks: string[], opts?: { error?: boolean }): Response {
  return new Response(streamOf(chunks, opts), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('SseParser', () => {
  it('parses events split across chunks, comments, CRLF and multi-line data', () => {
    const events: SseEvent[] = [];
    const comments: string[] = [];
    const parser = new SseParser((e) => events.push(e), (c) => comments.push(c));
    const text = ': keep-alive\n\nid: 1\nevent: delta\ndata: {"text":"Hel"}\n\nid: 2\r\nevent: delta\r\ndata: {"text":"lo"}\r\n\r\nid: 3\ndata: line one\ndata: line two\nretry: 2500\n\n';
    // Feed it in awkward pieces: mid-field, mid-CRLF, one byte at a time.
    const cuts = [3, 17, 20, 33, 34, 60, 61, 62, 90, 91];
    let last = 0;
    for (const cut of [...cuts, text.length]) {
      parser.feed(text.slice(last, cut));
      last = cut;
    }
    expect(events).toEqual([
      { id: '1', event: 'delta', data: '{"text":"Hel"}' },
      { id: '2', event: 'delta', data: '{"text":"lo"}' },
      { id: '3', event: 'message', data: 'line one\nline two' },
    ]);
    expect(comments).toEqual(['keep-alive']);
    expect(parser.retryMs).toBe(2500);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((e) => events.push(e));
    parser.feed('event: done\ndata: {}\n');
    expect(events).toHaveLength(0);
    parser.feed('\n');
    expect(events).toEqual([{ id: '', event: 'done', data: '{}' }]);
  });
});

describe('subscribeSse', () => {
  it('resumes with Last-Event-ID exactly once after a dropped connection and stops on done', async () => {
    const requests: Headers[] = [];
    const transport = vi.fn(async (_path: string, init: RequestInit) => {
      requests.push(new Headers(init.headers));
      if (requests.length === 1) {
        // The connection drops after two events (the second split in two).
        return sseResponse(['id: 1\nevent: delta\ndata: {"text":"a"}\n\nid: 2\nevent: del', 'ta\ndata: {"text":"b"}\n\n'], { error: true });
      }
      return sseResponse(['id: 3\nevent: delta\ndata: {"text":"c"}\n\n', 'id: 4\nevent: done\ndata: {"document_id":"d1"}\n\n', 'id: 5\nevent: delta\ndata: {"text":"never"}\n\n']);
    });
    const events: SseEvent[] = [];
    const reconnects: [number, string][] = [];
    const sub = subscribeSse('/api/v1/generations/g1/events', {
      fetch: transport,
      retryDelayMs: 1,
      onEvent: (e) => events.push(e),
      onReconnect: (attempt, lastId) => reconnects.push([attempt, lastId]),
    });
    await expect(sub.finished).resolves.toBe('terminal');
    expect(transport).toHaveBeenCalledTimes(2);
    expect(requests[0].get('Last-Event-ID')).toBeNull();
    expect(requests[0].get('Accept')).toBe('text/event-stream');
    expect(requests[1].get('Last-Event-ID')).toBe('2');
    expect(reconnects).toEqual([[1, '2']]);
    expect(events.map((e) => [e.id, e.event, e.data])).toEqual([
      ['1', 'delta', '{"text":"a"}'],
      ['2', 'delta', '{"text":"b"}'],
      ['3', 'delta', '{"text":"c"}'],
      ['4', 'done', '{"document_id":"d1"}'],
    ]);
    expect(sub.lastEventId()).toBe('4');
  });

  it('reconnects when the server closes the stream cleanly before a terminal event', async () => {
    let n = 0;
    const transport = vi.fn(async () => (++n === 1 ? sseResponse(['id: 7\nevent: status\ndata: {"status":"running"}\n\n']) : sseResponse(['id: 8\nevent: error\ndata: {"code":"provider_error","message":"boom"}\n\n'])));
    const events: SseEvent[] = [];
    const sub = subscribeSse('/x', { fetch: transport, retryDelayMs: 1, onEvent: (e) => events.push(e) });
    await expect(sub.finished).resolves.toBe('terminal');
    expect(transport).toHaveBeenCalledTimes(2);
    expect(events.map((e) => e.event)).toEqual(['status', 'error']);
  });

  it('fails without retrying on an HTTP error and reports it', async () => {
    const transport = vi.fn(async () =>
      new Response(JSON.stringify({ status: 404, title: 'Not found', code: 'not_found' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const onError = vi.fn();
    const sub = subscribeSse('/x', { fetch: transport, onEvent: () => undefined, onError });
    await expect(sub.finished).resolves.toBe('failed');
    expect(transport).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('gives up after maxRetries drops without progress', async () => {
    const transport = vi.fn(async () => sseResponse([], { error: true }));
    const onError = vi.fn();
    const sub = subscribeSse('/x', { fetch: transport, retryDelayMs: 1, maxRetries: 2, onEvent: () => undefined, onError });
    await expect(sub.finished).resolves.toBe('failed');
    expect(transport).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('stops when closed by the caller', async () => {
    let cancelled = false;
    const transport = vi.fn(
      async (_p: string, init: RequestInit) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('id: 1\ndata: x\n\n'));
              init.signal?.addEventListener('abort', () => {
                cancelled = true;
                controller.error(new DOMException('Aborted', 'AbortError'));
              });
            },
          }),
          { status: 200 },
        ),
    );
    const events: SseEvent[] = [];
    const sub = subscribeSse('/x', { fetch: transport, onEvent: (e) => events.push(e) });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    sub.close();
    await expect(sub.finished).resolves.toBe('closed');
    expect(cancelled).toBe(true);
    expect(transport).toHaveBeenCalledTimes(1);
  });
});
