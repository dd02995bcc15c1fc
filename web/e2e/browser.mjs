// Browser helpers shared by the specs: Chromium via playwright-core,
// screenshots, axe checks and a guard against page errors / CSP violations.
import AxeBuilderModule from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { webDir } from './servers.mjs';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

export const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the specs through `npm run e2e`');
  return url;
};

export const screenshotDir = resolve(webDir, process.env.SCREENSHOT_DIR ?? '../test-artifacts/screenshots');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
}

/**
 * A new page that records uncaught errors, console errors (CSP violations
 * show up there) and failed same-origin requests other than expected 4xx.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl(), reducedMotion: 'reduce' });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS) || 10_000);
  return watch(await context.newPage());
}

// Long-lived event streams (the header's notification stream, a running
// generation's events) never finish, so Playwright's 'networkidle' would
// never come on a signed-in page: quiet means no other request in flight.
const isEventStream = (request) => (request.headers().accept ?? '').includes('text/event-stream') || /\/notifications\/stream(\?|$)/.test(request.url());

/**
 * Records a page's uncaught errors and console errors (CSP violations show up
 * there) in `page.problems` for assertNoProblems; newPage() does this already,
 * use it for pages opened otherwise (a second tab: `watch(await context.newPage())`).
 */
export function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Expected API answers (401 before sign-in, 412 on a stale save, 422 in forms) log as "Failed to load resource".
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    const at = msg.location();
    problems.push(`console error: ${text}${at?.url ? ` (at ${at.url}:${at.lineNumber}:${at.columnNumber})` : ''}`);
  });
  page.problems = problems;
  // Requests in flight, for networkQuiet (event streams left out).
  const inflight = new Set();
  page.on('request', (r) => {
    if (!isEventStream(r)) inflight.add(r);
  });
  page.on('requestfinished', (r) => inflight.delete(r));
  page.on('requestfailed', (r) => inflight.delete(r));
  page.inflight = inflight;
  // API answers and navigations: not problems by themselves (a 412 or 422
  // may be the point of a step), but what reportFailure prints on failure.
  const apiTrail = [];
  const started = Date.now();
  const note = (line) => apiTrail.push(`+${((Date.now() - started) / 1000).toFixed(2)}s ${line}`);
  page.on('response', (r) => {
    if (r.url().includes('/api/')) note(`${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.url().includes('/api/')) note(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) note(`at ${f.url()}`);
  });
  page.apiTrail = apiTrail;
  return page;
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Runs axe on the page; throws listing serious/critical violations.
 * `rules` turns on rules axe leaves off by default, e.g. the experimental
 * `label-content-name-mismatch` (WCAG 2.5.3).
 */
export async function checkA11y(page, name, { rules = [] } = {}) {
  const builder = new AxeBuilder({ page });
  // options() replaces every option, so it comes before withTags().
  if (rules.length) builder.options({ rules: Object.fromEntries(rules.map((id) => [id, { enabled: true }])) });
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
    throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${name}:\n${lines.join('\n')}`);
  }
  return results.violations.length;
}

/**
 * Resolves once no request but event streams has been in flight for
 * `quietMs` (Playwright's 'networkidle' rule, without the streams).
 */
export async function networkQuiet(page, { quietMs = 500, timeoutMs = 15_000 } = {}) {
  await page.waitForLoadState('load');
  // A watched page knows what was already in flight; another one starts counting now.
  const inflight = page.inflight ?? new Set();
  let quiet;
  let deadline;
  const listeners = {};
  try {
    await new Promise((resolve, reject) => {
      const arm = () => {
        clearTimeout(quiet);
        if (inflight.size === 0) quiet = setTimeout(resolve, quietMs);
      };
      listeners.request = (r) => {
        if (isEventStream(r)) return;
        inflight.add(r);
        arm();
      };
      listeners.requestfinished = listeners.requestfailed = (r) => {
        inflight.delete(r);
        arm();
      };
      for (const [event, fn] of Object.entries(listeners)) page.on(event, fn);
      deadline = setTimeout(
        () => reject(new Error(`the page kept loading for ${timeoutMs} ms: ${[...inflight].map((r) => r.url()).join(', ')}`)),
        timeoutMs,
      );
      arm();
    });
  } finally {
    clearTimeout(quiet);
    clearTimeout(deadline);
    for (const [event, fn] of Object.entries(listeners)) page.off(event, fn);
  }
}

/** Screenshot + axe for one main page, after it has rendered its heading. */
export async function capture(page, name) {
  await page.locator('h1').first().waitFor();
  await networkQuiet(page);
  await screenshot(page, name);
  await checkA11y(page, name);
}

export function assertNoProblems(page) {
  if (!page.problems) throw new Error('assertNoProblems: this page is not watched (open it with newPage() or watch())');
  if (page.problems.length) throw new Error(`The page reported problems:\n${page.problems.join('\n')}`);
}

/**
 * For a failed step: a screenshot of each page plus, on stderr, its URL, the
 * text of its alerts and the problems it recorded, so a failure in CI says
 * what the user would have seen.
 */
export async function reportFailure(name, pages) {
  for (const [label, page] of Object.entries(pages)) {
    if (!page || page.isClosed()) continue;
    const path = await screenshot(page, `${name}-${label}`).catch(() => '(no screenshot)');
    const alerts = await page
      .locator('[role="alert"], [role="status"]')
      .allInnerTexts()
      .catch(() => []);
    console.error(
      [
        `# failure snapshot (${label}): ${page.url()}`,
        `#   screenshot: ${path}`,
        ...alerts.filter((t) => t.trim()).map((t) => `#   alert: ${t.replace(/\s+/g, ' ').trim()}`),
        ...(page.problems ?? []).map((p) => `#   ${p}`),
        ...(page.apiTrail ?? []).slice(-15).map((t) => `#   ${t}`),
      ].join('\n'),
    );
  }
}
