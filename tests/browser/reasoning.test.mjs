// What the page concludes, and whether a reader can use it: the scorecard, the headline and the
// dose sentence under several scenarios, in-page links, the sticky result strip, phones and print.
// Run with the other browser tests: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { SHOTS, open, openSettings, scorecard, settle, text, useBrowser } from './harness.mjs';

useBrowser();

const HYPOTHESES = ['ff_only', 'ff_adds', 'systemic', 'systemic_dose', 'muscle_relief',
  'condition_relief', 'reporting_artefacts'];

const reading = (page, id) => page.locator(`#scorecard li.score-row[data-hypothesis="${id}"]`)
  .getAttribute('data-reading');

/** Waits until a scorecard row shows a reading. */
const waitForReading = (page, id, expected) => page.waitForFunction(
  ([id, expected]) => document.querySelector(`#scorecard li.score-row[data-hypothesis="${id}"]`)
    ?.dataset.reading === expected,
  [id, expected],
);

/**
 * Every sentence that says "lower" about an interval must rest on an interval wholly below 1.
 * For each "NN% CI a to b" in `textValue`, the words since the previous interval (or since the
 * start of the sentence, whichever is later) must not say " lower" when a ≤ 1 ≤ b. "% lower to"
 * (a range of relative changes) and the dose slope (not a ratio) are not such claims.
 * Returns one message per offending interval.
 */
export function lowerClaimsOnIntervalsThatIncludeOne(textValue) {
  const number = String.raw`[−-]?(?:\d[\d,]*)?\.?\d+|∞`;
  const interval = new RegExp(String.raw`(\d+)% CI (${number}) to (${number})`, 'g');
  const parse = (value) => (value === '∞' ? Infinity : Number(value.replace(/,/g, '').replace('−', '-')));
  const problems = [];
  let previousEnd = 0;
  for (const match of textValue.matchAll(interval)) {
    const before = textValue.slice(previousEnd, match.index);
    // The start of the sentence: after the last ". ", "! " or "? " (decimal points have no space).
    const sentenceBreak = Math.max(...['. ', '! ', '? '].map((mark) => {
      const at = before.lastIndexOf(mark);
      return at < 0 ? -1 : at + mark.length;
    }));
    const words = sentenceBreak < 0 ? before : before.slice(sentenceBreak);
    const [low, high] = [parse(match[2]), parse(match[3])];
    const claimsLower = / lower/i.test(words.replace(/% lower to/g, ''));
    if (low <= 1 && high >= 1 && claimsLower && !/slope/i.test(words)) {
      problems.push(`"…${words}${match[0]}…" says lower, but the interval ${match[2]} to ${match[3]} includes 1`);
    }
    previousEnd = match.index + match[0].length;
  }
  return problems;
}

test('the checker of "lower" flags only claims on intervals that include 1', () => {
  assert.deepEqual(lowerClaimsOnIntervalsThatIncludeOne(
    'Reporting is lower in the frown-muscle cohorts, pooled ROR 0.40 (99% CI 0.20 to 0.80), and the others have an interval that includes 1, pooled ROR 0.70 (99% CI 0.40 to 1.20).',
  ), []);
  assert.deepEqual(lowerClaimsOnIntervalsThatIncludeOne(
    'The ratio is 0.60 (95% CI 0.17 to 1.35): anywhere from 83% lower to 35% higher. Slope −0.10 per log unit, 95% CI −0.50 to 0.30, lower doses.',
  ), []);
  assert.equal(lowerClaimsOnIntervalsThatIncludeOne(
    'Reporting is lower in your no-facial-muscle group too: pooled ROR 0.70 (99% CI 0.40 to 1.20).',
  ).length, 1);
  assert.equal(lowerClaimsOnIntervalsThatIncludeOne(
    'A (90% CI 0.1 to 0.5). Reporting is lower where glands are injected (pooled ROR 0.9, 90% CI 0.5 to 1.6).',
  ).length, 1);
});

