// Post-build step (scripts/post-build.mjs): writes the default page into index.html, as the app
// itself renders it (run natively, src/main.rs prints it), so the page is readable before the
// wasm has loaded and without JavaScript. The app replaces it with identical markup when it
// starts; a link that names a scenario hides it until then (the inline script of index.html).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('prerender: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const root = new URL('..', import.meta.url).pathname;
// A debug build: it shares its dependencies with the native tests, and runs in a moment.
const page = execFileSync('cargo', ['run', '--quiet', '--locked', '--package', 'glabella-web'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 16 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (!page.includes('id="forest-plot"') || !page.includes('<svg')) {
  console.error('prerender: the native app did not print the page');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
const index = readFileSync(indexPath, 'utf8');
// The HTML is minified by now: attributes may be unquoted. The page goes after the notice for
// readers without JavaScript, at the end of the app's placeholder.
const placeholder = /(<div id="?app"?>[\s\S]*?<\/noscript>)/;
if (!placeholder.test(index)) {
  console.error('prerender: index.html has no <div id="app"> ending in a <noscript> notice');
  process.exit(1);
}
writeFileSync(indexPath, index.replace(placeholder, (head) => head + page));
console.log(`prerender: ${page.length} bytes of the default page written into index.html`);
