// Post-build step (scripts/post-build.mjs), release builds only: minifies the JS with terser
// (Trunk's own minifier cannot parse the wasm-bindgen glue) and updates the subresource-integrity
// hashes in index.html.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-js: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const sri = (body) => createHash('sha384').update(body).digest('base64');
const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const names = process.env.TRUNK_PROFILE === 'release' ? readdirSync(staging) : [];
for (const name of names.filter((file) => file.endsWith('.js'))) {
  const path = join(staging, name);
  const code = readFileSync(path, 'utf8');
  // The worker's glue (glabella-worker*.js) is a classic script whose global `wasm_bindgen` its
  // loader calls: minified as a script, its top-level names kept.
  const module = !name.startsWith('glabella-worker');
  const result = await minify(code, {
    module,
    toplevel: module,
    compress: { passes: 3 },
    mangle: true,
    format: { comments: false },
  });
  writeFileSync(path, result.code);
  index = index.replaceAll(sri(code), sri(result.code));
  console.log(`minify-js: ${name} ${code.length} -> ${result.code.length} bytes`);
}
writeFileSync(indexPath, index);