test('default view: seven explanations in order, and readings that follow the intervals', async () => {
  const { context, page, errors } = await open(1280);
  const rows = await scorecard(page);
  assert.deepEqual(rows.map((row) => row.id), HYPOTHESES);
  const readings = Object.fromEntries(rows.map((row) => [row.id, row.reading]));
  assert.equal(readings.ff_only, 'against');
  assert.equal(readings.ff_adds, 'cannot_tell');
  assert.equal(readings.systemic, 'consistent');
  assert.equal(readings.systemic_dose, 'against');
  // Each row has its title, its reading in words (with an icon), a prediction and what the data show.
  const parts = await page.locator('#scorecard li.score-row').evaluateAll((items) => items.map((row) => ({
    title: row.querySelector('h3')?.textContent.trim(),
    reading: row.querySelector('.score-reading')?.textContent.trim(),
    predicts: row.querySelector('.score-predicts')?.textContent.trim(),
  })));
  for (const part of parts) {
    assert.ok(part.title && part.reading && part.predicts, JSON.stringify(part));
    assert.match(part.reading, /^\S+\s+(Supports|Consistent|Against|Cannot tell|Not testable)$/);
  }
  const answer = await text(page, '#answer');
  assert.match(answer, /^In this reconstruction \(published cohort sizes, assumed depression counts\)/);
  assert.match(answer, /including 3 of the 5 where no facial muscle is injected/);
  assert.doesNotMatch(answer, /fits a systemic explanation better/);
  assert.match(await text(page, '#dose-summary'), /^Against:/);
  assert.match(await text(page, '#dose-summary'), /confounded with indication/);
  // The result strip mirrors the scorecard for the three readings the workbench moves.
  const strip = await page.locator('.result-strip li.strip-item').evaluateAll((items) => items.map((item) => item.dataset.hypothesis));
  assert.deepEqual(strip, ['ff_only', 'ff_adds', 'systemic']);
  assert.equal(await page.locator('.result-strip').getAttribute('role'), 'status');
  assert.deepEqual(errors, []);
  await context.close();
});

