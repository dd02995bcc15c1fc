// THE one HTTP client. Every request of the app goes through it:
//  - reads apiBaseUrl from /config.json once,
//  - attaches the in-memory access token,
//  - on 401 refreshes once through the HttpOnly cookie and retries,
//  - retries network errors and 503 with exponential backoff for up to
//    ~60 s while exposing a "waking" state (the backend may be cold),
//  - turns application/problem+json into ApiError.
import type { paths } from './api/schema';
import { loadConfig } from './config';
import { ApiError, problemFromResponse } from './problem';
import { observable, type Observable } from './store';
import { tokenStore as defaultTokenStore, type TokenStore } from './auth/token-store';

export { ApiError } from './problem';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Paths = paths;

/** Schema paths that support method M. */
export type PathsWith<M extends Method> = {
  [P in keyof Paths]: NonNullable<Paths[P][M]> extends never ? never : P;
}[keyof Paths];

type Op<P extends keyof Paths, M extends Method> = NonNullable<Paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : unknown;
type Responses<O> = O extends { responses: infer R } ? R : never;
type SuccessOf<R> = 200 extends keyof R
  ? JsonOf<R[200]>
  : 201 extends keyof R
    ? JsonOf<R[201]>
    : 202 extends keyof R
      ? JsonOf<R[202]>
      : 204 extends keyof R
        ? undefined
        : unknown;

/** The JSON success body of an operation. */
export type ResponseOf<P extends keyof Paths, M extends Method> = SuccessOf<Responses<Op<P, M>>>;
/** The JSON request body of an operation. */
export type BodyOf<P extends keyof Paths, M extends Method> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<B = unknown> {
  /** Values for `{name}` placeholders in the path. */
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: B;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send without the access token and skip the refresh-on-401 step. */
  anonymous?: boolean;
  /** Disable the 503/network backoff (e.g. for a user-initiated probe). */
  noRetry?: boolean;
}

export interface ApiResult<T> {
  data: T;
  response: Response;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Resolves the API origin; default reads /config.json. */
  baseUrl?: () => Promise<string> | string;
  tokens?: TokenStore;
  /** Longest total time spent retrying 503s and network errors (ms). */
  maxRetryMs?: number;
  /** First backoff delay (ms); doubles each time up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Called when a refresh failed: the session is over. */
  onSignedOut?: () => void;
}

export interface ApiClient {
  /** Typed call returning the parsed body and the raw response (for ETag etc.). */
  call<M extends Method, P extends PathsWith<M>>(
    method: M,
    path: P,
    options?: RequestOptions<BodyOf<P, M>>,
  ): Promise<ApiResult<ResponseOf<P, M>>>;
  get<P extends PathsWith<'get'>>(path: P, options?: RequestOptions<never>): Promise<ResponseOf<P, 'get'>>;
  post<P extends PathsWith<'post'>>(path: P, options?: RequestOptions<BodyOf<P, 'post'>>): Promise<ResponseOf<P, 'post'>>;
  put<P extends PathsWith<'put'>>(path: P, options?: RequestOptions<BodyOf<P, 'put'>>): Promise<ResponseOf<P, 'put'>>;
  patch<P extends PathsWith<'patch'>>(path: P, options?: RequestOptions<BodyOf<P, 'patch'>>): Promise<ResponseOf<P, 'patch'>>;
  delete<P extends PathsWith<'delete'>>(path: P, options?: RequestOptions<never>): Promise<ResponseOf<P, 'delete'>>;
  /**
   * Untyped escape hatch with the same auth/refresh/backoff behaviour; returns
   * the raw Response (ok or not — check `res.ok`, or use `ensureOk`). For
   * downloads, event streams and other non-JSON bodies.
   */
  fetchRaw(path: string, init?: RequestInit & { query?: RequestOptions['query']; anonymous?: boolean; noRetry?: boolean }): Promise<Response>;
  /** POST /api/v1/auth/refresh (single-flight). Resolves to the new token or null. */
  refresh(): Promise<string | null>;
  /** True while requests are waiting for a cold or restarting server. */
  waking: Observable<boolean>;
  /** Full URL for a path (after config is loaded), e.g. for download links. */
  url(path: string, query?: RequestOptions['query']): Promise<string>;
}

const AUTH_NO_REFRESH = /\/api\/v1\/auth\/(login|register|refresh|password\/forgot|password\/reset)$/;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

