// A fetch stand-in for component tests: routes "METHOD /path" to handlers and
// records every request. /config.json and /api/v1/auth/me are answered by default.
import { vi } from 'vitest';

export interface FakeRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type FakeHandler = (req: FakeRequest) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: 'about:blank', status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** An SSE response whose chunks the test pushes (and can end or break) at will. */
export function controllableStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    drop: () => controller.error(new TypeError('network connection lost')),
  };
}

export const sse = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const testMe = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
  memberships: [{ org_id: 'o1', org_name: 'Acme', role: 'member' }],
};

/** Installs the fake as the global fetch. Unknown routes answer 404 problems. */
export function installFakeFetch(routes: Record<string, FakeHandler>) {
  const requests: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    let body: unknown = undefined;
    if (typeof init?.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const req: FakeRequest = { method, path: url.pathname, url, headers: new Headers(init?.headers), body };
    if (url.pathname === '/config.json') return json({ apiBaseUrl: '' });
    requests.push(req);
    const handler = routes[`${method} ${url.pathname}`];
    if (handler) return handler(req);
    if (url.pathname === '/api/v1/auth/me') return json(testMe);
    return problem(404, { title: 'Not found', code: 'not_found' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests, calls: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path) };
}