test('99% intervals: facial feedback alone becomes consistent, and no sentence calls an interval that includes 1 lower', async () => {
  const { context, page, errors } = await open(1280);
  await openSettings(page);
  await page.selectOption('#ci-level', { label: '99%' });
  await waitForReading(page, 'ff_only', 'consistent');
  const answer = await text(page, '#answer');
  assert.match(answer, /99% CI/);
  assert.doesNotMatch(answer, /95% CI/);
  assert.doesNotMatch(answer, /does not fit facial feedback/);
  const rows = await scorecard(page);
  const problems = [
    ...rows.flatMap((row) => lowerClaimsOnIntervalsThatIncludeOne(row.shows).map((problem) => `${row.id}: ${problem}`)),
    ...lowerClaimsOnIntervalsThatIncludeOne(answer).map((problem) => `#answer: ${problem}`),
    ...lowerClaimsOnIntervalsThatIncludeOne(await text(page, '#verdict')).map((problem) => `#verdict: ${problem}`),
  ];
  // The checker has something to check: the scorecard states its intervals at 99%.
  assert.ok(rows.filter((row) => /99% CI/.test(row.shows)).length >= 4, 'intervals at 99% in the scorecard');
  assert.deepEqual(problems, []);
  // The result strip follows the scorecard.
  assert.match(await text(page, '.result-strip li.strip-item[data-hypothesis="ff_only"]'), /Consistent/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every cohort in "No facial muscles": the headline keeps the catalog count and asks for both groups', async () => {
  const { context, page, errors } = await open(1280);
  // The list re-renders after each move, so query it again every time.
  for (let moves = 0; ; moves += 1) {
    assert.ok(moves <= 8, 'more moves than cohorts');
    const slug = await page.locator('li[data-cohort] select').evaluateAll((selects) => selects
      .find((select) => select.value !== 'no_facial')?.closest('li').dataset.cohort ?? null);
    if (slug === null) break;
    await page.selectOption(`li[data-cohort="${slug}"] select`, 'no_facial');
    await page.waitForSelector(`[data-group="no_facial"] li[data-cohort="${slug}"]`);
  }
  assert.equal(await page.locator('[data-group="no_facial"] li[data-cohort]').count(), 8);
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('Put cohorts in both'));
  const answer = await text(page, '#answer');
  // The count is by the catalog's injection sites, whatever the groups.
  assert.match(answer, /including 3 of the 5 where no facial muscle is injected/);
  const sentences = await page.locator('#answer > span').allTextContents();
  assert.equal(sentences.length, 2, answer);
  assert.match(sentences[1], /^Put cohorts in both/);
  assert.equal(await reading(page, 'ff_only'), 'cannot_tell');
  assert.equal(await reading(page, 'ff_adds'), 'cannot_tell');
  const systemic = (await scorecard(page)).find((row) => row.id === 'systemic');
  assert.match(systemic.shows, /your no-facial-muscle group/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('adjusted view: sialorrhea is estimated with 0.5 added, and undefined without it', async () => {
  const { context, page, errors } = await open(1280);
  await openSettings(page);
  assert.equal(await page.locator('#zero-cell').inputValue(), 'haldane');
  await page.locator('#adjust').check();
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent.includes('adjusted'));
  const sialorrheaRor = () => page.locator('#forest-table tbody tr')
    .filter({ has: page.locator('th', { hasText: /^Sialorrhea/ }) })
    .locator('td').nth(2).textContent();
  const ror = await sialorrheaRor();
  assert.doesNotMatch(ror, /not defined/);
  assert.match(ror, /^\d+(\.\d+)?/, `Sialorrhea ROR: ${ror}`);
  const banners = await page.locator('.banner').allTextContents();
  assert.ok(banners.length >= 4, `${banners.length} banners`);
  for (const banner of banners) assert.match(banner, /the sex and age splits are assumptions/);
  assert.match(await text(page, '#forest-summary'), /splits are assumptions/);

  await page.selectOption('#zero-cell', 'none');
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent
    .includes('Sialorrhea, not defined: no Botox report mentions depression'));
  assert.match(await sialorrheaRor(), /not defined/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Reset brings back the default view and then has nothing left to do', async () => {
  const { context, page, errors } = await open(1280);
  const reset = page.locator('#reset');
  const answerBefore = await text(page, '#answer');
  const readingsBefore = await scorecard(page);
  assert.equal(await reset.isDisabled(), true, 'disabled at the default view');
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
  await openSettings(page);
  await page.selectOption('#ci-level', { label: '99%' });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('99% CI'));
  assert.equal(await reset.isEnabled(), true, 'enabled once the view differs');
  await reset.click();
  await page.waitForFunction((before) => document.querySelector('#answer').textContent === before, answerBefore);
  assert.equal(await text(page, '#answer'), answerBefore);
  assert.deepEqual(await scorecard(page), readingsBefore);
  assert.equal(await reset.isDisabled(), true, 'disabled again at the default view');
  await page.waitForSelector('[data-group="frown"] li[data-cohort="migraine"]');
  // The controls show the default view too, not the last choice.
  await settle(page);
  assert.equal(await page.locator('#ci-level').evaluate((select) => select.selectedOptions[0]?.textContent), '95%',
    '#ci-level shows the default level after Reset');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Clicks every visible in-page link of the header, the banners and the result strip, and checks
 * that none reloads the page or changes its address other than by the fragment, and that each
 * target is scrolled into view. Returns the query the page kept.
 */
async function followInPageLinks(page) {
  // The page writes its scenario into the query once it has started; wait for that to settle.
  await settle(page);
  const search = await page.evaluate(() => location.search);
  await page.evaluate(() => { window.__marker = 1; });
  const links = page.locator('header a[href^="#"]:visible, .banner a[href^="#"]:visible, .result-strip a[href^="#"]:visible');
  const count = await links.count();
  assert.ok(count >= 8, `${count} links`);
  assert.equal(await page.locator('.jump a[href="#scorecard"]').count(), 1);
  for (let idx = 0; idx < count; idx += 1) {
    const link = links.nth(idx);
    const href = await link.getAttribute('href');
    await page.evaluate(() => window.scrollTo(0, 0));
    await link.click();
    await page.waitForFunction((hash) => location.hash === hash, href);
    await settle(page);
    const where = await page.evaluate((hash) => {
      const target = document.getElementById(hash.slice(1));
      const box = target?.getBoundingClientRect();
      return {
        marker: window.__marker,
        path: location.pathname,
        search: location.search,
        found: Boolean(target),
        top: box?.top,
        bottom: box?.bottom,
        height: innerHeight,
      };
    }, href);
    assert.equal(where.marker, 1, `${href} reloaded the page`);
    assert.equal(where.search, search, `${href} changed the query`);
    assert.match(where.path, /\/index\.html$/, `${href} left index.html`);
    assert.ok(where.found, `${href} has no target`);
    assert.ok(where.top < where.height && where.bottom > 0 && where.top > -2,
      `${href}: target at ${where.top}..${where.bottom}, viewport height ${where.height}`);
  }
  return search;
}

test('in-page links move within the page and never reload it', async () => {
  // An unknown key: the page may drop it from the address (it says so in a notice), but the
  // links must not change the address again.
  const unknown = await open(1280, { path: 'index.html?x=1' });
  await followInPageLinks(unknown.page);
  assert.deepEqual(unknown.errors, []);
  await unknown.context.close();

  // A scenario in the address: a reader who follows the links keeps it.
  const { context, page, errors } = await open(1280, { path: 'index.html?ci=99' });
  const search = await followInPageLinks(page);
  assert.match(search, /(^\?|&)ci=99(&|$)/);
  assert.match(await text(page, '#answer'), /99% CI/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 360×640 phone, the result strip stays in view after a regroup', async () => {
  const { context, page, errors } = await open(360, { height: 640 });
  const select = page.locator('li[data-cohort="migraine"] select');
  await select.scrollIntoViewIfNeeded();
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
  await page.waitForFunction(() => document.activeElement?.id === 'group-of-migraine');
  await settle(page);
  const strip = await page.locator('.result-strip').evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, height: innerHeight };
  });
  assert.ok(strip.top >= 0 && strip.bottom <= strip.height,
    `result strip at ${strip.top}..${strip.bottom}, viewport height ${strip.height}`);
  await page.screenshot({ path: `${SHOTS}/explainer-360x640-regroup.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[360, 300], [1280, 400]]) {
  test(`the settings panel does not cover the page at ${width}×${height}`, async () => {
    const { context, page, errors } = await open(width, { height });
    for (const open of [false, true]) {
      if (open) await openSettings(page);
      const positions = await page.locator('#settings, #settings details, #settings summary')
        .evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).position));
      for (const position of positions) assert.ok(!['sticky', 'fixed'].includes(position), `#settings is ${position}`);
      await page.locator('#workbench').evaluate((node) => node.scrollIntoView({ block: 'start' }));
      await settle(page);
      const boxes = await page.evaluate(() => {
        const view = (node) => {
          const box = node.getBoundingClientRect();
          return { top: Math.max(box.top, 0), bottom: Math.min(box.bottom, innerHeight), left: box.left, right: box.right };
        };
        return { settings: view(document.querySelector('#settings')), workbench: view(document.querySelector('#workbench')) };
      });
      const { settings, workbench } = boxes;
      const overlap = settings.top < settings.bottom && workbench.top < workbench.bottom
        && settings.top < workbench.bottom && workbench.top < settings.bottom
        && settings.left < workbench.right && workbench.left < settings.right;
      assert.equal(overlap, false, `settings (${open ? 'open' : 'closed'}) over the workbench: ${JSON.stringify(boxes)}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('on a 360 px phone, every table that scrolls sideways can be scrolled with the keyboard', async () => {
  const { context, page, errors } = await open(360);
  // The data tables are in closed panels; a reader opens them to read them.
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
  await settle(page);
  const regions = await page.locator('.table-scroll').evaluateAll((nodes) => nodes.map((node) => ({
    table: node.querySelector('table')?.id || '(no id)',
    overflows: node.scrollWidth > node.clientWidth,
    tabindex: node.getAttribute('tabindex'),
    role: node.getAttribute('role'),
    label: node.getAttribute('aria-label'),
  })));
  assert.ok(regions.length >= 3, `${regions.length} scrolling regions`);
  const unreachable = regions.filter((region) => region.overflows
    && !(region.tabindex === '0' && region.role === 'region' && region.label));
  assert.deepEqual(unreachable, [], 'overflowing .table-scroll without tabindex="0", role="region" and a label');
  assert.deepEqual(errors, []);
  await context.close();
});

test('print: black on white in dark mode too, no settings, and a PDF', async () => {
  const { context, page, errors } = await open(1280, { colorScheme: 'dark' });
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const style = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return {
      color: body.color,
      background: body.backgroundColor,
      settings: getComputedStyle(document.querySelector('section#settings')).display,
    };
  });
  const channels = (value) => value.match(/[\d.]+/g).map(Number);
  const linear = (channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = channels(style.color);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  assert.ok(luminance < 0.2, `body color ${style.color}, luminance ${luminance.toFixed(3)}`);
  assert.equal(style.background, 'rgb(255, 255, 255)');
  assert.equal(style.settings, 'none');
  const file = `${SHOTS}/explainer-print.pdf`;
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  const size = statSync(file).size;
  assert.ok(size > 10 * 1024, `the PDF has ${size} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});
