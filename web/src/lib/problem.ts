// RFC 9457 problem documents turned into one typed error the UI understands,
// and that error (or any other) described in words a person understands.
import type { components } from './api/schema';
import { asSentence, fieldSentence } from './field-messages';
import { copyFor, genericDetails, unknownCopy } from './problem-copy';

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
  /** The problem's extension members (RFC 9457 §3.2), e.g. invitation_id on a 409 invitation_pending. */
  readonly extensions: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    retryAfterSeconds?: number;
    extensions?: Record<string, unknown>;
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
    this.extensions = init.extensions ?? {};
  }

  /**
   * The error of one field (e.g. "email") as a sentence with the field's
   * label ("Text must be at most 10000 characters."), or undefined. `label`
   * names the field the way the form does.
   */
  fieldError(field: string, label?: string): string | undefined {
    const e = this.errors.find((x) => x.field === field || x.field === `/${field}`);
    if (!e) return undefined;
    return fieldSentence(e, label ? { [e.field.replace(/^\//, '')]: label } : undefined);
  }

  /**
   * Field errors as a map for forms: field name → a sentence with the
   * field's label ("E-mail must be a valid e-mail address."). `labels`
   * names fields the way the form does.
   */
  fieldErrors(labels?: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const key = e.field.replace(/^\//, '');
      if (!(key in out)) out[key] = fieldSentence(e, labels);
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
  const standard = new Set(['type', 'title', 'status', 'detail', 'code', 'errors', 'instance']);
  const extensions = Object.fromEntries(Object.entries(body).filter(([k]) => !standard.has(k)));
  return new ApiError({
    status: res.status,
    code: typeof body.code === 'string' ? body.code : `http_${res.status}`,
    title: typeof body.title === 'string' ? body.title : fallbackTitles[res.status] ?? `Request failed (${res.status})`,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors,
    requestId,
    retryAfterSeconds,
    extensions,
  });
}

export interface ProblemDescription {
  code: string;
  title: string;
  /** What happened, a sentence. */
  message: string;
  /** The way forward (with the wait, for a rate limit that gives one). */
  action: string;
  /** Field errors as sentences. */
  fieldErrors: string[];
  /** For the "Details" disclosure: facts for whoever investigates. */
  details: { label: string; value: string }[];
}

/** Describes any error value (an ApiError, a network failure, a bug) for a person. */
export function describeError(error: unknown, labels?: Record<string, string>): ProblemDescription {
  if (!isApiError(error)) {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
    return {
      code: 'unknown',
      title: unknownCopy.title,
      message: 'Something in this page failed unexpectedly.',
      action: 'Reload the page and try again.',
      fieldErrors: [],
      details: text ? [{ label: 'Error', value: text }] : [],
    };
  }
  return describeProblem(error, labels);
}

function describeProblem(error: ApiError, labels?: Record<string, string>): ProblemDescription {
  const copy = copyFor(error.code, error.status);
  const detail = error.detail?.trim() ?? '';
  const specific = copy.useDetail && detail && !genericDetails.some((re) => re.test(detail));
  let action = copy.action;
  if (error.retryAfterSeconds) action = `${action} You can try again in ${formatWait(error.retryAfterSeconds)}.`;
  const details = [
    { label: 'Code', value: error.code },
    ...(error.status ? [{ label: 'Status', value: String(error.status) }] : []),
    ...(detail && !specific ? [{ label: error.status ? 'Server message' : 'Message', value: detail }] : []),
    ...(error.requestId ? [{ label: 'Request id', value: error.requestId }] : []),
  ];
  return {
    code: error.code,
    title: copy.title,
    message: specific ? asSentence(detail) : copy.message,
    action,
    fieldErrors: error.errors.map((fe) => fieldSentence(fe, labels)),
    details,
  };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** One line for a notice (toast) or a short slot: what happened and what to do. */
export function errorMessage(error: unknown): string {
  const d = describeError(error);
  return `${d.message} ${d.action}`;
}
