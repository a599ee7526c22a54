// The story a reader scrolls through: its steps in order, from the question to the sources, and
// the step that explains the method with one cohort's counts, which must be the analysis's counts
// in every scenario, in both languages.
// Run with the other browser tests: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, text, useBrowser } from './harness.mjs';

useBrowser();

/** The story's steps, as section ids, in the order the issue tells it. */
const STEPS = ['question', 'how', 'forest', 'explanations', 'workbench', 'scorecard', 'dose', 'limits', 'trials', 'about-data', 'cite'];

test('the page tells the story in order, from the question to the sources', async () => {
  const { context, page, errors } = await open(360);
  const order = await page.evaluate((ids) => {
    const all = [...document.querySelectorAll('main [id]')].map((node) => node.id);
    return ids.map((id) => all.indexOf(id));
  }, STEPS);
  assert.ok(order.every((position) => position >= 0), `a step is missing: ${JSON.stringify(Object.fromEntries(STEPS.map((id, idx) => [id, order[idx]])))}`);
  assert.deepEqual([...order].sort((x, y) => x - y), order, `steps out of order: ${JSON.stringify(order)}`);
  // Each step has a heading a reader (and a screen reader) can find.
  for (const id of STEPS) {
    assert.ok(await page.locator(`#${id} :is(h1, h2)`).count() >= 1, `#${id} has no heading`);
  }
  assert.match(await text(page, '#question .intro'), /facial feedback/);
  assert.equal(await page.locator('#explanations dt').count(), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

/** "20,684" as the English page writes counts. */
const count = (value) => value.toLocaleString('en-US');

/** The sentences of step 2 as the analysis's first cohort without a zero cell gives them. */
async function expectedCounts(page) {
  const analysis = await page.evaluate(() => window.glabella.analysis());
  const cohort = analysis.cohorts.find((row) => row.a > 0 && row.b > 0 && row.c > 0 && row.d > 0);
  return { cohort, analysis };
}

test('step 2 writes out one cohort\'s counts and ratio exactly as the analysis has them', async () => {
  const { context, page, errors } = await open(1280);
  const { cohort } = await expectedCounts(page);
  assert.equal(cohort.indication, 'cosmetic');
  const counts = await text(page, '#how-counts');
  assert.equal(counts, `In the Cosmetic (wrinkles) cohort, ${count(cohort.a)} of ${count(cohort.a + cohort.b)} Botox reports `
    + `mention depression; ${count(cohort.c)} of ${count(cohort.c + cohort.d)} reports of other treatments do.`);
  assert.equal(counts.includes('104 of 20,684') && counts.includes('49 of 1,214'), true, counts);
  const ratio = await text(page, '#how-ror');
  assert.ok(ratio.includes(`(${count(cohort.a)} ÷ ${count(cohort.b)}) ÷ (${count(cohort.c)} ÷ ${count(cohort.d)}) = ${cohort.ror.toFixed(2)}`), ratio);
  // The picture's bars are the two shares, per 1,000 reports, and the longer one fills the width.
  const bars = await page.locator('#how .counts-picture').evaluate((svg) => ({
    labels: [...svg.querySelectorAll('text')].map((node) => node.textContent),
    widths: [...svg.querySelectorAll('rect')].map((rect) => Number(rect.getAttribute('width'))),
  }));
  const perThousand = (events, total) => (events * 1000 / total).toFixed(1);
  assert.deepEqual(bars.labels, [
    `Botox: ${perThousand(cohort.a, cohort.a + cohort.b)} per 1,000 reports`,
    `Other treatments: ${perThousand(cohort.c, cohort.c + cohort.d)} per 1,000 reports`,
  ]);
  assert.equal(Math.max(...bars.widths), 318);
  // The counts are the reconstruction's assumptions, and the step says so beside them.
  assert.match(await text(page, '#how .data-banner'), /Illustrative reconstruction/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('step 2 follows the scenario: under a what-if its counts are the what-if\'s, and it says so', async () => {
  const { context, page, errors } = await open(360, { path: '?missed_bont=30' });
  const { cohort } = await expectedCounts(page);
  // The what-if adds the depression the Botox reports missed: a count above the embedded 104.
  assert.ok(cohort.a > 104, JSON.stringify(cohort));
  const counts = await text(page, '#how-counts');
  assert.ok(counts.includes(`${count(cohort.a)} of ${count(cohort.a + cohort.b)} Botox reports`), counts);
  assert.match(await text(page, '#how .data-banner'), /What-if/);
  // The headline is what gets quoted: the what-if is said right under it, before the story goes on.
  assert.equal(await page.evaluate(() => document.getElementById('answer').nextElementSibling?.id), 'headline-note');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Russian story: the same step in Russian, with its numbers as Russian writes them', async () => {
  const { context, page, errors } = await open(360, { path: 'ru/' });
  const { cohort } = await expectedCounts(page);
  const group = (value) => value.toLocaleString('ru-RU').replace(/\s/g, '\u202f');
  const counts = await text(page, '#how-counts');
  assert.equal(counts, `В когорте «Косметология (морщины)» депрессию упоминают ${group(cohort.a)} из ${group(cohort.a + cohort.b)} `
    + `сообщений о ботоксе и ${group(cohort.c)} из ${group(cohort.c + cohort.d)} сообщений о другом лечении.`);
  assert.ok((await text(page, '#how-ror')).includes(`= ${cohort.ror.toFixed(2).replace('.', ',')}.`));
  assert.equal(await page.locator('#explanations dt').first().textContent(), 'Мимическая обратная связь');
  assert.deepEqual(errors, []);
  await context.close();
});
