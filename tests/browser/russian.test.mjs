// The Russian page (dist/ru/) as a reader meets it: how they get there (`lang=` in a link, the
// browser's language, the switch), that every word is Russian (no English outside a short
// allow-list, no message key), numbers with decimal commas and narrow-space digit groups in
// charts and tables, plural forms on real counts, and that links and embeds keep the language.
// Run with the other browser tests: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { assertSameDocument, base, commandBinary, launchedBrowser, open, ready, settle, useBrowser } from './harness.mjs';

useBrowser();

/**
 * Latin words a Russian page may show: names of databases, products, file formats and
 * abbreviations that Russian science writing keeps in Latin, and names of people, journals and
 * methods. Everything else in Latin letters is a string the Russian page forgot to translate.
 */
const ALLOWED = new Set([
  'FAERS', 'FDA', 'Botox', 'BOTOX', 'BoNT', 'ROR', 'MedDRA', 'CSV', 'JSON', 'SVG', 'PNG', 'TSV', 'URL', 'APA', 'BibTeX',
  'Glabella', 'READUS-PV', 'HAM-D', 'MADRS', 'Cosmetic', 'XEOMIN', 'Dysport',
  // People, journals and methods named after people.
  'Makunts', 'Wollmer', 'Abagyan', 'Finzi', 'Rosenthal', 'Magid', 'Brin', 'Li', 'Schulze', 'Coles', 'Fusaroli',
  'VanderWeele', 'Ding', 'Woolf', 'Fisher', 'Mantel', 'Haenszel', 'Robins', 'Breslow', 'Greenland', 'DerSimonian',
  'Laird', 'Haldane', 'Anscombe', 'Hedges', 'metafor', 'scipy', 'statsmodels', 'R',
  'J', 'Psychiatr', 'Res', 'Clin', 'Psychiatry', 'Pharmacopsychiatry', 'Int', 'Psychopharmacol', 'Front',
  'Emotion', 'Review', 'Scientific', 'Reports', 'Sci', 'Rep', 'Drug', 'Safety', 'doi',
  // Symbols of statistics and of the 2×2 table's cells.
  'p', 'k', 'n', 'I', 'd', 'g', 'E', 'a', 'b', 'c', 'z', 'Q', 'df', 'log', 'ln',
]);

/** Every reader-visible text of the page: text nodes and the labels of controls and regions. */
const readerTexts = (page) => page.evaluate(() => {
  // Code a reader types (URL keys, column names), quoted citations and other-language links are
  // not the page's own words.
  const skip = (node) => node.closest('code, cite, textarea, script, style, template, [lang]:not([lang="ru"]), [hidden], .lang-switch');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skip(node.parentElement) && node.textContent.trim()) texts.push(node.textContent);
  }
  for (const element of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (skip(element)) continue;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  texts.push(document.title, document.querySelector('meta[name="description"]').content);
  return texts;
});

