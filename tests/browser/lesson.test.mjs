// Lesson mode (`mode=lesson`, static/lesson.js): the steps and their address, predict then
// reveal against the page's own analysis, the workbench tasks' live check, the teacher's notes,
// the worksheet printed to PDF (A4 and Letter), the keyboard alone, the Russian lesson, an embed,
// and a bad step. Run with the other browser tests: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { SHOTS, base, launchedBrowser, open, ready, settle, useBrowser } from './harness.mjs';

useBrowser();

const DIST = process.env.GLABELLA_DIST ? `${process.env.GLABELLA_DIST.replace(/\/$/, '')}/` : new URL('../../dist/', import.meta.url).pathname;
const COHORTS = ['cosmetic', 'migraine', 'spasticity', 'torticollis', 'blepharospasm', 'hyperhidrosis', 'sialorrhea', 'bladder'];

/** Waits, once the app is ready, until the lesson has built its steps. */
const lessonBuilt = async (page) => {
  await page.waitForSelector('html[data-lesson-ready]', { state: 'attached', timeout: 30000 });
  await settle(page);
};

const lessonReady = async (page) => {
  await ready(page);
  await lessonBuilt(page);
};

/** Opens `path` in a fresh context and waits until the lesson has built its steps. */
const lesson = (path, { width = 1280, ...options } = {}) => open(width, { path, until: lessonBuilt, ...options });

const step = (page) => page.evaluate(() => Number(document.documentElement.dataset.step));
const search = (page) => page.evaluate(() => location.search);
const visible = (page, selector) => page.locator(selector).first().isVisible();

/** Moves on by the Next button, and waits for the new step. */
async function next(page) {
  const before = await step(page);
  await page.locator('#lesson-next').click();
  await page.waitForFunction((was) => Number(document.documentElement.dataset.step) === was + 1, before);
  await settle(page);
}

/**
 * What each cohort's interval says, from analysis() alone: `less` when the interval of the ratio
 * shown (adjusted when the scenario is) lies wholly below 1, `more` wholly above, else `same`.
 */
async function truth(page) {
  const doc = await page.evaluate(() => window.glabella.analysis());
  const adjusted = doc.settings.stratify.length > 0;
  return Object.fromEntries(doc.cohorts.map((cohort) => {
    const low = adjusted ? cohort.mh_ci_low : cohort.ci_low;
    const high = adjusted ? cohort.mh_ci_high : cohort.ci_high;
    const reads = low === null || high === null ? 'same' : high < 1 ? 'less' : low > 1 ? 'more' : 'same';
    return [cohort.indication, reads];
  }));
}

// The class's predictions: a mix, so that some are hits and some are not.
const GUESSES = {
  cosmetic: 'less', migraine: 'less', spasticity: 'same', torticollis: 'more',
  blepharospasm: 'less', hyperhidrosis: 'same', sialorrhea: 'same', bladder: 'less',
};

