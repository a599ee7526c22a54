// The built explainer (dist/) in headless Debian Chromium, driven by playwright-core.
// Run by scripts/test.sh after `trunk build`: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, base, open, openSettings, text, useBrowser } from './harness.mjs';

useBrowser();

test('loads with no console error, eight forest rows and no request off 127.0.0.1', async () => {
  const { context, page, errors, requests } = await open(1280);
  // Two layouts are in the page; exactly one is shown.
  assert.equal(await page.locator('.row-hit:visible').count(), 8);
  assert.equal(await page.locator('#forest-table tbody tr').count(), 8);
  assert.match(await text(page, '#answer'), /in 6 of 8 cohorts/);
  assert.match(await text(page, '.banner'), /Illustrative reconstruction/);
  assert.match(await text(page, '#forest-summary'), /6 of 8 cohorts/);
  assert.equal(await page.locator('#fatal').isHidden(), true);
  const outside = requests.filter((url) => !url.startsWith(base()) && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('moving migraine to "no facial muscles" changes the workbench numbers and the verdict', async () => {
  const { context, page, errors } = await open(1280);
  const frownBefore = await text(page, '[data-group="frown"] .pooled');
  const restBefore = await text(page, '[data-group="no_facial"] .pooled');
  const verdictBefore = await text(page, '#verdict');
  const answerBefore = await text(page, '#answer');
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
  // Keyboard users keep their place: the moved cohort's control has the focus in its new group.
  await page.waitForFunction(() => document.activeElement?.id === 'group-of-migraine');
  assert.notEqual(await text(page, '[data-group="frown"] .pooled'), frownBefore);
  assert.notEqual(await text(page, '[data-group="no_facial"] .pooled'), restBefore);
  assert.notEqual(await text(page, '#verdict'), verdictBefore);
  assert.notEqual(await text(page, '#answer'), answerBefore);
  assert.deepEqual(errors, []);
  await context.close();
});

test('regrouping a cohort leaves the forest plot as it is: not one node of it is rebuilt', async () => {
  const { context, page, errors } = await open(1280);
  // The per-cohort results do not depend on the groups; the plot, its cards, table and summary
  // must not be redrawn (src/app.rs keeps them in their own memo).
  await page.evaluate(() => {
    window.forestChanges = 0;
    new MutationObserver((records) => { window.forestChanges += records.length; })
      .observe(document.getElementById('forest-plot'), { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
  await page.selectOption('li[data-cohort="migraine"] select', 'frown');
  await page.waitForSelector('[data-group="frown"] li[data-cohort="migraine"]');
  assert.equal(await page.evaluate(() => window.forestChanges), 0);
  // A change the plot does show redraws it.
  await page.evaluate(() => document.getElementById('ci-level').closest('details').setAttribute('open', ''));
  await page.selectOption('#ci-level', { index: 2 });
  await page.waitForFunction(() => window.forestChanges > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the adjustment toggle changes the forest plot, its table and its summary', async () => {
  const { context, page, errors } = await open(1280);
  const forestSvg = () => page.locator('#forest-plot .chart-frame:visible svg').evaluate((svg) => svg.outerHTML);
  const svgBefore = await forestSvg();
  const tableBefore = await text(page, '#forest-table tbody');
  // The settings start closed: a reader opens them first.
  assert.equal(await page.locator('#adjust').isVisible(), false, 'the settings start closed');
  await openSettings(page);
  await page.locator('#adjust').check();
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent.includes('adjusted'));
  const svgAfter = await forestSvg();
  assert.notEqual(svgAfter, svgBefore);
  assert.match(svgAfter, /ROR, adjusted/);
  assert.notEqual(await text(page, '#forest-table tbody'), tableBefore);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard focus on a forest row shows its 2x2 table', async () => {
  const { context, page, errors } = await open(1280);
  const visibleCard = () => page.locator('.cell-card:visible');
  assert.equal(await visibleCard().count(), 0, 'no card before focus');
  const rows = page.locator('.row-hit:visible');
  await rows.nth(6).focus();
  assert.match(await visibleCard().innerText(), /Sialorrhea[\s\S]*a = 0/);
  await page.keyboard.press('Tab');
  assert.match(await visibleCard().innerText(), /Bladder[\s\S]*a = 11/);
  // Its E-value sentence: the bladder interval includes 1.
  assert.match(await visibleCard().innerText(), /E-value \d+\.\d\d: [^]*The interval already includes 1\./);
  await rows.nth(0).hover();
  assert.match(await visibleCard().innerText(), /Cosmetic[\s\S]*a = 104/);
  const [, point, limit] = (await visibleCard().innerText()).match(/E-value (\d+\.\d\d): [^]* at least (\d+\.\d\d) each\./);
  assert.ok(Number(point) > Number(limit) && Number(limit) > 1, `${point} ${limit}`);
  assert.equal(await page.locator('#forest-table thead th').last().textContent(), 'E-value (interval)');
  assert.match(await page.locator('#forest-table tbody tr').first().locator('td').last().textContent(), new RegExp(`^${point} \\(${limit}\\)$`));
  // The adjustment switch keeps keyboard focus when it re-renders the page.
  await openSettings(page);
  await page.locator('#adjust').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent.includes('adjusted'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'adjust');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader\'s change paints the control first and the page right after, and the moved control keeps the focus', async () => {
  const { context, page, errors } = await open(1280);
  const select = page.locator('#group-of-migraine');
  await select.focus();
  assert.equal(await select.inputValue(), 'frown');
  // What the first frame after the key shows: the select's new value, the cohort still in its group.
  await page.evaluate(() => {
    window.firstFrame = null;
    document.addEventListener('keydown', () => requestAnimationFrame(() => {
      const node = document.getElementById('group-of-migraine');
      window.firstFrame = { value: node.value, group: node.closest('[data-group]').dataset.group };
    }), { once: true, capture: true });
  });
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[data-group="other_facial"] li[data-cohort="migraine"]');
  await page.waitForFunction(() => document.activeElement?.id === 'group-of-migraine');
  assert.deepEqual(await page.evaluate(() => window.firstFrame), { value: 'other_facial', group: 'frown' });
  assert.match(await page.evaluate(() => location.search), /other_facial=[^&]*migraine/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('prints how long the page takes to load and to recompute (a report, not a check)', async () => {
  const { context, page, errors } = await open(1280);
  const load = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    return Math.round(navigation.loadEventEnd - navigation.startTime);
  });
  await openSettings(page);
  // Each toggle recomputes every comparison and redraws every chart and sentence.
  const toggles = await page.evaluate(async () => {
    const times = [];
    const box = document.getElementById('adjust');
    for (let i = 0; i < 10; i += 1) {
      const start = performance.now();
      box.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { median: times[5].toFixed(1), max: times[9].toFixed(1) };
  });
  console.log(`page load ${load} ms; a control change until the next frame: median ${toggles.median} ms, max ${toggles.max} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a panic shows the error panel instead of a blank page', async () => {
  const { context, page } = await open(1280);
  const threw = await page.evaluate(() => {
    try {
      window.wasmBindings.glabellaPanicForTest();
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(threw, true);
  await page.locator('#fatal').waitFor();
  assert.match(await page.locator('#fatal').innerText(), /stopped working[\s\S]*deliberate panic/);
  await context.close();
});

for (const width of [360, 1280]) {
  test(`no horizontal overflow at ${width} px`, async () => {
    const { context, page, errors } = await open(width);
    await page.screenshot({ path: `${SHOTS}/explainer-${width}.png`, fullPage: true });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('dark mode draws the charts in light ink', async () => {
  const { context, page, errors } = await open(1280, { colorScheme: 'dark' });
  const ink = await page.locator('#forest-plot .chart-frame:visible svg text').first()
    .evaluate((node) => getComputedStyle(node).fill);
  assert.equal(ink, 'rgb(238, 238, 238)');
  await page.screenshot({ path: `${SHOTS}/explainer-1280-dark.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
