// Sharing and reuse: window.glabella and its postMessage twin, the downloads under each chart and
// table, the citations, and the link-preview tags. Run on the built page (dist/) like the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { assertSameDocument, base, open, openSettings, useBrowser } from './harness.mjs';

useBrowser();

const ROOT = new URL('../../', import.meta.url).pathname;
const VERSION = '2020-makunts-reconstruction-1.0.0';

/** The `glabella` command's output, parsed (the same core as the page). */
const glabella = (...args) => JSON.parse(execFileSync('cargo', ['run', '-q', '--release', '--bin', 'glabella', '--', ...args],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));

const scenario = (page) => page.evaluate(() => window.glabella.scenario());
const setScenario = (page, value) => page.evaluate((value) => window.glabella.setScenario(value), value);

test('window.glabella.scenario() names every key of the link contract with its value', async () => {
  const { context, page, errors } = await open(1280);
  assert.deepEqual(await scenario(page), {
    v: 1,
    data: VERSION,
    ci: 95,
    zero: 'haldane',
    adjust: false,
    pool: 'shared',
    frown: ['cosmetic', 'migraine'],
    other_facial: ['blepharospasm'],
    no_facial: ['spasticity', 'torticollis', 'hyperhidrosis', 'sialorrhea', 'bladder'],
    missed_bont: 0,
    missed_control: 0,
    seed: null,
  });
  // A what-if and a seed survive the round trip through setScenario.
  const whatIf = await setScenario(page, { ...(await scenario(page)), missed_bont: 30, seed: 7 });
  assert.deepEqual(whatIf.notices, []);
  assert.equal(whatIf.scenario.missed_bont, 30);
  assert.equal(whatIf.scenario.seed, 7);
  assert.deepEqual((await setScenario(page, await scenario(page))).scenario, whatIf.scenario);
  // Given back, it changes nothing and raises no notice.
  const same = await setScenario(page, await scenario(page));
  assert.deepEqual(same.notices, []);
  assert.deepEqual(same.scenario, await scenario(page));
  assert.deepEqual(errors, []);
  await context.close();
});