test('a lesson end to end: steps in the URL, predict then reveal, a task checked live, a reload keeps the step', async () => {
  const { context, page, errors } = await lesson('?mode=lesson');
  assert.equal(await step(page), 1);
  assert.match(await search(page), /[?&]mode=lesson$/, 'step 1 is the default: left out of the URL');
  assert.equal(await page.locator('#lesson-progress').textContent(), 'Step 1 of 7');
  assert.equal(await page.locator('#lesson-back').isDisabled(), true);
  assert.equal(await visible(page, '#app > .hero, #question'), true, 'step 1 shows the question');
  assert.equal(await visible(page, '#forest'), false, 'the forest plot waits for its step');
  assert.equal(await visible(page, '#glossary'), false);

  await next(page);
  assert.match(await search(page), /&mode=lesson&step=2$/);
  assert.equal(await page.locator('#lesson-progress').textContent(), 'Step 2 of 7');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lesson-title', 'the focus goes to the step');
  // Back and Next update the URL both ways.
  await page.locator('#lesson-back').click();
  await page.waitForFunction(() => document.documentElement.dataset.step === '1');
  assert.match(await search(page), /[?&]mode=lesson$/);
  await next(page);
  await next(page);

  // Step 3: predict, before any interval is shown.
  assert.match(await search(page), /&step=3$/);
  assert.equal(await visible(page, '#forest'), false, 'no intervals before the predictions');
  const listed = await page.locator('#lesson-body li[data-cohort]').evaluateAll((items) => items.map((item) => item.dataset.cohort));
  assert.deepEqual(listed, COHORTS);
  for (const [cohort, guess] of Object.entries(GUESSES)) {
    await page.locator(`#lesson-body li[data-cohort="${cohort}"] button[data-guess="${guess}"]`).click();
  }
  assert.equal(await page.locator('#lesson-marked').textContent(), '8 of 8 marked.');
  assert.equal(await page.locator('#lesson-body button[aria-pressed="true"]').count(), 8);

  // Step 4: the intervals, the guesses beside them, and the hits computed from analysis().
  await next(page);
  assert.equal(await visible(page, '#forest-plot'), true, 'the forest plot shows with the reveal');
  const reads = await truth(page);
  const hits = COHORTS.filter((cohort) => GUESSES[cohort] === reads[cohort]).length;
  assert.ok(hits > 0 && hits < 8, `the predictions give a mix of hits and misses (${hits})`);
  const score = page.locator('#lesson-score');
  assert.equal(await score.getAttribute('data-hits'), String(hits));
  assert.equal(await score.getAttribute('data-total'), '8');
  assert.match(await score.textContent(), new RegExp(`^${hits} of your 8 guesses (was a hit|were hits)\\.$`));
  const rows = await page.locator('#lesson-reveal tbody tr').evaluateAll((items) => items.map((row) => ({
    cohort: row.dataset.cohort, reads: row.dataset.reads, hit: row.dataset.hit, cells: [...row.cells].map((cell) => cell.textContent),
  })));
  for (const row of rows) {
    assert.equal(row.reads, reads[row.cohort], `${row.cohort}: what the interval says`);
    assert.equal(row.hit, String(GUESSES[row.cohort] === reads[row.cohort]), `${row.cohort}: hit`);
    assert.match(row.cells[2], /^\d+\.\d{2,3} \(\d+\.\d{2,3} to \d+\.\d{2,3}\)$/, `${row.cohort}: the interval as the page writes it`);
    if (row.reads === 'same') assert.equal(row.cells[3], 'includes 1: these data cannot tell', row.cohort);
    assert.doesNotMatch(row.cells.join(' '), /no difference|no effect/i, row.cohort);
  }
  assert.match(await page.locator('.lesson-rule').textContent(), /does not show that there is no difference: it means these data cannot tell/);
  const shown = await page.locator('#forest-plot').evaluate((node) => node.textContent);
  assert.ok(shown.includes(rows[0].cells[2].split(' ')[0]), 'the reveal and the forest plot show the same ratio');

  // A step link: the reload keeps the step, and the predictions of this tab.
  const before = page.url();
  await page.reload();
  await lessonReady(page);
  assert.equal(page.url(), before);
  assert.equal(await step(page), 4);
  assert.equal(await page.locator('#lesson-score').getAttribute('data-hits'), String(hits));

  // Step 5: which explanation each pattern supports, then the check.
  await next(page);
  const patterns = await page.locator('#lesson-body li[data-pattern]').evaluateAll((items) => items.map((item) => item.dataset.pattern));
  assert.deepEqual([...patterns].sort(), ['ff_adds', 'ff_only', 'muscle_relief', 'systemic', 'systemic_dose']);
  const systemic = page.locator('#lesson-body li[data-pattern="systemic"]');
  assert.match(await systemic.textContent(), /Less depression reported wherever Botox is injected, including where no facial muscle is/);
  for (const id of patterns) {
    const choice = id === 'ff_adds' ? 'ff_only' : id; // one wrong answer
    await page.locator(`#lesson-body li[data-pattern="${id}"] button[data-explanation="${choice}"]`).click();
  }
  if (await page.locator('#explanations').count()) assert.equal(await visible(page, '#explanations'), false, 'the explanations wait for the check');
  await page.locator('#lesson-check').click();
  await page.waitForFunction(() => document.querySelector('#lesson-answered').textContent.includes('right'));
  assert.equal(await page.locator('#lesson-answered').textContent(), '4 of 5 right.');
  assert.match(await page.locator('.lesson-verdict[data-pattern="ff_adds"]').textContent(), /Not quite: this is the pattern “Facial feedback adds to the effect” predicts\./);
  if (await page.locator('#explanations').count()) assert.equal(await visible(page, '#explanations'), true);

  // Step 6: the workbench task, checked live; the step stays in the URL the app rewrites.
  await next(page);
  assert.equal(await visible(page, '#workbench'), true);
  const task = page.locator('#lesson-task1');
  assert.equal(await task.getAttribute('data-done'), 'false');
  assert.match(await task.textContent(), /^Not yet: Chronic migraine is in “Frown muscles injected”\.$/);
  await page.locator('#group-of-migraine').selectOption('no_facial');
  await page.waitForFunction(() => document.querySelector('#lesson-task1').dataset.done === 'true');
  assert.equal(await task.textContent(), 'Done: the workbench shows this grouping.');
  assert.deepEqual((await page.evaluate(() => window.glabella.scenario())).no_facial.includes('migraine'), true);
  await page.waitForFunction(() => location.search.includes('no_facial=migraine'));
  assert.match(await search(page), /no_facial=migraine&mode=lesson&step=6$/, 'the app keeps the lesson and its step');
  assert.equal(await page.locator('#lesson-task2').getAttribute('data-done'), 'false');

  // Step 7: the scorecard and the limits; Next is done.
  await next(page);
  assert.equal(await visible(page, '#scorecard'), true);
  assert.equal(await visible(page, '#limits'), true);
  assert.equal(await page.locator('#lesson-next').isDisabled(), true);
  assert.equal(await page.locator('#lesson-progress').textContent(), 'Step 7 of 7');

  // Links: the lesson's own is this step without the teacher's notes; window.glabella.link() and
  // the Share panel stay the explainer's.
  const stepLink = await page.locator('#lesson-link').inputValue();
  assert.match(stepLink, /\?v=1&data=[^&]+&no_facial=migraine&mode=lesson&step=7$/);
  const apiLink = await page.evaluate(() => window.glabella.link());
  assert.match(apiLink, /\?v=1&data=[^&]+&no_facial=migraine$/);
  // And the step link opens that step.
  await page.goto(stepLink);
  await lessonReady(page);
  assert.equal(await step(page), 7);
  assert.equal(await page.locator('#group-of-migraine').inputValue(), 'no_facial');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step link opens its step and a reload keeps it; a bad step gives a notice naming `step` and shows step 1', async () => {
  const { context, page, errors } = await lesson('?mode=lesson&step=4');
  assert.equal(await step(page), 4);
  assert.equal(await visible(page, '#forest-plot'), true);
  assert.equal(await page.locator('#lesson-score').textContent(), 'You have not marked any group: go back one step to predict, or read the intervals as they are.');
  await page.reload();
  await lessonReady(page);
  assert.equal(await step(page), 4);
  assert.match(await search(page), /&mode=lesson&step=4$/);

  for (const [query, key] of [['?mode=lesson&step=99', 'step=99'], ['?mode=lesson&step=8', 'step=8'], ['?mode=lesson&step=two', 'step=two']]) {
    await page.goto(base() + query);
    await lessonReady(page);
    const notices = await page.locator('#notices li.notice span').allTextContents();
    assert.deepEqual(notices, [`\`${key}\` is not a value this page offers; showing step 1.`], query);
    assert.equal(await step(page), 1, query);
    assert.equal(await page.locator('#lesson-progress').textContent(), 'Step 1 of 7');
    assert.match(await search(page), /[?&]mode=lesson$/, `${query}: the canonical address`);
  }
  // The last step is a step; the lesson's keys without mode=lesson are ignored, with a notice.
  await page.goto(`${base()}?mode=lesson&step=7`);
  await lessonReady(page);
  assert.equal(await step(page), 7);
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  await page.goto(`${base()}?step=3`);
  await ready(page);
  await settle(page);
  assert.deepEqual(await page.locator('#notices li.notice span').allTextContents(), ['`step=3` is for lessons (`mode=lesson`); it was ignored.']);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.mode), undefined);
  assert.equal(await page.locator('#lesson').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the default page fetches nothing of the lesson, and holds none of its words', async () => {
  const context = await launchedBrowser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(base());
  await ready(page);
  await settle(page);
  await page.waitForTimeout(300);
  assert.deepEqual(requests.filter((url) => /lesson/.test(url)), []);
  for (const folder of ['', 'ru/']) {
    const html = readFileSync(`${DIST}${folder}index.html`, 'utf8');
    assert.doesNotMatch(html, /Print the worksheet|Распечатать рабочий лист/, `${folder}index.html`);
    const meta = html.match(/<meta name="?glabella-lesson"? content="?\.\/(lesson-[0-9a-f]{16}\.js)"?>/);
    assert.ok(meta, `${folder}index.html points at its lesson`);
    const code = readFileSync(`${DIST}${folder}${meta[1]}`, 'utf8');
    assert.match(code, folder ? /Распечатать рабочий лист/ : /Print the worksheet/, `${meta[1]} holds its language's words`);
    assert.doesNotMatch(code, folder ? /Print the worksheet/ : /Распечатать рабочий лист/, `${meta[1]} holds only its language's words`);
    assert.match(readFileSync(`${DIST}${folder}sw.js`, 'utf8'), new RegExp(`ON_DEMAND = \\[[^\\]]*"${meta[1]}"`), 'the service worker caches it when fetched');
  }
  await context.close();
});

