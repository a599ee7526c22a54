// How much each scorecard reading depends on the reconstruction's assumed counts: the shares of
// its readings over 500 reconstructions consistent with everything the study published, counted
// in a worker of their own. The `glabella` command (`analyze --sensitivity 500 --scenario LINK`)
// is the reference. Run with the other browser tests: node --test tests/browser/
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { base, commandBinary, open, useBrowser, ready } from './harness.mjs';

useBrowser();

const cli = { bin: null };

before(() => {
  cli.bin = commandBinary();
});

/** The command's shares for a link's query: { hypothesis id: { reading: share } }, and its readings. */
function commandShares(query) {
  const result = spawnSync(cli.bin, ['analyze', '--json', '--sensitivity', '500', '--scenario', query],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, result.stderr);
  const document = JSON.parse(result.stdout);
  return { shares: document.sensitivity.readings, members: document.sensitivity.members, readings: document.assessment };
}

/** The page's percentage of a share, as src/components/scorecard.rs writes it. */
function percent(share, members) {
  const count = Math.round(share * members);
  const rounded = Math.floor((count * 100 + Math.floor(members / 2)) / members);
  if (rounded === 0 && count > 0) return '<1';
  if (rounded === 100 && count < members) return '>99';
  return String(rounded);
}

const WORDS = { supports: 'Supports', consistent: 'Consistent', against: 'Against', cannot_tell: 'Cannot tell', not_testable: 'Not testable' };

/** Each scorecard row's shares sentence must be the command's shares for the page's link. */
async function assertSharesMatchTheCommand(page) {
  const query = new URL(await page.evaluate(() => location.href)).search.slice(1);
  const expected = commandShares(query);
  assert.equal(expected.members, 500);
  const rows = await page.locator('#scorecard li.score-row').evaluateAll((items) => items.map((item) => ({
    id: item.dataset.hypothesis,
    reading: item.dataset.reading,
    text: item.querySelector('.score-shares')?.textContent ?? '',
  })));
  assert.equal(rows.length, 7);
  for (const row of rows) {
    const shares = expected.shares[row.id];
    assert.ok(shares, `the command has no shares for ${row.id}`);
    const own = `${WORDS[row.reading]} in ${percent(shares[row.reading], 500)}% of 500 reconstructions`;
    assert.ok(row.text.startsWith(own), `${row.id}: "${row.text}" should start "${own}"`);
    for (const [reading, share] of Object.entries(shares)) {
      if (reading === row.reading || share === 0) continue;
      assert.ok(row.text.includes(`${WORDS[reading].toLowerCase()} ${percent(share, 500)}%`), `${row.id}: ${row.text} lacks ${reading}`);
    }
  }
  return query;
}

test('the reader asks for the counts: they appear beside every reading, as the command counts them, and the link keeps them', async () => {
  const { context, page, errors } = await open(1280);
  assert.equal(await page.locator('.score-shares').count(), 0, 'no counts before the reader asks');
  await page.click('#shares-show');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('seed') === '1');
  await page.waitForFunction(() => document.querySelectorAll('.score-shares').length === 7, null, { timeout: 60000 });
  // Each row draws its shares as a bar hidden from screen readers, the words say the same.
  assert.equal(await page.locator('.score-shares .shares-bar[aria-hidden="true"]').count(), 7);
  assert.match(await page.locator('#shares-status').textContent(), /over 500 reconstructions: .*from seed 1/);
  const query = await assertSharesMatchTheCommand(page);
  const before = await page.locator('.score-shares').allTextContents();

  // A reload of the link shows the same counts again.
  await page.goto(`${base()}?${query}`);
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('.score-shares').length === 7, null, { timeout: 60000 });
  assert.deepEqual(await page.locator('.score-shares').allTextContents(), before);

  // Another draw: seed 501, counted again.
  await page.click('#shares-again');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('seed') === '501');
  await page.waitForFunction((old) => {
    const now = [...document.querySelectorAll('.score-shares')].map((node) => node.textContent);
    return now.length === 7 && now.join() !== old.join();
  }, before, { timeout: 60000 });
  await assertSharesMatchTheCommand(page);

  // Hidden again: no seed in the link, no counts.
  await page.click('#shares-hide');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('seed'));
  assert.equal(await page.locator('.score-shares').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a regroup counts again for the new scenario, and the page stays responsive meanwhile', async () => {
  const { context, page, errors } = await open(1280, { path: '?seed=1' });
  await page.waitForFunction(() => document.querySelectorAll('.score-shares').length === 7, null, { timeout: 60000 });
  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForFunction(() => location.search.includes('migraine'));
  // The counts shown are never those of the previous scenario: they go at once, then come back.
  assert.equal(await page.locator('.score-shares').count(), 0, 'the previous scenario\'s counts are gone');
  await page.waitForFunction(() => document.querySelectorAll('.score-shares').length === 7
    && !/Counting/.test(document.getElementById('shares-status').textContent), null, { timeout: 60000 });
  const query = await assertSharesMatchTheCommand(page);
  assert.match(query, /no_facial=migraine/);
  const longest = await page.evaluate(() => window.longest);
  console.log(`# longest main-thread task while counting 500 reconstructions after a regroup: ${Math.round(longest)} ms`);
  assert.ok(longest < 100, `a main-thread task took ${Math.round(longest)} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad seed in a link says so and shows no counts', async () => {
  const { context, page, errors } = await open(1280, { path: '?seed=abc' });
  await page.waitForSelector('#notices li.notice');
  assert.match(await page.locator('#notices').textContent(), /`seed=abc` is not a value this page offers; showing no reconstructions\./);
  assert.equal(await page.locator('.score-shares').count(), 0);
  assert.equal(await page.locator('#shares-show').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