test('each preset link gives the scenario the glabella command reads from it', async () => {
  const presets = glabella('presets', '--json');
  assert.ok(presets.length >= 2);
  const { context, page, errors } = await open(1280);
  for (const preset of presets) {
    const applied = await setScenario(page, preset.query);
    assert.deepEqual(applied.notices, [], preset.id);
    await page.waitForFunction((query) => location.search === (query ? `?${query}` : ''), preset.query);
    const { settings } = glabella('analyze', '--json', '--scenario', `?${preset.query}`);
    const shown = await scenario(page);
    assert.deepEqual(shown, applied.scenario, preset.id);
    assert.equal(shown.ci, Math.round(settings.ci_level * 100), preset.id);
    assert.equal(shown.zero, settings.zero_cell, preset.id);
    assert.equal(shown.adjust, settings.stratify.length ? settings.stratify.join(',') : false, preset.id);
    assert.equal(shown.pool, settings.pooling, preset.id);
    for (const group of ['frown', 'other_facial', 'no_facial']) {
      const inCommand = settings.groups.find((g) => g.name === group)?.cohorts ?? [];
      assert.deepEqual(shown[group], inCommand, `${preset.id}: ${group}`);
    }
    assert.equal(settings.scenario, preset.query, preset.id);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('setScenario says what it could not use, applies the rest, and the page keeps working', async () => {
  const { context, page, errors } = await open(1280);
  const changes = page.evaluate(() => new Promise((resolve) => {
    addEventListener('glabella:change', (event) => resolve(event.detail), { once: true });
  }));
  const applied = await setScenario(page, { ci: 97, zero: 'none', frown: ['cosmetic', 'nosuch'], colour: 'red', adjust: true });
  assert.equal(applied.notices.length, 4, applied.notices.join(' | '));
  assert.match(applied.notices.join(' '), /`ci=97` is not a value this page offers; showing 95%/);
  assert.match(applied.notices.join(' '), /`nosuch`/);
  assert.match(applied.notices.join(' '), /`colour` is not a setting/);
  assert.match(applied.notices.join(' '), /`adjust=true`/);
  assert.equal(applied.scenario.ci, 95);
  assert.equal(applied.scenario.zero, 'none');
  // The change event carries the same scenario, and the page shows it.
  assert.deepEqual(await changes, applied.scenario);
  await page.waitForFunction(() => location.search.includes('zero=none'));
  // Still working: a good scenario after a bad one.
  const good = await setScenario(page, { ci: 99, adjust: 'sex,age_band' });
  assert.deepEqual(good.notices, []);
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent.includes('adjusted'));
  assert.equal((await scenario(page)).ci, 99);
  // Markup in a value is data: it is neither run nor shown as markup.
  const odd = await setScenario(page, { pool: '<img src=x onerror="window.hacked=1">' });
  assert.equal(odd.notices.length, 1);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader changing a control fires glabella:change with the new scenario', async () => {
  const { context, page, errors } = await open(1280);
  await page.evaluate(() => {
    window.seen = [];
    addEventListener('glabella:change', (event) => window.seen.push(event.detail));
  });
  await openSettings(page);
  await page.locator('#adjust').check();
  await page.waitForFunction(() => window.seen.length > 0);
  const seen = await page.evaluate(() => window.seen);
  assert.equal(seen.at(-1).adjust, 'sex,age_band');
  assert.deepEqual(seen.at(-1), await scenario(page));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a parent page on another origin sets the scenario by postMessage and gets it back', async () => {
  const parent = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Parent</title>
<iframe id="frame" src="${base()}" width="800" height="600"></iframe>
<script>
  window.answers = [];
  addEventListener('message', (event) => {
    if (event.data && (event.data.type === 'glabella:scenario' || event.data.type === 'glabella:error')) {
      window.answers.push({ origin: event.origin, data: event.data });
    }
  });
  // Ask until the explainer answers (it answers once it has started).
  const ask = setInterval(() => {
    if (window.answers.length) return clearInterval(ask);
    document.getElementById('frame').contentWindow.postMessage(
      { type: 'glabella:set-scenario', scenario: { ci: 99, pool: 'sideways', other_facial: [] } }, '*');
  }, 250);
</script>`);
  });
  await new Promise((resolve) => parent.listen(0, '127.0.0.1', resolve));
  const parentUrl = `http://127.0.0.1:${parent.address().port}/`;
  assert.notEqual(new URL(parentUrl).origin, new URL(base()).origin);
  const { context, page, errors } = await open(1280);
  await page.goto(parentUrl);
  await page.waitForFunction(() => window.answers.length > 0, null, { timeout: 20000 });
  const [answer] = await page.evaluate(() => window.answers);
  assert.equal(answer.origin, new URL(base()).origin);
  assert.equal(answer.data.type, 'glabella:scenario');
  assert.equal(answer.data.scenario.ci, 99);
  assert.equal(answer.data.scenario.pool, 'shared');
  assert.equal(answer.data.notices.length, 1);
  assert.match(answer.data.notices[0], /`pool=sideways`/);
  // The embedded page shows the scenario it was sent.
  const frame = page.frames().find((f) => f.url().startsWith(base()));
  await frame.waitForFunction(() => location.search.includes('ci=99'));
  assert.deepEqual(errors, []);
  await context.close();
  parent.close();
});

test('analysis() is fetched only when asked for, follows the scenario and matches the command', async () => {
  const { context, page, errors, requests } = await open(1280);
  const worker = () => [...new Set(requests.filter((url) => /glabella-worker-/.test(url)))];
  assert.deepEqual(worker(), [], 'the first load does not fetch the compute worker');
  const first = await page.evaluate(() => window.glabella.analysis());
  assert.equal(worker().length, 3, `the worker's loader, glue and wasm: ${worker().join(' ')}`);
  assertSameDocument(first, glabella('analyze', '--json', '--scenario', ''));
  // A reader moves migraine to "no facial muscles"; the next call answers for the new view.
  await page.locator('#group-of-migraine').selectOption('no_facial');
  await page.waitForFunction(() => location.search.includes('migraine'));
  const moved = await page.evaluate(() => window.glabella.analysis());
  const query = new URL(await page.evaluate(() => location.href)).search.slice(1);
  assert.equal(moved.settings.scenario, query);
  assert.ok(moved.settings.groups.find((group) => group.name === 'no_facial').cohorts.includes('migraine'));
  assertSameDocument(moved, glabella('analyze', '--json', '--scenario', query));
  // Calls at once each get their own answer.
  const many = await page.evaluate(() => Promise.all([1, 2, 3].map(() => window.glabella.analysis())));
  for (const answer of many) assert.deepEqual(answer, moved);
  assert.equal(worker().length, 3, 'one worker for every call');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a parent page on another origin asks for the analysis by postMessage', async () => {
  const parent = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Parent</title>
<iframe id="frame" src="${base()}?ci=90" width="800" height="600"></iframe>
<script>
  window.answers = [];
  addEventListener('message', (event) => {
    if (event.data && /^glabella:(analysis|error)$/.test(event.data.type)) window.answers.push(event.data);
  });
  const ask = setInterval(() => {
    if (window.answers.length) return clearInterval(ask);
    document.getElementById('frame').contentWindow.postMessage({ type: 'glabella:get-analysis' }, '*');
  }, 250);
</script>`);
  });
  await new Promise((resolve) => parent.listen(0, '127.0.0.1', resolve));
  const { context, page, errors } = await open(1280);
  await page.goto(`http://127.0.0.1:${parent.address().port}/`);
  await page.waitForFunction(() => window.answers.length > 0, null, { timeout: 30000 });
  const [answer] = await page.evaluate(() => window.answers);
  assert.equal(answer.type, 'glabella:analysis', JSON.stringify(answer).slice(0, 300));
  assertSameDocument(answer.analysis, glabella('analyze', '--json', '--scenario', 'ci=90'));
  assert.deepEqual(errors, []);
  await context.close();
  parent.close();
});

test('the workbench downloads its groups and their contrast as CSV, from the analysis', async () => {
  const { context, page, errors } = await open(1280);
  await setScenario(page, { ci: 99, frown: ['cosmetic'], no_facial: ['migraine'] });
  await page.waitForFunction(() => location.search.includes('ci=99'));
  const link = await page.evaluate(() => location.href);
  const csv = await download(page, '#workbench .downloads [data-download="csv"]');
  assert.equal(csv.name, 'glabella-workbench.csv');
  const { comments, rows } = parseCsv(csv.body.toString('utf8'));
  assert.ok(comments.includes(`# Scenario: ${link}`), comments.join('\n'));
  assert.ok(comments.some((line) => line.includes(`Dataset: ${VERSION}`)), comments.join('\n'));
  const expected = glabella('analyze', '--json', '--scenario', new URL(link).search.slice(1));
  assert.deepEqual(rows[0].slice(0, 6), ['Group', 'Cohorts', 'Left out (ROR not defined)', 'Pooled ROR', '99% CI low', '99% CI high']);
  assert.equal(rows.length, 1 + expected.groups.length + (expected.contrast ? 1 : 0));
  expected.groups.forEach((group, i) => {
    const row = rows[i + 1];
    assert.equal(row[1], group.cohorts.join(' '));
    assertSameDocument(row.slice(3, 6).map(Number), [group.pooled_ror, group.ci_low, group.ci_high], `${group.name}`);
  });
  const contrast = rows.at(-1);
  assert.match(contrast[0], /^Ratio of pooled RORs, Frown muscles to No facial muscles$/);
  assertSameDocument(contrast.slice(3, 6).map(Number), [expected.contrast.ratio, expected.contrast.ci_low, expected.contrast.ci_high], 'contrast');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Clicks a download button and returns the file's name and bytes. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
}

/** An SVG parsed strictly as XML in the page: its size and text, or the parser's error. */
const parseSvg = (page, source) => page.evaluate((source) => {
  const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
  const error = doc.querySelector('parsererror');
  const root = doc.documentElement;
  return {
    error: error ? error.textContent : null,
    root: root.localName,
    width: Number(root.getAttribute('width')),
    height: Number(root.getAttribute('height')),
    text: [...doc.querySelectorAll('text')].map((node) => node.textContent).join('\n'),
    charts: doc.querySelectorAll('svg svg').length,
  };
}, source);

/** A CSV file: its `#` lines and its rows (quoted fields with commas and doubled quotes). */
function parseCsv(text) {
  const comments = [];
  const rows = [];
  for (const line of text.split('\n').filter(Boolean)) {
    if (line.startsWith('#')) {
      comments.push(line);
      continue;
    }
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += ch;
      }
    }
    cells.push(cell);
    rows.push(cells);
  }
  return { comments, rows };
}

const pngSize = (body) => {
  assert.deepEqual([...body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(body.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
};

const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

test('every chart downloads as SVG, PNG and CSV, and the scorecard as CSV, each saying where it comes from', async () => {
  const { context, page, errors } = await open(1280);
  // A link with `&` and `,` in it: both must survive XML and CSV.
  await setScenario(page, { ci: 99, adjust: 'sex,age_band', frown: ['cosmetic'], no_facial: ['migraine'] });
  await page.waitForFunction(() => document.querySelector('#forest-summary').textContent.includes('adjusted'));
  const link = await page.evaluate(() => location.href);
  assert.match(link, /&adjust=sex,age_band/);
  for (const [part, tableRows] of [['forest', '#forest-table tr'], ['dose', '#dose-table tr']]) {
    const name = part === 'forest' ? 'glabella-forest-adjusted' : 'glabella-dose';
    const group = `#${part === 'forest' ? 'forest' : 'dose'} .downloads`;
    assert.equal(await page.locator(`${group} button`).count(), 3);
    for (const box of await page.locator(`${group} button`).evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height))) {
      assert.ok(box >= 44, `${part}: buttons at least 44 px high (${box})`);
    }

    const svg = await download(page, `${group} [data-download="svg"]`);
    assert.equal(svg.name, `${name}.svg`);
    const parsed = await parseSvg(page, svg.body.toString('utf8'));
    assert.equal(parsed.error, null, `${part}: the SVG is well-formed XML`);
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.charts, 1, `${part}: the chart is inside`);
    assert.match(parsed.text, /Illustrative reconstruction/);
    assert.ok(parsed.text.includes(VERSION), `${part}: dataset version`);
    assert.ok(parsed.text.replace(/\n/g, '').includes(link), `${part}: the link to the view`);
    assert.match(svg.body.toString('utf8'), /<rect[^>]*fill="#fff"/, `${part}: on white`);
    assert.doesNotMatch(svg.body.toString('utf8'), /Canvas/);

    const png = await download(page, `${group} [data-download="png"]`);
    assert.equal(png.name, `${name}.png`);
    assert.deepEqual(pngSize(png.body), { width: parsed.width * 2, height: parsed.height * 2 });

    const csv = await download(page, `${group} [data-download="csv"]`);
    assert.equal(csv.name, `${name}.csv`);
    const { comments, rows } = parseCsv(csv.body.toString('utf8'));
    assert.ok(comments.some((line) => line.includes(`Dataset: ${VERSION}`)), comments.join('\n'));
    assert.ok(comments.includes(`# Scenario: ${link}`), comments.join('\n'));
    assert.ok(comments.includes(`# Downloaded: ${today()}`), comments.join('\n'));
    const shown = await page.locator(tableRows).evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows, shown, `${part}: the table's rows`);
  }
  assert.equal(await page.locator('#scorecard .downloads button').count(), 1);
  const scorecard = await download(page, '#scorecard .downloads [data-download="csv"]');
  assert.equal(scorecard.name, 'glabella-scorecard.csv');
  const { rows } = parseCsv(scorecard.body.toString('utf8'));
  assert.deepEqual(rows[0], ['Explanation', 'Reading', 'Predicts', 'These data']);
  const ids = await page.locator('#scorecard li.score-row').count();
  assert.equal(rows.length, ids + 1);
  // Each row: the explanation, the reading word (no icon), and what it predicts and what these
  // data show, without their labels.
  assert.ok(rows.slice(1).every((row) => row.length === 4 && row.every((cell) => cell && !/^(Predicts|These data): /.test(cell))));
  assert.deepEqual(rows.slice(1).map((row) => row[1]), await page.locator('#scorecard .score-reading').evaluateAll((nodes) => nodes.map((node) => node.lastChild.textContent.trim())));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the crude forest plot downloads under its own name, in an embed too', async () => {
  const { context, page, errors } = await open(1280, { path: '?embed=forest' });
  const svg = await download(page, '#forest .downloads [data-download="svg"]');
  assert.equal(svg.name, 'glabella-forest-crude.svg');
  const parsed = await parseSvg(page, svg.body.toString('utf8'));
  assert.equal(parsed.error, null);
  // The link in the file is the full page at this scenario, not the embed.
  assert.ok(parsed.text.includes(`${base()}\n`) || parsed.text.endsWith(base()), parsed.text);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Cite gives the explainer and the study as APA and BibTeX, each one click from the clipboard', async () => {
  const { context, page, errors } = await open(1280, { permissions: ['clipboard-read', 'clipboard-write'] });
  await setScenario(page, { ci: 90 });
  await page.waitForFunction(() => location.search.includes('ci=90'));
  const link = await page.evaluate(() => location.href);
  const copy = async (id) => {
    await page.locator(`#cite [data-copy="${id}"]`).click();
    await page.waitForFunction((id) => document.getElementById(`${id}-status`).textContent === 'Copied.', id);
    return page.evaluate(() => navigator.clipboard.readText());
  };
  const apa = await copy('cite-apa');
  assert.ok(apa.startsWith('Glabella. (n.d.). Glabella: Does Botox lift mood only where it stops a frown? (Version '), apa);
  assert.ok(apa.includes(`dataset ${VERSION}`), apa);
  assert.ok(apa.endsWith(`Retrieved ${today()}, from ${link}`), apa);
  const bibtex = await copy('cite-bibtex');
  assert.ok(bibtex.startsWith('@misc{glabella,'), bibtex);
  assert.ok(bibtex.includes(`url = {${link}}`) && bibtex.includes(`urldate = {${today()}}`), bibtex);
  const paper = await copy('paper-apa');
  assert.equal(paper, 'Makunts, T., Wollmer, M. A., & Abagyan, R. (2020). Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites. Scientific Reports, 10, 12851. https://doi.org/10.1038/s41598-020-69773-7');
  const paperBibtex = await copy('paper-bibtex');
  assert.match(paperBibtex, /^@article\{makunts2020,[\s\S]*doi = \{10\.1038\/s41598-020-69773-7\}\n\}$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('link previews: description, Open Graph and Twitter tags, and a 1200x630 image beside the page', async () => {
  const { context, page, errors } = await open(1280);
  const meta = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]
    .map((node) => [node.getAttribute('property') ?? node.getAttribute('name'), node.getAttribute('content')])));
  assert.ok(meta.description.length > 50);
  assert.equal(meta['og:type'], 'website');
  assert.ok(meta['og:title'] && meta['og:description'] && meta['og:image:alt']);
  assert.equal(meta['og:image'], 'preview.png');
  assert.equal(meta['og:image:width'], '1200');
  assert.equal(meta['og:image:height'], '630');
  assert.equal(meta['twitter:card'], 'summary_large_image');
  const response = await page.request.get(new URL(meta['og:image'], base()).href);
  assert.equal(response.status(), 200);
  assert.deepEqual(pngSize(await response.body()), { width: 1200, height: 630 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('with GLABELLA_PUBLIC_URL the build gives link previews absolute addresses, and refuses a bad one', async () => {
  // The post-build step on a copy of the built page, as Trunk runs it.
  const dist = process.env.GLABELLA_DIST ?? `${ROOT}dist`;
  const staging = mkdtempSync(join(tmpdir(), 'glabella-public-url-'));
  const run = (publicUrl) => spawnSync('node', [`${ROOT}scripts/public-url.mjs`],
    { env: { ...process.env, TRUNK_STAGING_DIR: staging, GLABELLA_PUBLIC_URL: publicUrl }, encoding: 'utf8' });
  try {
    writeFileSync(join(staging, 'index.html'), readFileSync(join(dist, 'index.html')));
    const done = run('https://example.org/glabella');
    assert.equal(done.status, 0, done.stderr);
    const index = readFileSync(join(staging, 'index.html'), 'utf8');
    assert.match(index, /<meta property="og:url" content="https:\/\/example\.org\/glabella\/">/);
    assert.match(index, /content="https:\/\/example\.org\/glabella\/preview\.png"[^>]*property="?og:image"?>/);
    for (const bad of ['example.org', 'javascript:alert(1)']) {
      const refused = run(bad);
      assert.notEqual(refused.status, 0, `${bad} is refused`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
});
