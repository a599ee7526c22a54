// Post-build step (scripts/post-build.mjs), before csp.mjs: makes the browser check the wasm's
// integrity. Trunk puts an integrity hash on the wasm's <link rel=preload>, but browsers ignore
// integrity on a fetch preload; so the loader fetches the wasm itself with the same hash.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('wasm-integrity: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const loader = /init\(\{ module_or_path: '(\.\/[\w.-]+_bg\.wasm)' \}\)/;
const found = index.match(loader);
if (!found) {
  console.error('wasm-integrity: Trunk\'s loader was not found in index.html');
  process.exit(1);
}
const wasm = found[1];
const hash = `sha384-${createHash('sha384').update(readFileSync(join(staging, wasm))).digest('base64')}`;
index = index.replace(loader, `init({ module_or_path: fetch('${wasm}', { integrity: '${hash}' }) })`);
writeFileSync(indexPath, index);
console.log(`wasm-integrity: ${wasm} is fetched with its hash`);
