// The pre-rendered first paint (scripts/prerender.mjs): the default page is in index.html, it
// reads without JavaScript, the app takes it over without moving anything, and a link that names
// another scenario never shows the default numbers, not even for one frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, launchedBrowser, ready, settle, useBrowser } from './harness.mjs';

useBrowser();

/**
 * Holds the page's wasm back: until the parsed page has painted five frames and 400 ms have
 * passed (frames, not time alone: on a busy machine 400 ms may be one frame), or until `until`
 * resolves. Meanwhile the pre-rendered page is what shows.
 */
async function holdWasm(page, until) {
  await page.addInitScript(() => {
    window.framesAfterParse = 0;
    const count = () => {
      if (document.readyState !== 'loading') window.framesAfterParse += 1;
      if (!document.documentElement.hasAttribute('data-ready')) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  });
  const painted = () => Promise.all([
    new Promise((resolve) => setTimeout(resolve, 400)),
    page.waitForFunction(() => window.framesAfterParse >= 5, null, { timeout: 10000 }).catch(() => {}),
  ]);
  await page.route('**/*_bg.wasm', async (route) => {
    await (until ?? painted());
    await route.continue();
  });
}

/** The live page's headline and forest table, once the app has started. */
async function livePage(width, path = '') {
  const context = await launchedBrowser().newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(base() + path);
  await ready(page);
  await settle(page);
  const found = await page.evaluate(sectionTexts);
  await context.close();
  return found;
}

/**
 * In the page: the headline, the forest table, and the text of every part the pre-render holds
 * (the settings panel's contents left out: the pre-render leaves them out).
 */
function sectionTexts() {
  const text = (selector) => document.querySelector(selector)?.textContent ?? null;
  return {
    answer: text('#answer'),
    forest: text('#forest-table'),
    parts: Object.fromEntries(['header.hero', '#settings summary', '#scorecard', '#forest', '#workbench', '#dose', '#cite']
      .map((selector) => [selector, text(selector)])),
  };
}

test('without JavaScript the default page reads in full, in English and in Russian: headline, scorecard, charts, tables', async () => {
  for (const [path, width] of [['', 360], ['', 1280], ['ru/', 360], ['ru/', 1280]]) {
    const live = await livePage(1280, path);
    const context = await launchedBrowser().newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base() + path);
    // Every number and sentence of the pre-render, made natively, is the one the wasm shows.
    assert.deepEqual(await page.evaluate(sectionTexts), live, `${width} px: the pre-render says what the app says`);
    const found = await page.evaluate(() => {
      const visible = (selector) => [...document.querySelectorAll(selector)].filter((node) => node.checkVisibility()).length;
      return {
        answer: document.getElementById('answer')?.textContent ?? null,
        forest: document.getElementById('forest-table')?.textContent ?? null,
        forestCharts: visible('#forest-plot svg'),
        doseCharts: visible('#dose svg'),
        scoreRows: visible('#scorecard li.score-row'),
        tables: document.querySelectorAll('#app table').length,
        loading: visible('#app > .loading'),
        notice: document.querySelector('#app noscript')?.textContent ?? '',
        noWasm: visible('#no-wasm'),
        about: visible('#about, #glossary'),
        filePicker: document.querySelectorAll('#your-data').length,
      };
    });
    assert.equal(found.answer, live.answer, `${width} px: the headline is the app's own`);
    assert.equal(found.forest, live.forest, `${width} px: the forest table is the app's own`);
    assert.equal(found.forestCharts, 1, `${width} px: one forest plot shows, in the layout of this width`);
    assert.equal(found.doseCharts, 1, `${width} px: one dose chart shows`);
    assert.equal(found.scoreRows, 7, `${width} px: the seven scorecard rows`);
    assert.ok(found.tables >= 3, `${width} px: the tables are there (${found.tables})`);
    assert.equal(found.loading, 0, 'no loading line without a scenario');
    assert.match(found.notice, path ? /Без JavaScript страница показывает сценарий по умолчанию/ : /Without JavaScript this page shows its default scenario/);
    assert.equal(found.noWasm, 0, 'the notice for a browser without WebAssembly is hidden');
    assert.ok(found.about >= 1, 'the static sections read too');
    assert.equal(found.filePicker, 0, 'what needs JavaScript to work is left out');
    // Printed, every table shows, though no script opens the closed panels (the print styles do).
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await page.evaluate(() => ['forest-table', 'dose-table'].map((id) => document.getElementById(id).checkVisibility())), [true, true]);
    await context.close();
  }
});

