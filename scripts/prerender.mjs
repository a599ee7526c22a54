// Post-build step (scripts/post-build.mjs): writes the page's words in the build's language
// (title, descriptions, the static sections, what page.js says) and the default view into
// index.html, as the app itself renders it (run natively, src/main.rs prints both), so the page
// is readable before the wasm has loaded and without JavaScript. The app replaces it with identical markup when it
// starts; a link that names a scenario hides it until then (the inline script of index.html).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parts } from './native-page.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('prerender: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const fail = (what) => {
  console.error(`prerender: ${what}`);
  process.exit(1);
};
const page = parts.app ?? '';
if (!page.includes('id="forest-plot"') || !page.includes('<svg')) fail('the native app did not print the page');
const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');
// The HTML is minified by now: attributes may be unquoted. Each placeholder must be there once.
const fill = (pattern, text) => {
  if (!pattern.test(index)) fail(`index.html has no ${pattern}`);
  index = index.replace(pattern, () => text);
};
const attribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
fill(/<html lang="?en"?/, `<html lang="${parts.lang}"`);
fill(/<title>page:title<\/title>/, `<title>${parts.title}</title>`);
for (const name of ['description', 'og_title', 'og_image_alt']) {
  for (let count = 0; index.includes(`page:${name}`); count += 1) {
    index = index.replace(new RegExp(`content="?page:${name}"?`), () => `content="${attribute(parts[name])}"`);
  }
}
fill(/<template id="?page-switch"?><\/template>/, parts.switch);
fill(/page:loading/, parts.loading);
fill(/page:no_wasm/, parts.no_wasm);
fill(/page:noscript/, parts.noscript);
fill(/<template id="?page-sections"?><\/template>/, parts.sections);
fill(/page:words/, parts.words);
// The page goes after the notice for readers without JavaScript, at the end of the app's
// placeholder.
const placeholder = /(<div id="?app"?>[\s\S]*?<\/noscript>)/;
if (!placeholder.test(index)) fail('index.html has no <div id="app"> ending in a <noscript> notice');
index = index.replace(placeholder, (head) => head + page);
if (/page:\w+/.test(index)) fail(`index.html still has the placeholder ${index.match(/page:\w+/)[0]}`);
writeFileSync(indexPath, index);
console.log(`prerender: the ${parts.lang} page, ${page.length} bytes of the default view, written into index.html`);
