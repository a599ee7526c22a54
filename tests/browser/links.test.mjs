// Scenario links as a reader meets them: the presets and their links, a reload, hostile or broken
// query strings, the page embedded in another site, a static dark figure, copying the link, and
// the clean canonical address. The `glabella` command is the reference for what a link means.
// Run with the other browser tests: node --test tests/browser/
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { assertSameDocument, base, commandBinary, launchedBrowser, openSettings, prng, settle, useBrowser, ready } from './harness.mjs';

useBrowser();

const cli = { bin: null, presets: null, version: null };

before(() => {
  cli.bin = commandBinary();
  cli.presets = JSON.parse(runCli(['presets', '--json']).stdout);
  cli.version = JSON.parse(runCli(['analyze', '--json']).stdout).dataset.version;
  assert.ok(cli.presets.length >= 2, 'the command lists presets');
  assert.ok(cli.version, 'the dataset has a version');
});

function runCli(args) {
  const result = spawnSync(cli.bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `glabella ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result;
}

/** What the command makes of a link: its analysis, canonical query and notices. */
function analyzeLink(query) {
  const { stdout, stderr } = runCli(['analyze', '--json', '--scenario', query]);
  const analysis = JSON.parse(stdout);
  // One notice per `notice: ` line; a value may itself hold a line break.
  const notices = stderr === '' ? [] : stderr.replace(/\n$/, '').split(/\n(?=notice: )/)
    .map((line) => {
      assert.ok(line.startsWith('notice: '), `unexpected stderr line: ${JSON.stringify(line)}`);
      return line.slice('notice: '.length);
    });
  return { analysis, notices, scenario: analysis.settings.scenario };
}

/** The ratio as the page prints it (`glabella_core::format::ratio_label`). */
function ratioLabel(value) {
  let decimals = value < 0.1 ? 3 : 2;
  while (decimals < 6 && value !== 1 && Math.round(value * 10 ** decimals) === 10 ** decimals) decimals += 1;
  const scale = 10 ** decimals;
  const scaled = Math.round(Math.abs(value) * scale);
  const whole = Math.floor(scaled / scale);
  const fraction = String(scaled % scale).padStart(decimals, '0');
  return `${value < 0 && scaled > 0 ? '-' : ''}${whole}.${fraction}`;
}

/**
 * A fresh context and page that record console errors, page errors and dialogs.
 * `init` runs in the page before its scripts; the other options go to `browser.newContext`.
 */
async function fresh({ init, width = 1280, height = 900, ...contextOptions } = {}) {
  const context = await launchedBrowser().newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const problems = watch(page);
  if (init) await page.addInitScript(init);
  return { context, page, problems };
}

/** Records what must never happen on a page: console errors, uncaught errors and dialogs. */
function watch(page) {
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  return problems;
}

/** Opens `path` (relative to the served dist/) and waits until the app has rendered and settled. */
async function load(page, path = '', selector = '#answer') {
  await page.goto(base() + path);
  await ready(page);
  await page.waitForSelector(selector, { state: 'attached' });
  await settle(page);
}

/** Fails on anything `watch` recorded and on a visible panic panel. */
async function assertHealthy(page, problems, what = '') {
  assert.deepEqual(problems, [], `${what} problems`);
  assert.equal(await page.locator('#fatal').isVisible(), false, `${what} #fatal is visible`);
}

const textOf = (page, selector) => page.locator(selector).first().evaluate((node) => node.textContent);
const search = (page) => page.evaluate(() => location.search);

// ---------------------------------------------------------------------------------------------
// 1. Presets

test('the page lists the presets of the command, in its order and with its titles', async () => {
  const { context, page, problems } = await fresh();
  await load(page);
  const listed = await page.locator('#share ul.presets li.preset[data-preset]').evaluateAll((items) => items
    .map((item) => ({ id: item.dataset.preset, title: item.querySelector('button.preset-apply')?.textContent })));
  assert.deepEqual(listed, cli.presets.map(({ id, title }) => ({ id, title })));
  await assertHealthy(page, problems);
  await context.close();
});

test('each preset: its button and its link give the same view, and the command agrees on the numbers', async (t) => {
  for (const preset of cli.presets) {
    await t.test(preset.id, async () => {
      const expected = preset.query === '' ? '' : `?${preset.query}`;
      // Start away from every preset, so that applying one must replace the whole scenario.
      const clicked = await fresh();
      await load(clicked.page, '?ci=90&zero=always&frown=spasticity');
      const item = clicked.page.locator(`#share li.preset[data-preset="${preset.id}"]`);
      await item.locator('button.preset-apply').click();
      await clicked.page.waitForFunction((wanted) => location.search === wanted, expected);
      await settle(clicked.page);
      const href = await item.locator('a.preset-link').getAttribute('href');
      const url = new URL(href);
      assert.equal(url.origin + url.pathname, new URL(base()).href, `${href} is not this page`);
      assert.equal(url.search, expected, `a.preset-link ${href}`);
      assert.ok(href.endsWith(preset.query), `${href} ends with ${preset.query}`);
      assert.equal(url.hash, '');
      assert.equal(await clicked.page.locator('#share-url').inputValue(),
        await clicked.page.evaluate(() => location.href), '#share-url is the current link');
      const afterClick = {
        answer: await textOf(clicked.page, '#answer'),
        forest: await textOf(clicked.page, '#forest-table tbody'),
        frown: await textOf(clicked.page, '[data-group="frown"] .pooled'),
      };
      await assertHealthy(clicked.page, clicked.problems, 'after the click:');
      await clicked.context.close();

      const opened = await fresh();
      await opened.page.goto(href);
      await ready(opened.page);
      await opened.page.waitForSelector('#answer');
      await settle(opened.page);
      assert.equal(await search(opened.page), expected, 'the link keeps its query');
      assert.equal(await textOf(opened.page, '#answer'), afterClick.answer, '#answer');
      assert.equal(await textOf(opened.page, '#forest-table tbody'), afterClick.forest, '#forest-table tbody');
      assert.equal(await opened.page.locator('#notices li.notice').count(), 0, 'a preset link has no notice');
      // window.glabella.analysis() is the command's document for the same link: every key, every
      // number (JSON has no NaN or infinity: both sides write null there).
      const fromPage = await opened.page.evaluate(async () => JSON.stringify(await window.glabella.analysis()));
      const { analysis, notices, scenario } = analyzeLink(preset.query);
      assertSameDocument(JSON.parse(fromPage), analysis);
      await assertHealthy(opened.page, opened.problems, 'the link:');
      await opened.context.close();

      // The command reads the same link to the same pooled ratio.
      assert.deepEqual(notices, []);
      assert.equal(scenario, preset.query, 'the preset query is canonical');
      const frown = analysis.groups.find((group) => group.name === 'frown');
      assert.ok(frown && frown.pooled_ror !== null, 'the command pools the frown group');
      const level = Math.round(analysis.settings.ci_level * 100);
      assert.ok(afterClick.frown.startsWith(`Pooled ROR ${ratioLabel(frown.pooled_ror)} (${level}% CI ${ratioLabel(frown.ci_low)} to ${ratioLabel(frown.ci_high)})`),
        `page: ${afterClick.frown}; command: ${frown.pooled_ror} (${frown.ci_low} to ${frown.ci_high}) at ${level}%`);
      if (frown.pooled_ror >= 0.1) {
        assert.ok(afterClick.frown.startsWith(`Pooled ROR ${frown.pooled_ror.toFixed(2)} `), afterClick.frown);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Reload

test('a reload keeps the scenario: the address, the answer and the controls', async () => {
  const { context, page, problems } = await fresh();
  await load(page);
  await openSettings(page);
  await page.selectOption('#ci-level', { label: '99%' });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('99% CI'));
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
  await page.locator('#adjust').check();
  await page.waitForFunction(() => /(^\?|&)adjust=/.test(location.search));
  await settle(page);
  const before = {
    url: page.url(),
    answer: await textOf(page, '#answer'),
  };
  assert.match(before.url, /[?&]ci=99(&|$)/);
  assert.match(before.url, /[?&]no_facial=migraine(&|$)/);
  assert.match(before.url, /[?&]adjust=sex,age_band(&|$)/);

  await page.reload();
  await page.waitForSelector('#answer');
  await settle(page);
  assert.equal(page.url(), before.url, 'the address after the reload');
  assert.equal(await textOf(page, '#answer'), before.answer, '#answer after the reload');
  const controls = await page.evaluate(() => ({
    level: document.querySelector('#ci-level').selectedOptions[0]?.textContent,
    adjusted: document.querySelector('#adjust').checked,
    migraine: document.querySelector('li[data-cohort="migraine"] select').value,
    migraineIn: document.querySelector('li[data-cohort="migraine"]').closest('[data-group]')?.dataset.group,
  }));
  assert.deepEqual(controls, { level: '99%', adjusted: true, migraine: 'no_facial', migraineIn: 'no_facial' });
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  await assertHealthy(page, problems);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 3. Hostile and broken query strings

const COHORTS = ['cosmetic', 'migraine', 'spasticity', 'torticollis', 'blepharospasm', 'hyperhidrosis',
  'sialorrhea', 'bladder'];
const COHORT_KEYS = ['frown', 'other_facial', 'no_facial'];
const ALLOWED = {
  ci: ['90', '95', '99'],
  zero: ['none', 'haldane', 'always'],
  adjust: ['sex,age_band'],
  pool: ['shared', 'separate'],
  embed: ['forest', 'workbench', 'dose', 'scorecard', 'all'],
  theme: ['auto', 'light', 'dark'],
  controls: ['0', '1'],
  // `lang=ru` opens the Russian page instead (tests/browser/russian.test.mjs).
  lang: ['en'],
  // The lesson (tests/browser/lesson.test.mjs): `step` and `teacher` only with `mode=lesson`.
  mode: ['lesson'],
  step: ['1', '2', '3', '4', '5', '6', '7'],
  teacher: ['0', '1'],
};
const LESSON_KEYS = ['step', 'teacher'];
const KEYS = ['v', 'data', ...Object.keys(ALLOWED), ...COHORT_KEYS];
const HOSTILE = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>',
  "'><script>alert(1)</script>", '</li><li class="notice">forged', '<iframe src="javascript:alert(1)">',
  '${alert(1)}', '{{7*7}}', '&amp;lt;', '\u202egnp.exe', '😀👍🏽', 'e\u0301', '日本語', 'Ёжик', 'שלום',
  '\u200b', '\u0000', '\n', ' ', '', '%', '+', '=', ',', ',,', 'NaN', '-1', '1e3', '95%', '0.95', 'TRUE',
  'undefined', 'null', '__proto__', 'constructor'];

/** Percent-decodes as the link codec does: `+` is a space, a bad escape stays, bad UTF-8 is replaced. */
function percentDecode(text) {
  const bytes = Buffer.from(text, 'utf8');
  const out = [];
  const hex = (byte) => /[0-9a-fA-F]/.test(String.fromCharCode(byte));
  for (let idx = 0; idx < bytes.length; idx += 1) {
    const byte = bytes[idx];
    if (byte === 0x2b) out.push(0x20);
    else if (byte === 0x25 && idx + 2 < bytes.length && hex(bytes[idx + 1]) && hex(bytes[idx + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[idx + 1], bytes[idx + 2]), 16));
      idx += 2;
    } else out.push(byte);
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(out));
}

/** A value as a notice quotes it: at most 40 characters. */
const shorten = (value) => {
  const chars = Array.from(value);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
};

/**
 * What the page must say about a query: one marker per notice, taken from the link contract
 * (core/src/scenario/link.rs): a key it does not know, a value it does not offer, a key given
 * twice, a cohort it does not have or names twice, another dataset or link version.
 */
function expectedMarkers(query) {
  const markers = [];
  const seen = new Set();
  const placed = new Set();
  const twice = [];
  let lesson = false;
  const lessonOnly = [];
  for (const pair of query.split('&').filter((part) => part !== '')) {
    const at = pair.indexOf('=');
    const key = percentDecode(at < 0 ? pair : pair.slice(0, at));
    const value = percentDecode(at < 0 ? '' : pair.slice(at + 1));
    if (seen.has(key)) {
      markers.push(`\`${shorten(key)}\` is given more than once`);
      continue;
    }
    seen.add(key);
    if (key === 'v') {
      if (value !== '1') markers.push(`\`v=${shorten(value)}\``);
    } else if (key === 'data') {
      if (value !== cli.version) markers.push(`dataset \`${shorten(value)}\``);
    } else if (key === 'mode') {
      if (value === 'lesson') lesson = true;
      else markers.push(`\`mode=${shorten(value)}\``);
    } else if (LESSON_KEYS.includes(key)) {
      // A step is digits for 1 to 7 (leading zeros too); teacher is 0 or 1.
      const valid = key === 'step' ? /^\d+$/.test(value) && +value >= 1 && +value <= 7 : ['0', '1'].includes(value);
      if (valid) lessonOnly.push(`\`${key}=${shorten(value)}\` is for lessons`);
      else markers.push(`\`${key}=${shorten(value)}\``);
    } else if (Object.hasOwn(ALLOWED, key)) {
      if (!ALLOWED[key].includes(value)) markers.push(`\`${key}=${shorten(value)}\``);
    } else if (COHORT_KEYS.includes(key)) {
      for (const cohort of value.split(',').filter((part) => part !== '')) {
        if (!COHORTS.includes(cohort)) markers.push(`\`${key}\` names \`${shorten(cohort)}\``);
        else if (placed.has(cohort)) { if (!twice.includes(cohort)) twice.push(cohort); }
        else placed.add(cohort);
      }
    } else {
      markers.push(`\`${shorten(key)}\` is not a setting`);
    }
  }
  return [...markers, ...twice.map((cohort) => `\`${cohort}\` is named more than once`), ...(lesson ? [] : lessonOnly)];
}

/** Query strings: hand-picked ones with their exact notices, then seeded random and mutated ones. */
function queryCorpus(count, seed) {
  const random = prng(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const chance = (p) => random() < p;
  const upperHex = (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  // Every way a reader's tools may write a component; none leaves a raw `#`, space or control
  // character, which a browser would drop or treat as the fragment.
  const encode = (text) => {
    const mode = pick(['component', 'component', 'bytes', 'lower', 'plus', 'raw']);
    const component = encodeURIComponent(text);
    if (mode === 'bytes') return [...Buffer.from(text, 'utf8')].map(upperHex).join('');
    if (mode === 'lower') return component.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    if (mode === 'plus') return component.replace(/%20/g, '+');
    if (mode === 'raw' && /^[^\x00-\x20\x7f#&%+=]*$/.test(text)) return text;
    return component;
  };
  const randomText = () => {
    const alphabet = ['a', 'z', 'A', '0', '9', '-', '_', '.', '~', '!', '*', "'", '(', ')', ';', ':', '@',
      '/', '?', '[', ']', '$', '<', '>', '"', '`', '\\', '^', '|', '{', '}', ' ', '&', '#', '%', '+', '=', ',',
      'é', 'ß', 'Ж', 'ه', '中', '😀', '\u0301', '\u200d', '\ufeff', '\t', '\u007f'];
    const length = chance(0.1) ? 200 + Math.floor(random() * 3000) : Math.floor(random() * 12);
    return Array.from({ length }, () => pick(alphabet)).join('');
  };
  const value = (key) => {
    if (chance(0.35) && ALLOWED[key]) return pick(ALLOWED[key]);
    if (chance(0.3) && key === 'v') return '1';
    if (chance(0.3) && key === 'data') return cli.version;
    if (COHORT_KEYS.includes(key)) {
      const items = Array.from({ length: 1 + Math.floor(random() * 4) },
        () => (chance(0.7) ? pick(COHORTS) : pick([...HOSTILE, randomText()])));
      return items.join(',');
    }
    return chance(0.5) ? pick(HOSTILE) : randomText();
  };
  const key = () => (chance(0.75) ? pick(KEYS)
    : pick([...HOSTILE, randomText(), 'CI', 'Ci', 'ci ', ' ci', 'theme[]', 'embed.x', 'x'.repeat(300)]));
  const randomQuery = () => {
    const pairs = Array.from({ length: Math.floor(random() * 7) }, () => {
      const name = key();
      if (chance(0.05)) return encode(name); // a key without `=`
      return `${encode(name)}=${encode(value(name))}`;
    });
    // A repeated key, an empty pair, or a broken escape at the end.
    if (pairs.length && chance(0.2)) pairs.push(pick(pairs));
    if (chance(0.1)) pairs.splice(Math.floor(random() * (pairs.length + 1)), 0, '');
    if (chance(0.1)) pairs.push(`${pick(KEYS)}=${pick(['%', '%z', '%4', '%E2%82', '%FF', '%C0%AF', '%%41'])}`);
    return pairs.join('&');
  };
  const presetQueries = cli.presets.map((preset) => preset.query).filter((query) => query !== '');
  // A valid link, damaged the way copying and hand-editing damage links.
  const mutated = () => {
    let query = pick(presetQueries);
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
      const at = Math.floor(random() * (query.length + 1));
      const edit = pick(['delete', 'insert', 'duplicate', 'case', 'append', 'truncate']);
      if (edit === 'delete') query = query.slice(0, at) + query.slice(at + 1);
      else if (edit === 'insert') query = query.slice(0, at) + pick(['&', '=', ',', '%', '%2C', '%26', 'x', '+', '%3D']) + query.slice(at);
      else if (edit === 'duplicate') query = `${query}&${pick(query.split('&'))}`;
      else if (edit === 'case') query = query.toUpperCase();
      else if (edit === 'append') query = `${query}&${encode(key())}=${encode(pick(HOSTILE))}`;
      else query = query.slice(0, at);
    }
    return query;
  };
  const generated = [];
  while (generated.length < count) generated.push(chance(0.3) ? mutated() : randomQuery());
  return generated;
}

/** Hand-picked links and their exact notices. */
const EXACT = [
  ['ci=97', ['`ci=97` is not a value this page offers; showing 95%.']],
  ['%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1',
    ['`<img src=x onerror=alert(1)>` is not a setting of this page; it was ignored.']],
  ['theme=javascript:alert(1)', ["`theme=javascript:alert(1)` is not a value this page offers; showing your system's colours."]],
  ['embed=%22%3E%3Csvg%20onload%3Dalert(1)%3E',
    ['`embed="><svg onload=alert(1)>` is not a value this page offers; showing the whole page.']],
  ['ci=99&ci=90', ['`ci` is given more than once; the first one is used.']],
  [`zero=${'a'.repeat(100)}`, [`\`zero=${'a'.repeat(40)}…\` is not a value this page offers; showing “Add 0.5 where a cell is 0”.`]],
  ['frown=nosuch', ['`frown` names `nosuch`, which is not a cohort of this dataset; it was left out.']],
  ['lang=%E6%97%A5%E6%9C%AC', ['`lang=日本` is not a value this page offers; showing English.']],
  ['frown=migraine&no_facial=migraine',
    ['`migraine` is named more than once; it stays in the group its injection site gives it.']],
  ['v=2&data=old', ['`v=2` is not a link version this page knows; it was read as version 1.',
    'This link was made with dataset `old`; the page shows `VERSION`, so the numbers may differ from when the link was made.']],
];

test('200 hostile, random and damaged links: notices as text, no script, no error, a canonical address', async () => {
  const { context, page, problems } = await fresh({
    // The query the page was opened with, before it rewrites its address.
    init: () => { window.__openedWith = location.search; },
  });
  const foreign = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:') return;
    if (url.origin !== new URL(base()).origin || request.resourceType() === 'image') foreign.push(request.url());
  });
  const corpus = [
    ...EXACT.map(([query, notices]) => ({ query, exact: notices.map((notice) => notice.replace('`VERSION`', `\`${cli.version}\``)) })),
    ...queryCorpus(200 - EXACT.length, 20201129).map((query) => ({ query })),
  ];
  assert.equal(corpus.length, 200);
  let withNotices = 0;
  for (const [idx, { query, exact }] of corpus.entries()) {
    const label = `#${idx} ?${query.length > 300 ? `${query.slice(0, 300)}…` : query}`;
    assert.doesNotMatch(query, /[\x00-\x20\x7f#]/, `${label}: the corpus must not hold what a browser drops`);
    await page.goto(`${base()}?${query}`);
    await ready(page);
    await page.waitForSelector('#answer, p.embed-source', { state: 'attached' });
    await settle(page);
    const seen = await page.evaluate(() => ({
      openedWith: window.__openedWith,
      search: location.search,
      notices: [...document.querySelectorAll('#notices li.notice')].map((item) => ({
        text: item.querySelector('span')?.textContent ?? null,
        dismiss: item.querySelectorAll('button.dismiss').length,
      })),
      elementsInNotices: document.querySelectorAll('#notices *:not(section, ul, li, span, button)').length,
      injected: document.querySelectorAll('img, iframe, object, embed, [onerror], [onload], a[href^="javascript:" i], #app script').length,
    }));
    // The command reads the address the page read, to the same notices and the same link.
    const reference = analyzeLink(seen.openedWith);
    const texts = seen.notices.map((notice) => notice.text);
    assert.deepEqual(texts, reference.notices, `${label}: the page's notices and the command's`);
    if (exact) assert.deepEqual(texts, exact, `${label}: exact notices`);
    const markers = expectedMarkers(seen.openedWith.replace(/^\?/, ''));
    const unmatched = [...texts];
    for (const marker of markers) {
      const at = unmatched.findIndex((notice) => notice.includes(marker));
      assert.ok(at >= 0, `${label}: no notice says ${marker}; notices: ${JSON.stringify(texts)}`);
      unmatched.splice(at, 1);
    }
    assert.deepEqual(unmatched, [], `${label}: notices the contract does not call for`);
    for (const notice of seen.notices) assert.equal(notice.dismiss, 1, `${label}: a notice without its dismiss button`);
    assert.equal(seen.elementsInNotices, 0, `${label}: elements created inside #notices`);
    assert.equal(seen.injected, 0, `${label}: an element created from the link`);
    assert.equal(seen.search, reference.scenario === '' ? '' : `?${reference.scenario}`, `${label}: the canonical address`);
    await assertHealthy(page, problems, `${label}:`);
    if (texts.length) withNotices += 1;
  }
  assert.deepEqual(foreign, [], 'requests the links caused');
  assert.ok(withNotices > 120, `${withNotices} of 200 links had notices: the corpus is too tame`);
  await context.close();
});

test('dismissing a notice removes that one notice, and only it', async () => {
  const { context, page, problems } = await fresh();
  await load(page, '?ci=97&colour=red&zero=maybe');
  const texts = () => page.locator('#notices li.notice > span').allTextContents();
  const all = await texts();
  assert.equal(all.length, 3, JSON.stringify(all));
  await page.locator('#notices li.notice').nth(1).locator('button.dismiss').click();
  await page.waitForFunction(() => document.querySelectorAll('#notices li.notice').length === 2);
  assert.deepEqual(await texts(), [all[0], all[2]]);
  for (let left = 2; left > 0; left -= 1) {
    await page.locator('#notices li.notice button.dismiss').first().click();
    await page.waitForFunction((count) => document.querySelectorAll('#notices li.notice').length === count, left - 1);
  }
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  assert.equal(await search(page), '', 'dismissing changes no setting');
  await assertHealthy(page, problems);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 4. Embedded in another site

/** Serves one parent page on another port of 127.0.0.1 (another origin than the explainer). */
function serveParent(html) {
  const server = http.createServer((request, response) => {
    if (new URL(request.url, 'http://x').pathname !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

/** The iframe code and the resize script the share panel offers for `part` of the view at `path`. */
async function embedCode(path, part) {
  const { context, page, problems } = await fresh();
  await load(page, path);
  await page.locator('#share details.embed-panel > summary').click();
  await page.selectOption('#embed-part', part);
  await page.waitForFunction((part) => document.querySelector('#embed-code').value.includes(`embed=${part}"`), part);
  const code = {
    iframe: await page.locator('#embed-code').inputValue(),
    script: await page.locator('#embed-script').inputValue(),
    view: await page.evaluate(() => location.href),
  };
  await assertHealthy(page, problems, 'the page with the embed code:');
  await context.close();
  return code;
}

/** Waits until the iframe is as tall as its document (±2 px); returns both heights. */
async function waitForFit(page, frame, what) {
  let sizes;
  for (let tries = 0; tries < 100; tries += 1) {
    await settle(page);
    sizes = {
      iframe: await page.locator('iframe').evaluate((node) => node.clientHeight),
      styled: await page.locator('iframe').evaluate((node) => node.style.height),
      document: await frame.evaluate(() => document.documentElement.scrollHeight),
      // What the page holds: a document shorter than its iframe still scrolls to the iframe's height.
      content: await frame.evaluate(() => document.documentElement.getBoundingClientRect().height),
    };
    if (Math.abs(sizes.iframe - sizes.document) <= 2 && Math.abs(sizes.iframe - sizes.content) <= 2) break;
    await page.waitForTimeout(100);
  }
  assert.ok(Math.abs(sizes.iframe - sizes.document) <= 2,
    `${what}: the iframe is ${sizes.iframe} px tall, its document ${sizes.document} px`);
  assert.ok(sizes.document <= sizes.iframe, `${what}: the iframe scrolls (${sizes.document} px in ${sizes.iframe} px)`);
  assert.ok(Math.abs(sizes.iframe - sizes.content) <= 2,
    `${what}: the iframe is ${sizes.iframe} px tall for ${sizes.content} px of content`);
  assert.match(sizes.styled, /^\d+px$/, `${what}: the resize script did not set the height`);
  return sizes;
}

for (const part of ['forest', 'workbench']) {
  test(`embedded ${part} on another site: it sizes itself, links back, and says its size the AMP way`, async () => {
    const code = await embedCode('?ci=99', part);
    assert.match(code.iframe, /^<iframe src="[^"]+"[^>]*><\/iframe>$/, code.iframe);
    const parent = await serveParent(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A news article</title><link rel="icon" href="data:,">
<script>
  window.received = [];
  addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
</script>
</head><body style="margin:0 auto;max-width:760px;font:16px serif">
<h1>A news article</h1>
<p>Some text before the figure.</p>
${code.iframe}
<p>Some text after the figure.</p>
${code.script}
</body></html>`);
    const { context, page, problems } = await fresh({ width: 1000, height: 900 });
    try {
      await page.goto(parent.url);
      const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
      assert.ok(frame, 'the iframe has a document');
      await frame.waitForSelector(`#${part}`, { state: 'attached' });
      const source = new URL(frame.url());
      assert.notEqual(source.origin, new URL(parent.url).origin, 'the explainer comes from another origin');
      assert.equal(source.searchParams.get('embed'), part);
      assert.equal(source.searchParams.get('ci'), '99', 'the embed keeps the view it was made from');
      await waitForFit(page, frame, part);

      // Only the part, with a link to the full explainer at this view, in a new tab.
      const inside = await frame.evaluate(() => ({
        abouts: [...document.querySelectorAll('section.about')].map((node) => node.getBoundingClientRect().height > 0
          || getComputedStyle(node).display !== 'none'),
        links: [...document.querySelectorAll('p.embed-source a[target="_blank"]')]
          .filter((link) => link.relList.contains('noopener')).map((link) => link.href),
        share: document.querySelectorAll('#share').length,
      }));
      assert.ok(inside.abouts.length > 0, 'the page has its static sections');
      assert.deepEqual(inside.abouts.filter(Boolean), [], 'section.about is shown in the embed');
      assert.equal(inside.links.length, 1, 'p.embed-source a[target=_blank][rel~=noopener]');
      assert.equal(inside.links[0], code.view, 'the source link opens the full explainer at the same view');
      assert.equal(inside.share, 0);

      if (part === 'workbench') {
        const before = await page.locator('iframe').evaluate((node) => node.clientHeight);
        await frame.selectOption('li[data-cohort="migraine"] select', 'no_facial');
        await frame.waitForSelector('[data-group="no_facial"] li[data-cohort="migraine"]');
        await frame.waitForFunction(() => /(^\?|&)no_facial=migraine(&|$)/.test(location.search));
        const after = await waitForFit(page, frame, 'after a regroup');
        assert.ok(after.iframe > 0 && before > 0);
        // The link back follows the reader's change.
        const back = await frame.locator('p.embed-source a').getAttribute('href');
        assert.match(back, /[?&]no_facial=migraine(&|$)/);
        assert.doesNotMatch(back, /embed=/);
      }

      const received = await page.evaluate(() => window.received);
      const origin = source.origin;
      const amp = received.filter(({ data }) => data && data.sentinel === 'amp' && data.type === 'embed-size');
      const own = received.filter(({ data }) => data && data.type === 'glabella:height');
      assert.ok(amp.length > 0, `no AMP embed-size message: ${JSON.stringify(received)}`);
      assert.ok(own.length > 0, `no glabella:height message: ${JSON.stringify(received)}`);
      for (const message of [...amp, ...own]) {
        assert.equal(message.origin, origin);
        assert.equal(typeof message.data.height, 'number');
        assert.ok(message.data.height > 100, JSON.stringify(message));
      }
      // The last messages say the height the iframe has now.
      const height = await page.locator('iframe').evaluate((node) => node.clientHeight);
      assert.ok(Math.abs(amp.at(-1).data.height - height) <= 2, `AMP height ${amp.at(-1).data.height}, iframe ${height}`);
      await assertHealthy(page, problems, 'the parent page:');
    } finally {
      await context.close();
      parent.server.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 5. A static figure, and the theme a link asks for

test('controls=0: an embedded workbench and the full page have no inputs', async () => {
  const { context, page, problems } = await fresh();
  await load(page, '?controls=0&embed=workbench', '#workbench');
  // Visible ones: the static Cite section's fields are in the page, hidden in embeds and static views.
  assert.equal(await page.locator('select:visible, input:visible, textarea:visible').count(), 0, 'inputs in a static workbench');
  assert.equal(await page.locator('#workbench li[data-cohort]').count(), COHORTS.length);
  assert.equal(await page.locator('p.embed-source a[target="_blank"]').count(), 1);
  assert.match(await search(page), /[?&]embed=workbench(&|$)/);
  assert.match(await search(page), /[?&]controls=0(&|$)/);

  await load(page, '?controls=0');
  assert.equal(await page.locator('select:visible, input:visible, textarea:visible').count(), 0, 'inputs on a static page');
  assert.equal(await page.locator('#settings, #share').count(), 0);
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  await assertHealthy(page, problems);
  await context.close();
});

/** The relative luminance of the body's computed background. */
const backgroundLuminance = (page) => page.evaluate(() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
  const linear = (channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
});

test('theme=dark is dark on a light system, and theme=light is light on a dark one', async () => {
  const light = await fresh({ colorScheme: 'light' });
  await load(light.page, '?theme=dark');
  assert.equal(await light.page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await backgroundLuminance(light.page);
  assert.ok(dark < 0.2, `theme=dark on a light system: background luminance ${dark.toFixed(3)}`);
  await load(light.page, '?theme=dark&embed=forest', '#forest');
  const darkEmbed = await backgroundLuminance(light.page);
  assert.ok(darkEmbed < 0.2, `theme=dark, embedded: background luminance ${darkEmbed.toFixed(3)}`);
  await assertHealthy(light.page, light.problems);
  await light.context.close();

  const darkSystem = await fresh({ colorScheme: 'dark' });
  await load(darkSystem.page, '?theme=light');
  assert.equal(await darkSystem.page.evaluate(() => document.documentElement.dataset.theme), 'light');
  const bright = await backgroundLuminance(darkSystem.page);
  assert.ok(bright > 0.8, `theme=light on a dark system: background luminance ${bright.toFixed(3)}`);
  await assertHealthy(darkSystem.page, darkSystem.problems);
  await darkSystem.context.close();
});

// ---------------------------------------------------------------------------------------------
// 6. Copy link

test('Copy link puts the current link, without its fragment, on the clipboard', async () => {
  const { context, page, problems } = await fresh({ permissions: ['clipboard-read', 'clipboard-write'] });
  await load(page);
  await openSettings(page);
  await page.selectOption('#ci-level', { label: '90%' });
  await page.waitForFunction(() => /(^\?|&)ci=90(&|$)/.test(location.search));
  await page.evaluate(() => { location.hash = '#scorecard'; });
  await settle(page);
  await page.locator('#share [data-copy="share-url"]').click();
  await page.waitForFunction(() => document.querySelector('#share-url-status').textContent !== '');
  assert.equal(await textOf(page, '#share-url-status'), 'Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const here = await page.evaluate(() => location.href.split('#')[0]);
  assert.equal(copied, here);
  assert.match(copied, /[?&]ci=90(&|$)/);
  await assertHealthy(page, problems);
  await context.close();
});

test('Copy link without clipboard access selects the link and says so', async () => {
  const { context, page, problems } = await fresh({
    init: () => {
      if (navigator.clipboard) {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      }
    },
  });
  await load(page);
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.waitForFunction(() => /(^\?|&)no_facial=migraine(&|$)/.test(location.search));
  await page.locator('#share [data-copy="share-url"]').click();
  await page.waitForFunction(() => document.querySelector('#share-url-status').textContent !== '');
  const status = await textOf(page, '#share-url-status');
  assert.match(status, /^(Copied\.|Selected)/, status);
  const field = await page.evaluate(() => {
    const input = document.querySelector('#share-url');
    return {
      focused: document.activeElement === input,
      start: input.selectionStart,
      end: input.selectionEnd,
      length: input.value.length,
      value: input.value,
      href: location.href.split('#')[0],
    };
  });
  assert.equal(field.focused, true, 'the link field has the focus');
  assert.deepEqual([field.start, field.end], [0, field.length], 'the whole link is selected');
  assert.equal(field.value, field.href);
  await assertHealthy(page, problems);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 7. A clean, canonical address

test('the address is canonical: none for the default view, one order, no history entries', async () => {
  const { context, page, problems } = await fresh();
  await load(page);
  assert.equal(page.url(), base(), 'the default page has no query');
  const entries = await page.evaluate(() => history.length);
  await openSettings(page);
  await page.selectOption('#ci-level', { label: '99%' });
  await page.waitForFunction(() => location.search !== '');
  assert.equal(await search(page), `?v=1&data=${cli.version}&ci=99`);
  await page.selectOption('#ci-level', { label: '95%' });
  await page.waitForFunction(() => location.search === '');
  await settle(page);
  assert.equal(page.url(), base(), 'back at the default view, the query is gone');
  assert.equal(await page.evaluate(() => history.length), entries, 'changes add no history entry');

  // Defaults spelled out, and keys in another order, come back in the one canonical form.
  await load(page, `?ci=95&zero=haldane&pool=shared&theme=auto&controls=1&v=1&data=${cli.version}`);
  assert.equal(await search(page), '');
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  await load(page, '?adjust=sex%2Cage_band&ci=99&v=1');
  assert.equal(await search(page), `?v=1&data=${cli.version}&ci=99&adjust=sex,age_band`);
  assert.equal(await page.locator('#notices li.notice').count(), 0);
  await assertHealthy(page, problems);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// Reporting-bias what-if

test('the what-if: a link sets it, every banner says so, the command agrees, and each flip point is where the interval reaches 1', async () => {
  const { context, page, problems } = await fresh();
  await load(page, '?missed_bont=50&missed_control=10');
  for (const banner of await page.locator('#forest .data-banner, #scorecard .data-banner, #workbench .data-banner, #dose .data-banner').allTextContents()) {
    assert.match(banner, /What-if: depression counts raised as if the Botox reports had missed 50% of it and the other reports 10%\./);
  }
  // Right under the headline, the part most often quoted, too; once, in an embed of all too.
  assert.match(await textOf(page, '#headline-note'), /What-if: depression counts raised/);
  await load(page, '?embed=all&missed_bont=50');
  assert.equal(await page.locator('#headline-note').count(), 1);
  await load(page, '?missed_bont=50&missed_control=10');
  // The lede's example is never a cohort with a zero cell (its ratio rests on the half report added).
  assert.doesNotMatch(await textOf(page, '#forest .lede'), /Sialorrhea/i);
  await openSettings(page);
  assert.equal(await page.locator('#missed-bont').inputValue(), '50');
  assert.equal(await page.locator('#missed-control').inputValue(), '10');
  const query = (await search(page)).slice(1);
  const fromPage = await page.evaluate(async () => JSON.stringify(await window.glabella.analysis()));
  const { analysis, notices } = analyzeLink(query);
  assert.deepEqual(notices, []);
  assertSameDocument(JSON.parse(fromPage), analysis);

  // From the default view: the note names each significant cohort's flip point; at that share
  // its interval includes 1, one percent less and it still lies wholly below.
  await load(page, '');
  assert.equal(await page.locator('#headline-note').count(), 0, 'no what-if, no note');
  await openSettings(page);
  const note = await textOf(page, '#missed-note');
  const match = note.match(/migraine (\d+)%/i);
  assert.ok(match, note);
  const flip = Number(match[1]);
  const excludesOne = async (path) => {
    await load(page, path);
    const rows = await page.locator('#forest-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const row = rows.find((cells) => /migraine/i.test(cells[0]));
    return row[6];
  };
  assert.equal(await excludesOne(`?missed_bont=${flip}`), 'no', `at ${flip}%`);
  assert.equal(await excludesOne(`?missed_bont=${flip - 1}`), 'yes', `at ${flip - 1}%`);

  // Where each reading would change: asked for, found off the page's thread, and true: at the
  // share named the scorecard shows the new reading, one percent less the old one.
  await load(page, '');
  await openSettings(page);
  await page.click('#flips-show');
  await page.waitForFunction(() => document.querySelectorAll('#reading-flips li').length === 7, null, { timeout: 60000 });
  const items = await page.locator('#reading-flips li').allTextContents();
  // The command says the same, in the same sentences (`glabella analyze --flips`).
  const fromCommand = runCli(['analyze', '--flips']).stdout.split('Where each reading would change')[1]
    .split('\n  - ').slice(1).map((item) => item.replace(/\s+/g, ' ').trim());
  assert.deepEqual(items, fromCommand);
  const ids = await page.locator('#scorecard li.score-row').evaluateAll((rows) => rows.map((row) => row.dataset.hypothesis));
  const words = { supports: 'supports', consistent: 'consistent', against: 'against', cannot_tell: 'cannot tell', not_testable: 'not testable' };
  const readingOf = (id) => page.locator(`#scorecard li.score-row[data-hypothesis="${id}"]`).getAttribute('data-reading');
  const index = items.findIndex((item) => / if the Botox reports had missed \d+% /.test(item));
  assert.ok(index >= 0, items.join('\n'));
  const [, becomes, share] = items[index].match(/; ([a-z ]+) if the Botox reports had missed (\d+)% /);
  const before = await readingOf(ids[index]);
  assert.ok(items[index].includes(`: ${words[before]};`), items[index]);
  await load(page, `?missed_bont=${share}`);
  assert.equal(words[await readingOf(ids[index])], becomes, `${ids[index]} at ${share}%`);
  await load(page, `?missed_bont=${Number(share) - 1}`);
  assert.equal(await readingOf(ids[index]), before, `${ids[index]} at ${Number(share) - 1}%`);

  // The reader's menu sets it too, and the address follows.
  await openSettings(page);
  await page.selectOption('#missed-bont', '30');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('missed_bont') === '30');
  await assertHealthy(page, problems);
  await context.close();
});