export function buildPath(template: string, params?: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query?: RequestOptions['query']): string {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const v of values) if (v !== undefined && v !== null && v !== '') qs.append(key, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** Releases an unread response body (an unread body keeps the request open). */
function discard(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const tokens = options.tokens ?? defaultTokenStore;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 8_000;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => Date.now());
  const waking = observable(false);
  let wakingCount = 0;
  let refreshing: Promise<string | null> | null = null;

  const baseUrl = async () => {
    const b = options.baseUrl ? await options.baseUrl() : (await loadConfig()).apiBaseUrl;
    return b.replace(/\/+$/, '');
  };

  function setWaking(delta: number) {
    wakingCount += delta;
    waking.set(wakingCount > 0);
  }

  // Sends once, retrying 503 and network failures with backoff.
  async function sendWithBackoff(url: string, init: RequestInit, noRetry: boolean): Promise<Response> {
    const started = now();
    let delay = initialDelay;
    let markedWaking = false;
    try {
      for (;;) {
        let res: Response | null = null;
        let failure: unknown = null;
        try {
          res = await doFetch(url, init);
        } catch (e) {
          if (isAbort(e) || init.signal?.aborted) throw e;
          failure = e;
        }
        const retryable = failure !== null || res?.status === 503;
        if (!retryable || noRetry) {
          if (failure) throw new ApiError({ status: 0, code: 'network_error', title: 'Cannot reach the server', detail: 'Check your connection and try again.' });
          return res as Response;
        }
        let wait = delay;
        const retryAfter = Number(res?.headers.get('Retry-After'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(retryAfter * 1000, maxDelay);
        if (now() - started + wait > maxRetryMs) {
          if (res) return res;
          throw new ApiError({ status: 0, code: 'network_error', title: 'Cannot reach the server', detail: 'The server did not answer for a minute. Try again later.' });
        }
        if (res) discard(res);
        if (!markedWaking) {
          markedWaking = true;
          setWaking(1);
        }
        await sleep(wait, init.signal ?? undefined);
        delay = Math.min(delay * 2, maxDelay);
      }
    } finally {
      if (markedWaking) setWaking(-1);
    }
  }

  async function refresh(): Promise<string | null> {
    if (!refreshing) {
      refreshing = (async () => {
        try {
          const res = await sendWithBackoff(
            `${await baseUrl()}/api/v1/auth/refresh`,
            // The server takes the refresh cookie only with a JSON content type
            // (which other sites cannot send without a CORS preflight).
            {
              method: 'POST',
              credentials: 'include',
              headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
              body: '{}',
            },
            false,
          );
          if (!res.ok) {
            discard(res);
            return null;
          }
          const body = (await res.json()) as { access_token?: string };
          return body.access_token ?? null;
        } catch {
          return null;
        }
      })().then((token) => {
        tokens.set(token);
        return token;
      });
      refreshing.finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  async function fetchRaw(
    path: string,
    init: RequestInit & { query?: RequestOptions['query']; anonymous?: boolean; noRetry?: boolean } = {},
  ): Promise<Response> {
    const { query, anonymous = false, noRetry = false, ...rest } = init;
    const url = `${await baseUrl()}${path}${buildQuery(query)}`;
    const build = (): RequestInit => {
      const headers = new Headers(rest.headers);
      if (!headers.has('Accept')) headers.set('Accept', 'application/json');
      const token = tokens.get();
      if (!anonymous && token) headers.set('Authorization', `Bearer ${token}`);
      return { credentials: 'include', ...rest, headers };
    };
    const hadToken = !anonymous && tokens.get() !== null;
    let res = await sendWithBackoff(url, build(), noRetry);
    if (res.status === 401 && !anonymous && !AUTH_NO_REFRESH.test(path)) {
      const token = await refresh();
      if (token) {
        discard(res);
        res = await sendWithBackoff(url, build(), noRetry);
      } else if (hadToken) {
        options.onSignedOut?.();
      }
    }
    return res;
  }

  async function call(method: Method, path: string, opts: RequestOptions = {}): Promise<ApiResult<unknown>> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: BodyInit | undefined;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const response = await fetchRaw(buildPath(path, opts.path), {
      method: method.toUpperCase(),
      headers,
      body,
      signal: opts.signal,
      query: opts.query,
      anonymous: opts.anonymous,
      noRetry: opts.noRetry,
    });
    if (!response.ok) throw await problemFromResponse(response);
    let data: unknown = undefined;
    if (response.status !== 204 && /json/.test(response.headers.get('Content-Type') ?? '')) {
      data = await response.json();
    } else {
      discard(response);
    }
    return { data, response };
  }

  const client = {
    call,
    get: (path: string, o?: RequestOptions) => call('get', path, o).then((r) => r.data),
    post: (path: string, o?: RequestOptions) => call('post', path, o).then((r) => r.data),
    put: (path: string, o?: RequestOptions) => call('put', path, o).then((r) => r.data),
    patch: (path: string, o?: RequestOptions) => call('patch', path, o).then((r) => r.data),
    delete: (path: string, o?: RequestOptions) => call('delete', path, o).then((r) => r.data),
    fetchRaw,
    refresh,
    waking,
    url: async (path: string, query?: RequestOptions['query']) => `${await baseUrl()}${path}${buildQuery(query)}`,
  };
  return client as unknown as ApiClient;
}

/** Throws the response's ApiError unless it is ok (for fetchRaw users). */
export async function ensureOk(res: Response): Promise<Response> {
  if (!res.ok) throw await problemFromResponse(res);
  return res;
}

/** The app's one client instance. */
export const api = createApiClient({ onSignedOut: () => defaultTokenStore.set(null) });
