// RFC 9457 problem documents turned into one typed error the UI understands.
import type { components } from './api/schema';

export type Problem = components['schemas']['Problem'];

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    retryAfterSeconds?: number;
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** The message for one field (e.g. "email"), or undefined. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field === `/${field}`)?.message;
  }

  /** Field errors as a map, convenient for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const key = e.field.replace(/^\//, '');
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

const fallbackTitles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Someone else changed this first',
  413: 'Too large',
  422: 'Some fields need attention',
  429: 'Too many requests',
  500: 'Server error',
  502: 'Server unavailable',
  503: 'Server unavailable',
};

/** Builds an ApiError from a failed response, whatever its body is. */
export async function problemFromResponse(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-ID') ?? undefined;
  const retryAfter = Number(res.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const type = res.headers.get('Content-Type') ?? '';
  let body: Partial<Problem> = {};
  if (/json/.test(type)) {
    try {
      body = (await res.json()) as Partial<Problem>;
    } catch {
      body = {};
    }
  } else {
    res.body?.cancel().catch(() => undefined);
  }
  const errors: FieldError[] = Array.isArray(body.errors)
    ? body.errors
        .filter((e) => e && typeof e === 'object')
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? 'Invalid value') }))
    : [];
  return new ApiError({
    status: res.status,
    code: typeof body.code === 'string' ? body.code : `http_${res.status}`,
    title: typeof body.title === 'string' ? body.title : fallbackTitles[res.status] ?? `Request failed (${res.status})`,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors,
    requestId,
    retryAfterSeconds,
  });
}

/** A human sentence for any error value (ApiError, network error, unknown). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429 && error.retryAfterSeconds) {
      return `${error.detail || error.title} Try again in ${error.retryAfterSeconds} s.`;
    }
    return error.detail || error.title;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
