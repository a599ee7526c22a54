// Post-build step (scripts/post-build.mjs), after minify-js.mjs: fills in the page's Content Security Policy.
// Inline scripts (Trunk's loader and the page's own few lines) are allowed by their SHA-256
// hashes, computed here from the final index.html, so nothing else inline can run.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');

const hashes = [];
for (const [, attributes, body] of index.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
  // Scripts with a source file, and data blocks (the page's words), which never run.
  if (/\bsrc=|application\/json/.test(attributes)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  // Charts and tables carry style attributes (positions, colours); no stylesheet comes from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const placeholder = /content=("?)filled-by-the-build\1/;
if (!placeholder.test(index)) {
  console.error('csp: index.html has no Content-Security-Policy placeholder');
  process.exit(1);
}
index = index.replace(placeholder, `content="${policy}"`);
writeFileSync(indexPath, index);
console.log(`csp: ${hashes.length} inline scripts allowed by hash`);
