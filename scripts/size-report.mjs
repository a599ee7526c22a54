// Prints the raw and gzipped size of every file of dist/ (English) and dist/ru/ (Russian), and
// fails when either page's first load (the page, its scripts, its wasm and its styles) or first
// paint (the pre-rendered page and its styles) exceeds its budget. Files the page only links to
// (calibration.toml, images), the service worker (fetched after the page has loaded, to cache
// the same files), the compute worker and tools.js (fetched when a reader or a script first asks
// for an analysis, a file, a count or a download) and lesson.js (fetched only by a lesson link,
// `mode=lesson`, whose total is printed beside the budget) are listed but not counted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP = 200 * 1024;
// The first paint: the pre-rendered page (index.html) and its styles.
const BUDGET_FIRST_PAINT = 50 * 1024;
const FIRST_LOAD = /\.(html|js|wasm|css)$/;
const dist = process.env.GLABELLA_DIST ? `${process.env.GLABELLA_DIST}/` : new URL("../dist/", import.meta.url).pathname;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failed = false;

// One language's page: its files, the first load and the first paint.
const report = (folder, lang) => {
  let raw = 0;
  let gzip = 0;
  let firstPaint = 0;
  let lesson = 0;
  const rows = [];
  for (const name of readdirSync(folder).sort()) {
    const path = folder + name;
    if (!statSync(path).isFile()) continue;
    const body = readFileSync(path);
    const zipped = gzipSync(body, { level: 9 }).length;
    const counted = FIRST_LOAD.test(name) && name !== 'sw.js' && !name.startsWith('glabella-worker-') && !name.startsWith('tools-')
      && !name.startsWith('lesson-');
    if (counted) {
      raw += body.length;
      gzip += zipped;
    }
    if (/\.(html|css)$/.test(name)) firstPaint += zipped;
    if (name.startsWith('lesson-')) lesson = zipped;
    rows.push(`${name.padEnd(48)} ${String(body.length).padStart(9)} ${String(zipped).padStart(9)}${counted ? '' : '  (not in the first load)'}`);
  }
  console.log(`\n${lang} page (${folder})`);
  console.log(`${'file'.padEnd(48)} ${'bytes'.padStart(9)} ${'gzip -9'.padStart(9)}`);
  for (const row of rows) console.log(row);
  console.log(`${'first load'.padEnd(48)} ${String(raw).padStart(9)} ${String(gzip).padStart(9)}`);
  console.log(`${lang}: first load ${kb(gzip)} gzipped of a ${kb(BUDGET_GZIP)} budget`);
  console.log(`${lang}: first paint (HTML and CSS) ${kb(firstPaint)} gzipped of a ${kb(BUDGET_FIRST_PAINT)} budget`);
  console.log(`${lang}: a lesson link loads ${kb(gzip + lesson)} gzipped (the first load and lesson.js, fetched once the page runs)`);
  if (gzip > BUDGET_GZIP) console.error(`${lang}: the first load is over budget by ${kb(gzip - BUDGET_GZIP)}`);
  if (firstPaint > BUDGET_FIRST_PAINT) console.error(`${lang}: the first paint is over budget by ${kb(firstPaint - BUDGET_FIRST_PAINT)}`);
  failed ||= gzip > BUDGET_GZIP || firstPaint > BUDGET_FIRST_PAINT;
  return readdirSync(folder).filter((name) => /^glabella-web-.*_bg\.wasm$/.test(name)).map((name) => readFileSync(folder + name))[0];
};

const english = report(dist, 'English');
const russian = report(`${dist}ru/`, 'Russian');
// Each page's wasm holds only its own language's words (src/lang.rs): a run of Cyrillic letters
// in the English wasm, or an English hypothesis title in the Russian one, means the other
// language's strings were linked in.
const cyrillic = /(?:[\xd0\xd1][\x80-\xbf]){6}/;
if (cyrillic.test(english.toString('latin1'))) {
  console.error('the English wasm holds Russian text');
  failed = true;
}
if (russian.includes('Facial feedback is the whole story')) {
  console.error('the Russian wasm holds English messages');
  failed = true;
}
if (failed) process.exit(1);
