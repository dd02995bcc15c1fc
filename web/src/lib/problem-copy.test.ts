import { describe, expect, it } from 'vitest';
import { ApiError, describeError, errorMessage } from './problem';
import { copyFor, problemCopy } from './problem-copy';

// The server's sources, read at test time: the one table that maps error
// codes to problem codes, every override of a problem's code, and the
// OpenAPI document's mentions of codes. A code added there without a
// sentence here fails this test.
const serverSources = import.meta.glob(['../../../src/**/*.cpp', '../../../src/**/*.hpp', '!../../../src/**/*_test.cpp'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const openApi = import.meta.glob('../../../src/api/openapi/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function serverCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (code: string, where: string) => {
    if (!found.has(code)) found.set(code, where);
  };
  for (const [path, text] of Object.entries(serverSources)) {
    if (path.endsWith('http/problem.cpp')) {
      for (const m of text.matchAll(/\{ErrorCode::k\w+,\s*Status::\w+,\s*"([a-z_]+)"/g)) add(m[1], path);
    }
    for (const m of text.matchAll(/with_machine_code\(\s*"([a-z_]+)"\s*\)/g)) add(m[1], path);
    for (const m of text.matchAll(/machine_code\s*=\s*"([a-z_]+)"/g)) add(m[1], path);
  }
  for (const [path, text] of Object.entries(openApi)) {
    for (const m of text.matchAll(/code `([a-z_]+)`/g)) add(m[1], path);
  }
  return found;
}

describe('problem copy', () => {
  const codes = serverCodes();

  it('finds the server’s codes (the sources are where this test looks for them)', () => {
    expect(Object.keys(serverSources).some((p) => p.endsWith('http/problem.cpp'))).toBe(true);
    // The mapping table alone has 21 codes; the overrides add more.
    expect(codes.size).toBeGreaterThanOrEqual(25);
    for (const code of ['forbidden', 'validation_failed', 'version_conflict', 'budget_exceeded', 'email_not_verified', 'invalid_status_transition']) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('has a sentence and a way forward for every code the server can answer', () => {
    const missing = [...codes].filter(([code]) => !Object.hasOwn(problemCopy, code)).map(([code, where]) => `${code} (${where})`);
    expect(missing, `codes without a sentence in problem-copy.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('writes every entry as sentences a person reads', () => {
    for (const [code, copy] of Object.entries(problemCopy)) {
      expect(copy.title, code).toMatch(/^[A-Z]/);
      expect(copy.title, code).not.toMatch(/[.:]$/);
      expect(copy.message, code).toMatch(/^[A-Z].*[.!]$/);
      expect(copy.action, code).toMatch(/^[A-Z].*[.!]$/);
      // No developer words standing alone as a heading.
      expect(['Conflict', 'Forbidden', 'Unauthorized', 'Gone', 'Bad request', 'Validation failed'], code).not.toContain(copy.title);
    }
  });

  it('falls back on the status for a code it does not know, and on a generic sentence last', () => {
    expect(copyFor('http_403', 403)).toBe(problemCopy.forbidden);
    expect(copyFor('something_new', 409)).toBe(problemCopy.conflict);
    expect(copyFor('http_502', 502)).toBe(problemCopy.unavailable);
    expect(copyFor('http_599', 599)).toBe(problemCopy.internal_error);
    expect(copyFor('http_418', 418).title).toBe('Something went wrong');
  });
});

const problem = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({ status: 403, code: 'forbidden', title: 'Forbidden', ...init });

describe('describeError', () => {
  it('says what happened and what to do, and keeps the request id for the details', () => {
    const d = describeError(problem({ detail: 'your role does not allow this', requestId: 'req-42' }));
    expect(d.title).toBe("You don't have permission to do this");
    expect(d.message).toBe('Your role in this organization does not allow it.');
    expect(d.action).toMatch(/^Ask an admin of the organization/);
    expect(`${d.title} ${d.message} ${d.action}`).not.toContain('req-42');
    expect(d.details).toEqual([
      { label: 'Code', value: 'forbidden' },
      { label: 'Status', value: '403' },
      { label: 'Server message', value: 'your role does not allow this' },
      { label: 'Request id', value: 'req-42' },
    ]);
  });

  it('shows a specific server message as a sentence', () => {
    const d = describeError(problem({ status: 409, code: 'conflict', title: 'Conflict', detail: 'an account with this e-mail address already exists' }));
    expect(d.title).toBe("This can't be done right now");
    expect(d.message).toBe('An account with this e-mail address already exists.');
    expect(d.details.map((x) => x.label)).not.toContain('Server message');
  });

  it('keeps a generic or technical server message out of the sentence', () => {
    expect(describeError(problem({ status: 404, code: 'not_found', detail: 'document not found' })).message).toMatch(/^It does not exist any more/);
    expect(describeError(problem({ status: 400, code: 'bad_request', detail: 'the body is not valid JSON' })).message).toBe('PRISM could not understand what this page sent.');
  });

  it('writes field errors as sentences with the field’s label', () => {
    const d = describeError(
      problem({
        status: 422,
        code: 'validation_failed',
        detail: 'the request has invalid fields',
        errors: [
          { field: 'email', message: 'must be a valid e-mail address' },
          { field: 'input.product_name', message: 'is too long' },
          { field: '/acceptance_criteria/1', message: 'must not be empty' },
          { field: 'provider', message: 'no such provider is configured' },
          { field: '', message: 'the body must be a JSON object' },
        ],
      }),
      { provider: 'AI provider' },
    );
    expect(d.fieldErrors).toEqual([
      'E-mail must be a valid e-mail address.',
      'Product name is too long.',
      'Acceptance criteria 2 must not be empty.',
      'AI provider: No such provider is configured.',
      'The body must be a JSON object.',
    ]);
  });

  it('tells how long to wait when the server says so', () => {
    const d = describeError(problem({ status: 429, code: 'rate_limited', detail: 'you already run your maximum of 3 generations; retry soon', retryAfterSeconds: 30 }));
    expect(d.message).toBe('You already run your maximum of 3 generations; retry soon.');
    expect(d.action).toBe('Wait a moment, then try again. You can try again in 30 seconds.');
  });

  it('describes errors that are not the API’s, with their text only in the details', () => {
    const d = describeError(new TypeError('x is undefined'));
    expect(d.message).not.toContain('undefined');
    expect(d.details).toEqual([{ label: 'Error', value: 'x is undefined' }]);
    expect(errorMessage(problem({}))).toBe(`${problemCopy.forbidden.message} ${problemCopy.forbidden.action}`);
  });
});
