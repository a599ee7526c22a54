// Prints the raw and gzipped size of every file of dist/, and fails when the first load (the
// page, its scripts, its wasm and its styles) or the first paint (the pre-rendered page and its
// styles) exceeds its budget. Files the page only links to
// (calibration.toml, images), the service worker (fetched after the page has loaded, to cache
// the same files) and the compute worker (fetched when a script first asks for an analysis) are
// listed but not counted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP = 200 * 1024;
// The first paint: the pre-rendered page (index.html) and its styles.
const BUDGET_FIRST_PAINT = 50 * 1024;
const FIRST_LOAD = /\.(html|js|wasm|css)$/;
const dist = process.env.GLABELLA_DIST ? `${process.env.GLABELLA_DIST}/` : new URL("../dist/", import.meta.url).pathname;
let raw = 0;
let gzip = 0;
let firstPaint = 0;
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const path = dist + name;
  if (!statSync(path).isFile()) continue;
  const body = readFileSync(path);
  const zipped = gzipSync(body, { level: 9 }).length;
  const counted = FIRST_LOAD.test(name) && name !== 'sw.js' && !name.startsWith('glabella-worker-');
  if (counted) {
    raw += body.length;
    gzip += zipped;
  }
  if (/\.(html|css)$/.test(name)) firstPaint += zipped;
  rows.push(`${name.padEnd(48)} ${String(body.length).padStart(9)} ${String(zipped).padStart(9)}${counted ? '' : '  (not in the first load)'}`);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${'file'.padEnd(48)} ${'bytes'.padStart(9)} ${'gzip -9'.padStart(9)}`);
for (const row of rows) console.log(row);
console.log(`${'first load'.padEnd(48)} ${String(raw).padStart(9)} ${String(gzip).padStart(9)}`);
console.log(`first load: ${kb(gzip)} gzipped of a ${kb(BUDGET_GZIP)} budget`);
console.log(`first paint (HTML and CSS): ${kb(firstPaint)} gzipped of a ${kb(BUDGET_FIRST_PAINT)} budget`);
if (gzip > BUDGET_GZIP) console.error(`the first load is over budget by ${kb(gzip - BUDGET_GZIP)}`);
if (firstPaint > BUDGET_FIRST_PAINT) console.error(`the first paint is over budget by ${kb(firstPaint - BUDGET_FIRST_PAINT)}`);
if (gzip > BUDGET_GZIP || firstPaint > BUDGET_FIRST_PAINT) process.exit(1);
