// No page scrolls sideways, whatever the data: hostile data (very long
// unbroken names, titles, URLs, table cells, story titles, acceptance
// criteria, version summaries) is created through the API, then every route
// of the app (src/app/router.tsx) is visited at 360 px and at 1,366 px wide
// and must fit: document.documentElement.scrollWidth <= window.innerWidth.
// Every page is also checked with axe (serious/critical violations fail),
// including the experimental `label-content-name-mismatch` rule (WCAG 2.5.3).
import assert from 'node:assert/strict';
import { after, before, test as nodeTest } from 'node:test';
import { signInPage } from '../api.mjs';
import { appRoutes, long, owner, publicRoutes, seedHostileData } from '../hostile-data.mjs';
import { sequentialSteps } from '../steps.mjs';
import { assertNoProblems, checkA11y, launch, networkQuiet, newPage, reportFailure, screenshot } from '../browser.mjs';

let data = {};
let browser;
let page;

const test = sequentialSteps(() => reportFailure('rough-edges-layout-failure', { page }));

before(async () => {
  browser = await launch();
  page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
});

after(async () => {
  await browser?.close();
});

/** How far the page scrolls sideways, and the elements that stick out (for the failure message). */
async function overflow(p) {
  return p.evaluate(() => {
    const width = window.innerWidth;
    const by = document.documentElement.scrollWidth - width;
    if (by <= 0) return { by, culprits: [] };
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || clipped(el)) continue;
      // The outermost element that sticks out, with its path.
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 0.5) continue;
      const path = [];
      for (let a = el; a && a !== document.body; a = a.parentElement) path.unshift(describe(a));
      out.push(`${path.slice(-4).join(' > ')} (right edge ${Math.round(r.right)}px)`);
      if (out.length >= 6) break;
    }
    return { by, culprits: out };
  });
}

/**
 * Buttons that must be in view without scrolling sideways: inside the window
 * and not cut off by the box that scrolls them (a table's wrapper).
 */
async function hiddenSideways(p, locator) {
  return locator.evaluateAll((buttons) =>
    buttons
      .filter((b) => {
        const r = b.getBoundingClientRect();
        if (r.right > window.innerWidth + 0.5 || r.left < -0.5) return true;
        const box = b.closest('.scroll-area');
        if (!box) return false;
        const c = box.getBoundingClientRect();
        return r.right > c.right + 0.5 || r.left < c.left - 0.5;
      })
      .map((b) => b.getAttribute('aria-label') ?? b.textContent),
  );
}

/** Per view: what else must hold besides the page fitting. */
const viewChecks = {
  // A long version summary wraps; the row's actions stay in view.
  'document/Versions': async (p) => {
    const actions = p.locator('.versions-table .row-actions button');
    const count = await actions.count();
    if (count < 3) return [`expected the versions' actions, found ${count} buttons`];
    const hidden = await hiddenSideways(p, actions);
    return hidden.length ? [`version actions out of view: ${hidden.join(', ')}`] : [];
  },
};

/** Visits one route, waits for its heading and data, then measures and runs axe. */
async function visit(p, route, width, problems) {
  await p.goto(route.path);
  await p.locator('h1').first().waitFor();
  // Every signed-in page keeps the notification stream open: wait for quiet without it.
  await networkQuiet(p);
  const views = [null, ...(route.tabs ?? [])];
  for (const tab of views) {
    if (tab) {
      await p.getByRole('tab', { name: tab }).click();
      await networkQuiet(p);
    }
    const label = `${route.name}${tab ? `/${tab}` : ''} at ${width}px`;
    const o = await overflow(p);
    if (process.env.E2E_SCREENSHOT_EVERY === '1') await screenshot(p, `rough-edges-${route.name}${tab ? `-${tab}` : ''}-${width}`);
    if (o.by > 0) {
      problems.push(`${label} scrolls sideways by ${o.by}px:\n      ${o.culprits.join('\n      ')}`);
      await screenshot(p, `rough-edges-overflow-${route.name}${tab ? `-${tab}` : ''}-${width}`);
    }
    const check = viewChecks[`${route.name}${tab ? `/${tab}` : ''}`];
    if (check) for (const problem of await check(p)) problems.push(`${label}: ${problem}`);
    try {
      await checkA11y(p, label, { rules: ['label-content-name-mismatch'] });
    } catch (e) {
      problems.push(e.message);
    }
  }
}

test('hostile data is created through the API', async () => {
  data = await seedHostileData();
  await signInPage(page, owner);
  // The second organization was created last: choose the first, which holds the data.
  await page.goto('/projects');
  await page.getByLabel('Organization', { exact: true }).selectOption(data.orgId);
  await page.getByRole('link', { name: long('Project', 100) }).waitFor();
});

// Each width is checked even when the other failed (both lists help to fix).
for (const width of [360, 1366]) {
  nodeTest(`no page scrolls sideways at ${width} px`, async (t) => {
    if (!data.projectId) return t.skip('the hostile data could not be created');
    await page.setViewportSize({ width, height: width < 500 ? 740 : 768 });
    const problems = [];
    for (const route of appRoutes(data)) await visit(page, route, width, problems);

    const anonymous = await newPage(browser, { viewport: { width, height: 740 } });
    for (const route of publicRoutes(data)) await visit(anonymous, route, width, problems);
    assertNoProblems(anonymous);
    await anonymous.close();

    assert.equal(problems.length, 0, `\n${problems.join('\n')}`);
    assertNoProblems(page);
  });
}
