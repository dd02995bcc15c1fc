import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { createTokenStore } from './auth/token-store';
import { ApiError } from './problem';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

function authHeader(init: RequestInit | undefined): string | null {
  return new Headers(init?.headers).get('Authorization');
}

/** A client with a scripted fetch and a virtual clock (sleep advances it). */
function setup(handler: (url: string, init: RequestInit | undefined, call: number) => Response | Promise<Response>) {
  const tokens = createTokenStore();
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  let clock = 0;
  const delays: number[] = [];
  const wakingDuringSleep: boolean[] = [];
  const onSignedOut = vi.fn();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    return handler(url, init, calls.length);
  });
  const client = createApiClient({
    fetch: fetchMock as unknown as typeof fetch,
    baseUrl: () => 'http://api.test',
    tokens,
    now: () => clock,
    sleep: async (ms) => {
      delays.push(ms);
      wakingDuringSleep.push(client.waking.get());
      clock += ms;
    },
    onSignedOut,
  });
  return { client, tokens, calls, delays, wakingDuringSleep, onSignedOut, fetchMock };
}

describe('api client', () => {
  it('attaches the access token and parses JSON', async () => {
    const { client, tokens, calls } = setup(() => json(200, { id: 'p1', name: 'Payments' }));
    tokens.set('token-1');
    const project = await client.get('/api/v1/projects/{id}', { path: { id: 'p 1' } });
    expect(project).toEqual({ id: 'p1', name: 'Payments' });
    expect(calls[0].url).toBe('http://api.test/api/v1/projects/p%201');
    expect(authHeader(calls[0].init)).toBe('Bearer token-1');
    expect(calls[0].init?.credentials).toBe('include');
  });

  it('sends JSON bodies and query strings, skipping empty values', async () => {
    const { client, calls } = setup(() => json(200, { items: [], next_cursor: null }));
    await client.get('/api/v1/orgs/{org}/projects', { path: { org: 'o1' }, query: { limit: 10, cursor: undefined } });
    expect(calls[0].url).toBe('http://api.test/api/v1/orgs/o1/projects?limit=10');
    await client.post('/api/v1/orgs', { body: { name: 'Acme' } });
    expect(calls[1].init?.method).toBe('POST');
    expect(calls[1].init?.body).toBe('{"name":"Acme"}');
    expect(new Headers(calls[1].init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const { client, tokens, calls } = setup((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { access_token: 'fresh', expires_in: 900 });
      return authHeader(init) === 'Bearer fresh' ? json(200, { ok: true }) : problem(401, { status: 401, title: 'Unauthorized', code: 'unauthorized' });
    });
    tokens.set('stale');
    // Two requests fail at the same time: they must share one refresh.
    const [a, b] = await Promise.all([client.get('/api/v1/auth/me'), client.get('/api/v1/orgs')]);
    expect(a).toEqual({ ok: true });
    expect(b).toEqual({ ok: true });
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls.filter((c) => c.url.endsWith('/auth/me'))).toHaveLength(2);
    expect(tokens.get()).toBe('fresh');
  });

  it('sends the refresh as JSON, which the server requires of cookie-authenticated requests', async () => {
    const { client, calls } = setup(() => json(200, { access_token: 'fresh' }));
    await client.refresh();
    const init = calls[0].init;
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('include');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(init?.body).toBe('{}');
  });

  it('does not loop: a second 401 after the refresh is returned as an error', async () => {
    const { client, tokens, calls } = setup((url) =>
      url.endsWith('/auth/refresh') ? json(200, { access_token: 'fresh' }) : problem(401, { status: 401, title: 'Unauthorized', code: 'unauthorized' }),
    );
    tokens.set('stale');
    await expect(client.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(calls.map((c) => c.url.replace('http://api.test', ''))).toEqual(['/api/v1/auth/me', '/api/v1/auth/refresh', '/api/v1/auth/me']);
  });

  it('signs out when the refresh fails', async () => {
    const { client, tokens, onSignedOut } = setup((url) =>
      url.endsWith('/auth/refresh')
        ? problem(401, { status: 401, title: 'Unauthorized', code: 'invalid_refresh_token' })
        : problem(401, { status: 401, title: 'Unauthorized', code: 'unauthorized' }),
    );
    tokens.set('expired');
    const error = await client.get('/api/v1/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(tokens.get()).toBeNull();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for the login call itself', async () => {
    const { client, calls } = setup(() => problem(401, { status: 401, title: 'Invalid credentials', code: 'invalid_credentials' }));
    await expect(client.post('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' }, anonymous: true })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(calls).toHaveLength(1);
    expect(authHeader(calls[0].init)).toBeNull();
  });

  it('retries 503 with exponential backoff while "waking", then succeeds', async () => {
    const { client, delays, wakingDuringSleep, calls } = setup((_url, _init, n) => (n <= 3 ? problem(503, { status: 503, title: 'Unavailable', code: 'unavailable' }) : json(200, { status: 'ok' })));
    expect(client.waking.get()).toBe(false);
    await expect(client.get('/api/v1/orgs')).resolves.toEqual({ status: 'ok' });
    expect(calls).toHaveLength(4);
    expect(delays).toEqual([500, 1000, 2000]);
    expect(wakingDuringSleep).toEqual([true, true, true]);
    expect(client.waking.get()).toBe(false);
  });

  it('honours Retry-After on 503', async () => {
    const { client, delays } = setup((_u, _i, n) => (n === 1 ? problem(503, { status: 503, title: 'x', code: 'x' }, { 'Retry-After': '3' }) : json(200, {})));
    await client.get('/api/v1/orgs');
    expect(delays).toEqual([3000]);
  });

  it('gives up after about a minute of 503s and reports the problem', async () => {
    const { client, delays } = setup(() => problem(503, { status: 503, title: 'Service unavailable', code: 'unavailable', detail: 'starting' }));
    const error = (await client.get('/api/v1/orgs').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    const waited = delays.reduce((a, b) => a + b, 0);
    expect(waited).toBeLessThanOrEqual(60_000);
    expect(waited).toBeGreaterThan(40_000);
    expect(client.waking.get()).toBe(false);
  });

  it('retries network errors, then succeeds', async () => {
    const { client, calls, delays } = setup((_u, _i, n) => {
      if (n <= 2) throw new TypeError('Failed to fetch');
      return json(200, { items: [] });
    });
    await expect(client.get('/api/v1/orgs')).resolves.toEqual({ items: [] });
    expect(calls).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
  });

  it('turns a lasting network failure into an ApiError with status 0', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/api/v1/orgs')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('does not retry with noRetry', async () => {
    const { client, calls } = setup(() => problem(503, { status: 503, title: 'x', code: 'x' }));
    await expect(client.get('/api/v1/orgs', { noRetry: true })).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it('turns problem+json into ApiError with every field', async () => {
    const { client } = setup(() =>
      problem(
        422,
        {
          type: 'https://prism.dev/problems/validation_failed',
          title: 'Validation failed',
          status: 422,
          detail: 'Some fields are invalid.',
          code: 'validation_failed',
          errors: [
            { field: 'key', message: 'must be 2–10 upper-case letters or digits' },
            { field: 'name', message: 'is required' },
          ],
        },
        { 'X-Request-ID': 'req-42' },
      ),
    );
    const error = (await client.post('/api/v1/orgs/{org}/projects', { path: { org: 'o' }, body: { name: '', key: 'x' } }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', title: 'Validation failed', detail: 'Some fields are invalid.', requestId: 'req-42' });
    expect(error.errors).toEqual([
      { field: 'key', message: 'must be 2–10 upper-case letters or digits' },
      { field: 'name', message: 'is required' },
    ]);
    expect(error.fieldError('key')).toBe('Key must be 2–10 upper-case letters or digits.');
    expect(error.fieldError('key', 'The project key')).toBe('The project key must be 2–10 upper-case letters or digits.');
    expect(error.fieldErrors()).toEqual({ key: 'Key must be 2–10 upper-case letters or digits.', name: 'Name is required.' });
  });

  it('builds an ApiError from a non-JSON error body', async () => {
    const { client } = setup(() => new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    await expect(client.get('/api/v1/orgs')).rejects.toMatchObject({ status: 502, code: 'http_502', errors: [] });
  });

  it('returns the raw response for ETag-style calls', async () => {
    const { client } = setup(() => json(200, { id: 'd', version: 3 }, { ETag: '"3"' }));
    const { data, response } = await client.call('get', '/api/v1/documents/{id}', { path: { id: 'd' } });
    expect(data).toEqual({ id: 'd', version: 3 });
    expect(response.headers.get('ETag')).toBe('"3"');
  });
});