// A layout shift is reported for elements that move, but the take-over replaces every element of
// #app: its new ones count as new, not moved. So the test also compares where each element with
// an id is, in the last frame of the pre-rendered page and once the app is ready.
test('the app takes over the pre-rendered page with nothing moving: 360 and 1280 px, and embeds', async () => {
  for (const [width, path] of [[360, ''], [1280, ''], [1280, '?embed=forest'], [360, '?embed=workbench'], [360, '?embed=all']]) {
    const context = await launchedBrowser().newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.layoutShifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const moved = entry.sources.map((source) => {
            const node = source.node;
            const name = node ? `${node.nodeName}${node.id ? `#${node.id}` : ''}${node.className?.baseVal ?? node.className ? `.${node.className?.baseVal ?? node.className}` : ''}` : '?';
            return `${name} ${JSON.stringify(source.previousRect)} -> ${JSON.stringify(source.currentRect)}`;
          });
          window.layoutShifts.push({ at: entry.startTime, what: `${entry.value}: ${moved.join('; ')}` });
        }
      }).observe({ type: 'layout-shift', buffered: true });
      window.paintedBeforeApp = 0;
      // Where each shown element with an id is, in page coordinates.
      window.boxes = () => Object.fromEntries([...document.querySelectorAll('main [id]')]
        .filter((node) => node.checkVisibility())
        .map((node) => {
          const box = node.getBoundingClientRect();
          return [node.id, [box.left, box.top + scrollY, box.width, box.height].map((value) => Math.round(value))];
        }));
      // The pre-rendered markup is what the parser made: once the app has replaced it (which
      // may be a frame before it sets data-ready), this node is gone from the page.
      let prerendered = null;
      document.addEventListener('DOMContentLoaded', () => { prerendered = document.querySelector('#app > section'); });
      const sample = () => {
        if (document.documentElement.hasAttribute('data-ready')) return;
        // Once the whole document is parsed and its pre-rendered part shows: the take-over is
        // measured from there (while the HTML streams in, the body may grow by a margin).
        if (prerendered?.isConnected && [...document.querySelectorAll('#app > section')].some((node) => node.checkVisibility())) {
          window.paintedBeforeApp += 1;
          // From the second such frame: the first may still lay out the page as it arrives.
          if (window.paintedBeforeApp === 2) window.prerenderShownAt = performance.now();
          window.boxesBefore = JSON.stringify(window.boxes());
        }
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    // The wasm comes late, so the pre-rendered page is painted for a while before the take-over.
    await holdWasm(page);
    await page.goto(base() + path);
    await ready(page);
    await settle(page);
    await page.waitForTimeout(300);
    const { shifts, painted, before, after } = await page.evaluate(() => ({
      shifts: window.layoutShifts.filter((shift) => shift.at >= window.prerenderShownAt).map((shift) => shift.what),
      painted: window.paintedBeforeApp,
      before: JSON.parse(window.boxesBefore),
      after: window.boxes(),
    }));
    assert.ok(painted >= 3, `${width} px ${path}: the pre-rendered page was on screen for ${painted} frames first`);
    assert.deepEqual(shifts, [], `${width} px ${path}: cumulative layout shift is 0`);
    // The app adds what only works with it after everything pre-rendered: into #tools, and in an
    // embed a source line at the end of #app, which only grows.
    const ids = Object.keys(before).filter((id) => id in after && id !== 'tools');
    assert.ok(ids.length >= (path ? 3 : 40), `${width} px ${path}: ${ids.length} elements compared`);
    const box = (id, boxes) => (id === 'app' ? boxes[id].slice(0, 3) : boxes[id]).join();
    const moved = ids.filter((id) => box(id, before) !== box(id, after)).map((id) => `${id}: ${before[id]} -> ${after[id]}`);
    assert.deepEqual(moved, [], `${width} px ${path}: elements moved or resized at the take-over`);
    await context.close();
  }
});

/**
 * Opens `path` with the wasm held back, and samples the headline and the forest table at every
 * animation frame from the start until the app is ready.
 */
