// Automated accessibility checks with axe-core on the built page: phone and desktop widths, light
// and dark, with every panel open (settings and data tables) so that their content is checked
// too, and once with a forest row focused so that its 2×2 card is checked. A serious or critical
// violation fails the test.
// Run with the other browser tests: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { base, launchedBrowser, open, openSettings, settle, useBrowser } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

useBrowser();

/**
 * Rules the page is known to break, each checked by a test of its own that fails until the page
 * is fixed; the other tests leave them out, so that a new violation still shows on its own.
 * Together the tests run every axe rule in every configuration.
 */
const KNOWN = {
  'scrollable-region-focusable':
    'the forest data table (#forest-plot .data-table .table-scroll) scrolls sideways on phones but cannot be reached by keyboard',
};

const RUNS = [
  { width: 360, colorScheme: 'light', focusRow: false },
  { width: 360, colorScheme: 'dark', focusRow: false },
  { width: 1280, colorScheme: 'light', focusRow: true },
  { width: 1280, colorScheme: 'dark', focusRow: false },
  // The Russian page, whose longer words wrap differently, and an embed of the whole page.
  { width: 360, colorScheme: 'light', focusRow: false, path: 'ru/' },
  { width: 1280, colorScheme: 'dark', focusRow: true, path: 'ru/' },
  { width: 360, colorScheme: 'dark', focusRow: false, path: '?embed=all&lang=ru' },
];

const label = ({ width, colorScheme, focusRow, path }) => `${width} px, ${colorScheme}${focusRow ? ', a forest row focused' : ''}${path ? `, ${path}` : ''}`;

/** One block per failing node: rule, impact, target, html and axe's summary of what fails. */
function describe(violations) {
  return violations.flatMap((violation) => violation.nodes.map((node) => [
    `${violation.id} (${violation.impact}): ${violation.help}`,
    `  target: ${node.target.join(' ')}`,
    `  html: ${node.html.slice(0, 300)}`,
    `  ${(node.failureSummary ?? '').replace(/\n/g, '\n  ')}`,
  ].join('\n'))).join('\n');
}

/** Opens the page in one configuration, runs axe with `options` and returns its violations. */
async function audit({ width, colorScheme, focusRow, path = '' }, options) {
  // axe is injected as an inline script, which the page's own policy rightly forbids; the policy
  // itself is tested in locked.test.mjs.
  const { context, page, errors } = await open(width, { colorScheme, bypassCSP: true, path });
  await openSettings(page);
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
  // The pointer stays where the summary was clicked; move it off the charts, where hovering a
  // row would show that row's card instead of the focused one's.
  await page.mouse.move(0, 0);
  if (focusRow) {
    const row = page.locator('.row-hit:visible').nth(6);
    await row.focus();
    const card = await row.getAttribute('aria-describedby');
    await page.locator(`[id="${card}"]`).waitFor({ state: 'visible' });
  }
  await settle(page);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (options) => {
    const results = await window.axe.run(document, { resultTypes: ['violations'], ...options });
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
    }));
  }, options);
  assert.deepEqual(errors, []);
  await context.close();
  return violations;
}

const serious = (violations) => violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));

for (const run of RUNS) {
  test(`axe finds no serious or critical violation at ${label(run)}`, async () => {
    const rules = Object.fromEntries(Object.keys(KNOWN).map((id) => [id, { enabled: false }]));
    const violations = await audit(run, { rules });
    const blocking = serious(violations);
    const minor = violations.filter((violation) => !blocking.includes(violation));
    if (minor.length > 0) console.log(`axe, minor or moderate (not failing), ${label(run)}:\n${describe(minor)}`);
    assert.equal(blocking.length, 0, `axe violations at ${label(run)}:\n${describe(blocking)}`);
  });
}

for (const [rule, problem] of Object.entries(KNOWN)) {
  test(`axe finds no ${rule} violation in any configuration`, async () => {
    const found = [];
    for (const run of RUNS) {
      const violations = serious(await audit(run, { runOnly: { type: 'rule', values: [rule] } }));
      if (violations.length > 0) found.push(`${label(run)}:\n${describe(violations)}`);
    }
    assert.deepEqual(found, [], `${problem}; axe violations of ${rule}:\n${found.join('\n')}`);
  });
}

// The pre-rendered page, as a reader sees it before the app has started (its wasm held back)
// and as a reader without JavaScript sees it, with every panel open.
for (const run of [RUNS[0], RUNS[3], RUNS[4]]) {
  test(`axe finds no serious or critical violation in the pre-rendered page at ${label(run)}`, async () => {
    const context = await launchedBrowser().newContext({ viewport: { width: run.width, height: 900 }, colorScheme: run.colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.route('**/*_bg.wasm', () => {}); // never answered: the app does not start
    await page.goto(base() + (run.path ?? ''));
    await page.waitForSelector('#forest-plot svg', { state: 'attached' });
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-ready')), false);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })) })));
    const blocking = serious(violations);
    assert.equal(blocking.length, 0, `axe violations in the pre-rendered page at ${label(run)}:\n${describe(blocking)}`);
    await context.close();
  });
}

// Lesson mode (mode=lesson, static/lesson.js): every step, with the choices marked and checked
// so that the reveal and the verdicts are there too; at a phone's width in light, a desktop's in
// dark, with the teacher's notes, in Russian, and embedded.
const LESSON_RUNS = [
  { width: 360, colorScheme: 'light', path: '?mode=lesson' },
  { width: 1280, colorScheme: 'dark', path: '?mode=lesson' },
  { width: 1280, colorScheme: 'light', path: '?mode=lesson&teacher=1' },
  { width: 360, colorScheme: 'light', path: 'ru/?mode=lesson' },
  { width: 360, colorScheme: 'dark', path: '?embed=all&mode=lesson' },
];

for (const run of LESSON_RUNS) {
  test(`axe finds no serious or critical violation in any step of the lesson at ${run.width} px, ${run.colorScheme}, ${run.path}`, async () => {
    const context = await launchedBrowser().newContext({ viewport: { width: run.width, height: 900 }, colorScheme: run.colorScheme, bypassCSP: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(base() + run.path);
    await page.waitForSelector('html[data-lesson-ready]', { state: 'attached', timeout: 30000 });
    await page.addScriptTag({ path: AXE });
    const rules = Object.fromEntries(Object.keys(KNOWN).map((id) => [id, { enabled: false }]));
    const found = [];
    for (let step = 1; step <= 7; step += 1) {
      if (step === 3) await page.locator('#lesson-body button[data-guess="less"]').first().click();
      if (step === 5) {
        await page.locator('#lesson-body button[data-explanation="systemic"]').first().click();
        await page.locator('#lesson-check').click();
      }
      await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
      await page.mouse.move(0, 0);
      await settle(page);
      const violations = await page.evaluate(async (options) => (await window.axe.run(document, { resultTypes: ['violations'], ...options })).violations
        .map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })) })), { rules });
      const blocking = serious(violations);
      if (blocking.length) found.push(`step ${step}:\n${describe(blocking)}`);
      if (step < 7) {
        await page.locator('#lesson-next').click();
        await page.waitForFunction((next) => document.documentElement.dataset.step === String(next), step + 1);
      }
    }
    assert.deepEqual(found, [], `axe violations in the lesson, ${run.path}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
