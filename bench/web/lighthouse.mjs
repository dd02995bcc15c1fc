// Measures PRISM's web app as served by a running prism (BASE_URL):
//  1. the JavaScript the first route (/sign-in, signed out) loads, gzipped;
//  2. Lighthouse (mobile defaults, simulated throttling) on the sign-in page;
//  3. Lighthouse on a document page, signed in.
// Prints a Markdown table: metric | value | target | ok. Exit code 1 when a
// target is missed. Called by bench/web/run (which starts prism); see there.
//
// Signing in for Lighthouse: the access token lives in memory only and the
// session is restored at start-up from the HttpOnly refresh cookie
// (POST /api/v1/auth/refresh). So the script signs in through the real
// sign-in page with puppeteer in the same Chromium that Lighthouse then drives,
// and runs Lighthouse with `disableStorageReset: true`: the cookie stays, the
// app restores the session on load, and the measured load includes that
// refresh round trip like a real returning user's.
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';

const base = process.env.BASE_URL;
const distDir = process.env.WEB_DIST;
if (!base || !distDir) throw new Error('BASE_URL and WEB_DIST must be set (run bench/web/run)');
const targets = {
  js: Number(process.env.TARGET_FIRST_ROUTE_JS_KB ?? 250),
  perf: Number(process.env.TARGET_PERFORMANCE ?? 90),
  a11y: Number(process.env.TARGET_ACCESSIBILITY ?? 95),
};
const reportDir = process.env.REPORT_DIR;
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3));

async function api(path, { method = 'GET', body, token } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const prd = `## Executive Summary

QuickPay lets small shops take card-free payments by QR code, settled the next business day.

## Problem Statement

Shop owners lose about 4% of monthly sales when card terminals fail or the network is down. Terminals cost €30 a month to rent.

## Target Users

- Owners of shops with fewer than 10 employees
- Their customers, who pay with a banking app

## Functional Requirements

- FR-1: The shop shows a QR code per payment with the amount.
- FR-2: The customer pays by scanning it with a banking app.
- FR-3: The shop owner refunds a payment within 30 days.
- FR-4: A daily report lists payments and refunds.

## Non-Functional Requirements

- NFR-1: A payment is confirmed within 5 seconds (p95).
- NFR-2: Availability of 99.9% per month.

## Success Metrics

- SM-1: 30% of pilot shops use QR payments within 6 months.
- SM-2: Fewer than 1% of payments need support.

## Risks

| Risk | Mitigation |
|---|---|
| Banks change their APIs | An adapter per bank, contract tests |
| Fraud by fake QR codes | Signed codes, shown only on the shop's own screen |
`;

async function seed() {
  const stamp = Date.now().toString(36);
  const user = { email: `bench-${stamp}@example.com`, password: 'lighthouse bench password', name: 'Bench User' };
  const reg = await api('/api/v1/auth/register', { method: 'POST', body: { ...user, organization_name: 'Bench Org' } });
  const token = reg.access_token;
  const me = await api('/api/v1/auth/me', { token });
  const org = me.memberships[0].org_id;
  const project = await api(`/api/v1/orgs/${org}/projects`, { method: 'POST', token, body: { name: 'QuickPay', key: 'QP', description: 'Card-free payments for small shops.' } });
  const doc = await api(`/api/v1/projects/${project.id}/documents`, { method: 'POST', token, body: { title: 'QuickPay PRD', content: prd } });
  return { user, documentId: doc.id };
}

/** JS the first route loads: every script response of a fresh /sign-in load, gzipped from web/dist. */
async function firstRouteJs(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const scripts = new Set();
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (res.request().resourceType() === 'script' && url.origin === new URL(base).origin) scripts.add(url.pathname);
  });
  await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('h1');
  await context.close();
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const path of [...scripts].sort()) {
    const bytes = await readFile(join(distDir, path));
    const size = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += size;
    files.push(`${path} ${(size / 1024).toFixed(1)} KB gz`);
  }
  return { raw, gz, files };
}

async function signIn(page, user) {
  await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle0' });
  await page.locator('input[type="email"]').fill(user.email);
  await page.locator('input[type="password"]').fill(user.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => undefined), page.locator('form button[type="submit"]').click()]);
  await page.waitForFunction(() => location.pathname === '/projects', { timeout: 15_000 });
}