/** Latin words outside the allow-list, with where they were found. */
function englishWords(texts) {
  const found = new Map();
  for (const text of texts) {
    // Addresses, file names, versions and scenario keys in running text are not words.
    const cleaned = text.replace(/\b\S+\.(toml|csv|txt|com|org|html)\b\S*/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]*\d[\w.-]*\b/g, ' ').replace(/`[^`]*`/g, ' ');
    for (const [word] of cleaned.matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g)) {
      if (!ALLOWED.has(word) && !found.has(word)) found.set(word, text.trim().slice(0, 120));
    }
  }
  return [...found].map(([word, where]) => `${word}  (in: ${where})`);
}

/** Opens every panel, so that the settings and the data tables are read too. */
async function openEverything(page) {
  await page.evaluate(() => { for (const details of document.querySelectorAll('details')) details.open = true; });
  await settle(page);
}

test('lang=ru opens the Russian page, at the link\'s scenario, and the address keeps both', async () => {
  const { context, page, errors } = await open(360, { path: '?ci=99&lang=ru' });
  const url = new URL(page.url());
  assert.equal(url.pathname, new URL('ru/', base()).pathname);
  assert.equal(url.searchParams.get('lang'), 'ru');
  assert.equal(url.searchParams.get('ci'), '99');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  assert.match(await page.locator('#answer').textContent(), /99% ДИ/);
  assert.equal(await page.locator('#notices li.notice').count(), 0, 'no notice for lang=ru');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without lang=, the English page follows the browser\'s language; with it, the link decides', async () => {
  const cases = [
    { locale: 'ru-RU', path: '', lang: 'ru' },
    { locale: 'en-GB', path: '', lang: 'en' },
    { locale: 'de-DE', path: '', lang: 'en' },
    { locale: 'ru-RU', path: '?lang=en', lang: 'en' },
    { locale: 'en-US', path: 'ru/', lang: 'ru' },
    { locale: 'ru-RU', path: 'ru/?lang=en&ci=90', lang: 'en' },
  ];
  for (const { locale, path, lang } of cases) {
    const context = await launchedBrowser().newContext({ viewport: { width: 360, height: 800 }, locale });
    const page = await context.newPage();
    await page.goto(base() + path);
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${locale} ${path}`);
    if (path.includes('ci=90')) assert.equal(new URL(page.url()).searchParams.get('ci'), '90');
    await context.close();
  }
});

