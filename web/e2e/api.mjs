// Calls PRISM's API from Node (not the browser), for specs that prepare data
// faster than the UI could, or data the UI would not let a person type.
import assert from 'node:assert/strict';

export function apiUrl() {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error('E2E_API_URL is not set: run the specs through `npm run e2e`');
  return url;
}

/** One request; resolves `{status, headers, json, text}` whatever the status. */
export async function api(path, { method = 'GET', token, body, headers = {}, base = apiUrl() } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Like api(), but fails unless the answer has the `expected` status. */
export async function apiOk(path, options = {}, expected = [200, 201, 202, 204]) {
  const res = await api(path, options);
  const wanted = Array.isArray(expected) ? expected : [expected];
  assert.ok(wanted.includes(res.status), `${options.method ?? 'GET'} ${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
  return res.json;
}

/** Registers `user` ({name,email,password,org}) and returns its access token. */
export async function register(user, options = {}) {
  const body = { name: user.name, email: user.email, password: user.password, organization_name: user.org };
  const res = await apiOk('/api/v1/auth/register', { method: 'POST', body, ...options }, 201);
  return res.access_token;
}

/** Signs `user` in through the API and returns an access token. */
export async function signInApi(user, options = {}) {
  const res = await apiOk('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: user.password }, ...options }, 200);
  return res.access_token;
}

/** Signs `page`'s browser context in as `user` through the sign-in form. */
export async function signInPage(page, user) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Runs `prism <args>` on the database of the server e2e/run.mjs started. */
export async function prismCli(...args) {
  const { execFileSync } = await import('node:child_process');
  const { dirname, join, resolve } = await import('node:path');
  const { webDir } = await import('./servers.mjs');
  const log = process.env.E2E_PRISM_LOG;
  if (!log) throw new Error('this spec needs the server started by e2e/run.mjs (E2E_PRISM_LOG is not set)');
  const binary = resolve(webDir, process.env.PRISM_BINARY ?? '../build/prism');
  return execFileSync(binary, args, {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dirname(log), 'prism.db')}`, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}