test('the teacher\'s notes: answers, discussion questions and timings; the step link leaves them out', async () => {
  const { context, page, errors } = await lesson('?mode=lesson&teacher=1');
  assert.match(await search(page), /[?&]mode=lesson&teacher=1$/);
  const notes = page.locator('#lesson-teacher');
  assert.equal(await notes.isVisible(), true);
  assert.match(await notes.textContent(), /^For the teacherAnswer: Only where the frown muscles are injected/);
  assert.match(await notes.textContent(), /Discuss: /);
  const timings = await notes.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
  assert.equal(timings.length, 7);
  const minutes = (column) => timings.reduce((sum, row) => sum + Number(row[column].replace(' min', '')), 0);
  assert.equal(minutes(1), 20, 'the 20-minute class');
  assert.equal(minutes(2), 45, 'the 45-minute class');
  await next(page);
  assert.match(await search(page), /&mode=lesson&step=2&teacher=1$/);
  assert.match(await page.locator('#lesson-link').inputValue(), /&mode=lesson&step=2$/, 'no teacher=1 in the link for the class');
  assert.match(await notes.textContent(), /Answer: People treated for different conditions/);
  // Without teacher=1, no notes.
  await page.goto(`${base()}?mode=lesson&step=2`);
  await lessonReady(page);
  assert.equal(await page.locator('#lesson-teacher').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The number of pages of a PDF: its page objects. */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

test('the worksheet printed to PDF, A4 and Letter: black on white, questions, answer lines, the tables and the link, no controls', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await lesson('?mode=lesson&step=4&ci=90&teacher=1', { colorScheme });
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => {
      const sheet = document.querySelector('#lesson-worksheet');
      const style = getComputedStyle(sheet);
      const shown = (node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
      return {
        color: style.color,
        background: style.backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
        controls: [...document.querySelectorAll('button, input, select, textarea, nav, #app, #lesson, .lang-switch')].filter(shown).map((node) => node.id || node.tagName),
        lines: [...sheet.querySelectorAll('.ws-line')].filter(shown).length,
        link: sheet.querySelector('.ws-link').textContent,
        tables: [...sheet.querySelectorAll('table')].map((table) => table.tBodies[0].rows.length),
        text: sheet.textContent,
        inked: [...sheet.querySelectorAll('*')].filter(shown).map((node) => getComputedStyle(node).color).filter((color) => color !== 'rgb(0, 0, 0)'),
      };
    });
    assert.equal(seen.color, 'rgb(0, 0, 0)', colorScheme);
    assert.equal(seen.background, 'rgb(255, 255, 255)', colorScheme);
    assert.equal(seen.body, 'rgb(255, 255, 255)', colorScheme);
    assert.deepEqual(seen.inked, [], `${colorScheme}: everything black`);
    assert.deepEqual(seen.controls, [], `${colorScheme}: no controls in print`);
    assert.ok(seen.lines >= 20, `${colorScheme}: ${seen.lines} answer lines`);
    assert.match(seen.link, /^This lesson, with the scenario of the tables below: http:\/\/127\.0\.0\.1:\d+\/\?v=1&data=[^&]+&ci=90&mode=lesson$/);
    // The predictions, the cohorts with their intervals, the workbench groups.
    assert.deepEqual(seen.tables, [8, 8, 3]);
    for (const words of ['Worksheet: Does Botox lift mood only where it stops a frown?', 'Step 3 of 7: Predict', 'Which explanation would each pattern support?',
      'Move chronic migraine to “No facial muscles”.', 'The data of this scenario', 'Answers (the teacher\'s copy)',
      // The tables' readings rest on the reconstruction's assumed counts, and the sheet says so.
      'Illustrative reconstruction. Cohort sizes and three results are published; the depression counts are assumptions.']) {
      assert.ok(seen.text.includes(words), `${colorScheme}: the worksheet says ${words}`);
    }
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      const pages = pageCount(pdf);
      assert.ok(pages >= 2 && pages <= 8, `${format}, ${colorScheme}: ${pages} pages`);
      if (colorScheme === 'light') {
        mkdirSync(SHOTS, { recursive: true });
        writeFileSync(`${SHOTS}lesson-worksheet-${format}.pdf`, pdf);
      }
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  // The pages as images, where Ghostscript is installed, to look at.
  if (existsSync('/usr/bin/gs')) {
    for (const format of ['A4', 'Letter']) {
      execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=png16m', '-r60', `-sOutputFile=${SHOTS}lesson-worksheet-${format}-%d.png`, `${SHOTS}lesson-worksheet-${format}.pdf`]);
    }
    assert.ok(readdirSync(SHOTS).some((name) => /^lesson-worksheet-A4-1\.png$/.test(name)));
  }
});

/** Presses Tab until the focus is on an element matching `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 300) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('the keyboard alone finishes the lesson: Tab, Space and Enter', async () => {
  const { context, page, errors } = await lesson('?mode=lesson', { width: 1280, height: 800 });
  await page.mouse.move(0, 0);
  const nextByKeys = async () => {
    const before = await step(page);
    await tabTo(page, '#lesson-next');
    await page.keyboard.press('Enter');
    await page.waitForFunction((was) => Number(document.documentElement.dataset.step) === was + 1, before);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lesson-title', 'the focus starts the new step');
  };
  await nextByKeys();
  await nextByKeys();
  // Step 3: one mark per cohort, with Space.
  for (const [cohort, guess] of Object.entries(GUESSES)) {
    await tabTo(page, `li[data-cohort="${cohort}"] button[data-guess="${guess}"]`);
    await page.keyboard.press('Space');
  }
  assert.equal(await page.locator('#lesson-marked').textContent(), '8 of 8 marked.');
  await nextByKeys();
  const reads = await truth(page);
  const hits = COHORTS.filter((cohort) => GUESSES[cohort] === reads[cohort]).length;
  assert.equal(await page.locator('#lesson-score').getAttribute('data-hits'), String(hits));
  await nextByKeys();
  // Step 5: every pattern answered with Enter, then the check.
  for (const id of ['systemic', 'muscle_relief', 'ff_only', 'systemic_dose', 'ff_adds']) {
    await tabTo(page, `li[data-pattern="${id}"] button[data-explanation="${id}"]`);
    await page.keyboard.press('Enter');
  }
  await tabTo(page, '#lesson-check');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#lesson-answered').textContent === '5 of 5 right.');
  await nextByKeys();
  await nextByKeys();
  assert.equal(await step(page), 7);
  assert.match(await search(page), /&mode=lesson&step=7$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Russian lesson speaks Russian, with decimal commas, from ru/ and from lang=ru', async () => {
  for (const path of ['ru/?mode=lesson&step=3', '?lang=ru&mode=lesson&step=3']) {
    const { context, page, errors } = await lesson(path);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru', path);
    assert.match(page.url(), /\/ru\/\?/, path);
    assert.match(await search(page), /&mode=lesson&step=3$/, path);
    assert.equal(await page.locator('#lesson-progress').textContent(), 'Шаг 3 из 7');
    assert.equal(await page.locator('#lesson-title').textContent(), 'Прогноз');
    assert.equal(await page.locator('#lesson-next').textContent(), 'Дальше');
    await page.locator('li[data-cohort="cosmetic"] button[data-guess="less"]').click();
    assert.equal(await page.locator('#lesson-marked').textContent(), 'Отмечено: 1 из 8.');
    await next(page);
    assert.equal(await page.locator('#lesson-score').textContent(), 'Из 1 вашего прогноза совпал 1.');
    const cells = await page.locator('#lesson-reveal tbody tr td:nth-child(3)').allTextContents();
    for (const cell of cells) assert.match(cell, /^\d+,\d{2,3} \(от \d+,\d{2,3} до \d+,\d{2,3}\)$/, cell);
    // No English in the lesson outside the allowed names.
    const words = await page.locator('#lesson, #lesson-nav').evaluateAll((nodes) => nodes.map((node) => node.textContent).join(' '));
    const english = (words.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !['ROR', 'FAERS', 'FDA', 'Botox'].includes(word));
    assert.deepEqual(english, [], path);
    // The language switch goes on with the lesson, at its step, in English.
    const other = new URL(await page.locator('.lang-switch a').getAttribute('href'), page.url());
    assert.equal(other.searchParams.get('mode'), 'lesson', path);
    assert.equal(other.searchParams.get('step'), '4', path);
    assert.equal(other.searchParams.get('lang'), 'en', path);
    const sheet = await page.locator('#lesson-worksheet').textContent();
    assert.match(sheet, /^Рабочий лист: поднимает ли ботокс настроение/);
    assert.deepEqual(errors, [], path);
    await context.close();
  }
});

/** Serves one parent page on another port of 127.0.0.1 (another origin than the explainer). */
function serveParent(html) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

test('embed=all&mode=lesson works inside another site\'s iframe', async () => {
  const parent = await serveParent(`<!doctype html><title>A course</title>
    <iframe id="lesson" src="${base()}?embed=all&mode=lesson&step=3" style="width: 100%; height: 900px; border: 0" title="Lesson"></iframe>`);
  const context = await launchedBrowser().newContext({ viewport: { width: 1024, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(parent.url);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('html[data-lesson-ready]', { state: 'attached', timeout: 30000 });
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.embed), 'all');
  assert.equal(await frame.locator('#lesson-progress').textContent(), 'Step 3 of 7');
  await frame.locator('li[data-cohort="migraine"] button[data-guess="less"]').click();
  await frame.locator('#lesson-next').click();
  await frame.waitForFunction(() => document.documentElement.dataset.step === '4');
  assert.match(await frame.evaluate(() => location.search), /embed=all&mode=lesson&step=4$/);
  assert.equal(await frame.locator('#forest-plot').first().isVisible(), true);
  assert.equal(await frame.locator('#lesson-score').getAttribute('data-total'), '1');
  assert.equal(await frame.locator('p.embed-source').isVisible(), true, 'the embed still links to the full page');
  assert.deepEqual(errors, []);
  await context.close();
  parent.server.close();
});