test('the switch opens the other language at the reader\'s scenario, by keyboard too', async () => {
  const { context, page } = await open(1280);
  await page.locator('details.settings > summary').click();
  await page.locator('#ci-level').selectOption({ label: '90%' });
  await settle(page);
  const link = page.locator('.lang-switch a');
  assert.equal(await link.getAttribute('hreflang'), 'ru');
  const href = new URL(await link.evaluate((anchor) => anchor.href));
  assert.equal(href.searchParams.get('ci'), '90');
  assert.equal(href.searchParams.get('lang'), 'ru');
  await link.focus();
  await Promise.all([page.waitForURL(/\/ru\//), page.keyboard.press('Enter')]);
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  assert.match(await page.locator('#ci-level option:checked').textContent(), /^90\s?%$/);
  const back = new URL(await page.locator('.lang-switch a').evaluate((anchor) => anchor.href));
  assert.equal(back.pathname, new URL(base()).pathname);
  assert.equal(back.searchParams.get('lang'), 'en');
  assert.equal(back.searchParams.get('ci'), '90');
  await context.close();
});

test('every word of the Russian page is Russian, in every panel, at the default and a changed scenario', async () => {
  for (const path of ['ru/', 'ru/?ci=99&adjust=sex,age_band&frown=cosmetic,migraine&seed=7']) {
    const { context, page, errors } = await open(1280, { path });
    await openEverything(page);
    const leftovers = englishWords(await readerTexts(page));
    assert.deepEqual(leftovers, [], `${path}: English on the Russian page`);
    const body = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(body, /page:\w+/, 'a placeholder of the build');
    assert.doesNotMatch(body, /\b[a-z]+_[a-z_]+\b(?![=`])/, 'a message key');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('numbers on the Russian page: decimal commas and narrow-space thousands in charts, tables and sentences', async () => {
  const { context, page } = await open(1280, { path: 'ru/' });
  await openEverything(page);
  const numbers = await page.evaluate(() => {
    const texts = [...document.querySelectorAll('#app svg text, #app table th, #app table td, #answer, #scorecard, #about-data td')]
      .map((node) => node.textContent);
    return texts.join('\n');
  });
  assert.doesNotMatch(numbers.replace(/\d+\.\d+\.\d+/g, ''), /\d\.\d/, 'a decimal point');
  assert.match(numbers, /0,\d\d/, 'ratios with a decimal comma');
  assert.match(numbers, /20\u202F684/, 'the cosmetic cohort\'s 20 684 reports, with a narrow no-break space');
  // The charts' axes too.
  const ticks = await page.locator('#forest-plot .wide-only svg text').allTextContents();
  assert.ok(ticks.some((tick) => /^\d,\d+$/.test(tick.trim())), `axis ticks: ${ticks.join(' | ')}`);
  await context.close();
});

test('plural forms agree with the counts the page shows', async () => {
  // Russian: 1 когорта, 2–4 когорты, 5–20 когорт; 21 когорта. The forms follow the count as
  // Intl.PluralRules sees it (CLDR), so every "N <noun>" on the page is checked against it;
  // after «из» the noun is genitive, singular only for a count whose form is "one".
  const forms = {
    когорта: 'one', когорты: 'few', когорт: 'many',
    сообщение: 'one', сообщения: 'few', сообщений: 'many',
  };
  const genitive = { когорты: 'one', когорт: 'other', сообщения: 'one', сообщений: 'other' };
  for (const path of ['ru/', 'ru/?frown=cosmetic&no_facial=migraine,spasticity,torticollis,blepharospasm,hyperhidrosis,sialorrhea,bladder']) {
    const { context, page } = await open(1280, { path });
    await openEverything(page);
    const body = await page.evaluate(() => document.body.innerText);
    const rules = new Intl.PluralRules('ru');
    let checked = 0;
    for (const [, from, digits, noun] of body.matchAll(/(из\s)?(?<![\d,\u202F])(\d[\d\u202F]*)\s(когорта|когорты|когорт|сообщение|сообщения|сообщений)(?![а-яё])/g)) {
      const count = Number(digits.replaceAll('\u202F', ''));
      if (from) {
        // «из N …» governs the genitive: «из 21 сообщения», «из 20 684 сообщений».
        assert.equal(genitive[noun], rules.select(count) === 'one' ? 'one' : 'other', `${path}: «из ${digits} ${noun}»`);
      } else {
        assert.equal(forms[noun], rules.select(count), `${path}: «${digits} ${noun}»`);
      }
      checked += 1;
    }
    assert.ok(checked >= 2, `${path}: counts with a noun found: ${checked}`);
    await context.close();
  }
});

test('an embed keeps its language: embed=forest&lang=ru shows the Russian forest plot alone', async () => {
  const { context, page } = await open(360, { path: '?embed=forest&lang=ru' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.embed), 'forest');
  assert.equal(await page.locator('.lang-switch').isVisible(), false, 'no switch inside an embed');
  const heading = await page.locator('#forest h2').textContent();
  assert.match(heading, /[а-яё]/i);
  assert.equal(await page.locator('#glossary').isVisible(), false);
  await context.close();
});

test('what page.js says is Russian too: a copied link, and a file the page cannot read', async () => {
  const { context, page } = await open(360, { path: 'ru/' });
  const words = await page.evaluate(() => JSON.parse(document.getElementById('page-words').textContent));
  assert.equal(words.copied, 'Скопировано.');
  assert.equal(words.digit_group, '\u202F');
  // The citation of this view, built by page.js from the page's words.
  await page.waitForFunction(() => document.getElementById('cite-apa').value !== '');
  const apa = await page.locator('#cite-apa').inputValue();
  assert.match(apa, /Интерактивный разбор/);
  await context.close();
});

test('analysis() on the Russian page is the command\'s document in Russian: the same keys and numbers, Russian sentences', async () => {
  const { context, page, errors } = await open(1280, { path: 'ru/?ci=99' });
  const analysis = await page.evaluate(() => window.glabella.analysis());
  const command = (lang) => JSON.parse(execFileSync(commandBinary(), ['analyze', '--json', '--lang', lang, '--scenario', 'ci=99'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const [russian, english] = [command('ru'), command('en')];
  assertSameDocument(analysis, russian);
  assert.match(analysis.headline[0], /из 8 когорт/);
  assert.notEqual(analysis.headline[0], english.headline[0]);
  assert.deepEqual(Object.keys(analysis), Object.keys(english));
  assert.deepEqual(errors, []);
  await context.close();
});