/** Lighthouse's scores vary from run to run: run it RUNS times and keep the run with the median performance score. */
async function medianAudit(page, url, name) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await audit(page, url, RUNS > 1 ? `${name}-${i + 1}` : name));
  runs.sort((a, b) => a.perf - b.perf);
  const median = runs[Math.floor((runs.length - 1) / 2)];
  return { ...median, all: runs.map((r) => r.perf) };
}

async function audit(page, url, name) {
  const result = await lighthouse(
    url,
    { output: reportDir ? 'html' : 'json', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true, logLevel: 'error' },
    undefined,
    page,
  );
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (reportDir) {
    await writeFile(join(reportDir, `lighthouse-${name}.html`), result.report);
    await writeFile(join(reportDir, `lighthouse-${name}.json`), JSON.stringify(lhr));
  }
  const score = (c) => Math.round((lhr.categories[c].score ?? 0) * 100);
  const ms = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
  const failing = lhr.categories.accessibility.auditRefs
    .filter((r) => r.weight > 0 && (lhr.audits[r.id].score ?? 1) < 1)
    .map((r) => r.id);
  return { perf: score('performance'), a11y: score('accessibility'), fcp: ms('first-contentful-paint'), lcp: ms('largest-contentful-paint'), tbt: ms('total-blocking-time'), cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN, finalUrl: lhr.finalDisplayedUrl, failing };
}

const { user, documentId } = await seed();
const chrome = await launchChrome({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
});
let rows;
let ok = true;
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  const js = await firstRouteJs(browser);

  const signInPage = await browser.newPage();
  const signInRun = await medianAudit(signInPage, `${base}/sign-in`, 'sign-in');
  await signInPage.close();

  const docPage = await browser.newPage();
  await signIn(docPage, user);
  const docUrl = `${base}/documents/${documentId}`;
  const docRun = await medianAudit(docPage, docUrl, 'document');
  if (!docRun.finalUrl.includes(`/documents/${documentId}`)) throw new Error(`the document page redirected to ${docRun.finalUrl}: the session was not restored`);
  // The page really showed the document (not a sign-in form or an error).
  await docPage.waitForFunction(() => document.querySelector('h1')?.textContent === 'QuickPay PRD', { timeout: 10_000 });
  await docPage.close();
  await browser.disconnect();

  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const check = (value, pass, target) => {
    ok &&= pass;
    return `${value} | ${target} | ${pass ? 'yes' : 'NO'}`;
  };
  rows = [
    `| first route (/sign-in) JS, gzipped (${js.files.length} files, ${kb(js.raw)} raw) | ${check(kb(js.gz), js.gz <= targets.js * 1024, `≤ ${targets.js} KB`)} |`,
    `| Lighthouse performance, sign-in page | ${check(signInRun.perf, signInRun.perf >= targets.perf, `≥ ${targets.perf}`)} |`,
    `| Lighthouse accessibility, sign-in page | ${check(signInRun.a11y, signInRun.a11y >= targets.a11y, `≥ ${targets.a11y}`)} |`,
    `| Lighthouse performance, document page (signed in) | ${check(docRun.perf, docRun.perf >= targets.perf, `≥ ${targets.perf}`)} |`,
    `| Lighthouse accessibility, document page (signed in) | ${check(docRun.a11y, docRun.a11y >= targets.a11y, `≥ ${targets.a11y}`)} |`,
  ];
  const info = (name, r) =>
    `| ${name}: FCP / LCP / TBT / CLS | ${r.fcp} ms / ${r.lcp} ms / ${r.tbt} ms / ${r.cls.toFixed(3)} | — | — |` +
    (r.failing.length ? `\n| ${name}: accessibility audits not passed | ${r.failing.join(', ')} | — | — |` : '');
  rows.push(info('sign-in page', signInRun), info('document page', docRun));
  if (RUNS > 1) rows.push(`| performance scores of the ${RUNS} runs (sign-in; document) | ${signInRun.all.join(', ')}; ${docRun.all.join(', ')} | — | — |`);
  console.log('| metric | value | target | ok |\n|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\nFirst route scripts: ${js.files.join(', ')}`);
  console.log(`Lighthouse 12 defaults: mobile form factor, simulated throttling (slow 4G, 4x CPU slowdown); median of ${RUNS} run(s) per page.`);
} finally {
  chrome.kill();
}
process.exit(ok ? 0 : 1);