async function sampleUntilReady(path) {
  const context = await launchedBrowser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.samples = [];
    const sample = () => {
      const root = document.documentElement;
      const shown = (selector) => {
        const node = document.querySelector(selector);
        return node && node.checkVisibility() ? node.textContent : null;
      };
      // The table's text while its section shows (the table itself is in a closed <details>).
      const forest = document.getElementById('forest')?.checkVisibility()
        ? document.getElementById('forest-table')?.textContent ?? '(no table)' : null;
      const below = (document.getElementById('glossary')?.getBoundingClientRect().top ?? Infinity) >= innerHeight;
      window.samples.push({ ready: root.hasAttribute('data-ready'), parsed: document.readyState !== 'loading', answer: shown('#answer'), forest, loading: shown('#app > .loading'), below });
      if (!window.stopSampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await holdWasm(page);
  await page.goto(base() + path);
  await ready(page);
  await settle(page);
  await settle(page);
  await page.evaluate(() => { window.stopSampling = true; });
  const samples = await page.evaluate(() => window.samples);
  await context.close();
  assert.ok(samples.at(-1).ready, 'sampled until the app was ready');
  return samples;
}

test('a scenario link never shows the default numbers: a quiet loading line until the app has applied it', async () => {
  const defaults = await livePage(1280);
  const wanted = await livePage(1280, '?ci=99&adjust=sex,age_band');
  assert.notEqual(wanted.answer, defaults.answer, 'the scenario changes the headline');
  assert.notEqual(wanted.forest, defaults.forest, 'and the forest table');
  const samples = await sampleUntilReady('?ci=99&adjust=sex,age_band');
  const before = samples.filter((s) => !s.ready);
  assert.ok(before.length >= 3, `frames were sampled before the app was ready (${before.length})`);
  for (const sample of samples) {
    assert.ok(sample.answer === null || sample.answer === wanted.answer, `never the default headline: ${sample.answer}`);
    assert.ok(sample.forest === null || sample.forest === wanted.forest, 'never the default forest table');
  }
  assert.ok(before.some((s) => s.loading === 'Loading this scenario…'), 'the loading line shows meanwhile');
  assert.ok(before.every((s) => s.below), 'and the static sections wait below the screen, so they do not jump');
  assert.equal(samples.at(-1).answer, wanted.answer, 'then the scenario shows');
  assert.equal(samples.at(-1).forest, wanted.forest);
  assert.equal(samples.at(-1).loading, null);
});

test('an embed of the default scenario shows its part of the pre-rendered page at once, and nothing else', async () => {
  const live = await livePage(1280, '?embed=forest');
  const samples = await sampleUntilReady('?embed=forest');
  // The first frames may come while the page is still being parsed.
  const before = samples.filter((s) => !s.ready && s.parsed);
  assert.ok(before.length >= 3, 'the pre-rendered forest plot shows for a few frames before the app');
  for (const sample of samples) assert.equal(sample.answer, null, 'the headline of the full page never shows in a forest embed');
  assert.ok(before.every((s) => s.forest === live.forest), 'with the same numbers');
  assert.ok(samples.at(-1).forest, 'and after it');
});

test('an embed of another scenario waits for the app, like any scenario link', async () => {
  const defaults = await livePage(1280);
  const samples = await sampleUntilReady('?embed=forest&adjust=sex,age_band');
  const before = samples.filter((s) => !s.ready);
  assert.ok(before.every((s) => s.forest === null), 'no forest plot before the app');
  assert.ok(before.filter((s) => s.loading === 'Loading this scenario…').length >= 3, 'the loading line instead');
  assert.notEqual(samples.at(-1).forest, defaults.forest, 'the adjusted numbers, once ready');
});

test('a link that only sets the theme shows the pre-rendered page at once, in its colours', async () => {
  const samples = await sampleUntilReady('?theme=dark');
  const defaults = await livePage(1280);
  const before = samples.filter((s) => !s.ready && s.parsed);
  assert.ok(before.length >= 3, 'the pre-rendered page shows for a few frames before the app');
  assert.ok(before.every((s) => s.answer === defaults.answer), 'the default page');
  assert.ok(samples.every((s) => s.loading === null), 'with no loading line');
});

test('without WebAssembly a scenario link shows the default page and says so, rather than loading forever', async () => {
  const context = await launchedBrowser().newContext({ viewport: { width: 360, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(`${base()}?ci=99`);
  await page.waitForSelector('#no-wasm:visible');
  const found = await page.evaluate(() => ({
    pending: document.documentElement.hasAttribute('data-pending'),
    notice: document.getElementById('no-wasm').textContent,
    answer: document.getElementById('answer')?.checkVisibility() ?? false,
  }));
  assert.equal(found.pending, false);
  assert.match(found.notice, /default scenario/);
  assert.ok(found.answer, 'the pre-rendered page reads');
  await context.close();
});

test('what a reader opens or focuses in the pre-rendered page is still open and focused once the app has taken over', async () => {
  const context = await launchedBrowser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await holdWasm(page, held);
  await page.goto(base());
  await page.locator('#forest details summary').first().click();
  await page.locator('#group-of-migraine').focus();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-ready')), false, 'still the pre-rendered page');
  const openBefore = await page.evaluate(() => [...document.querySelectorAll('#app details')].map((details) => details.open));
  release();
  await ready(page);
  await settle(page);
  const after = await page.evaluate(() => ({
    open: [...document.querySelectorAll('#app details')].map((details) => details.open),
    focused: document.activeElement?.id,
  }));
  assert.ok(openBefore.includes(true));
  assert.deepEqual(after.open.slice(0, openBefore.length), openBefore, 'the same panels are open');
  assert.equal(after.focused, 'group-of-migraine');
  await context.close();
});

test('when the app cannot load, a scenario link shows the default page with a notice instead of loading forever', async () => {
  const context = await launchedBrowser().newContext({ viewport: { width: 360, height: 900 } });
  const page = await context.newPage();
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.goto(`${base()}?ci=99`);
  await page.waitForSelector('#no-wasm:visible');
  const found = await page.evaluate(() => ({
    pending: document.documentElement.hasAttribute('data-pending'),
    answer: document.getElementById('answer')?.checkVisibility() ?? false,
  }));
  assert.deepEqual(found, { pending: false, answer: true });
  await context.close();
});
