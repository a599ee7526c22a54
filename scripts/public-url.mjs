// Post-build step (scripts/post-build.mjs): link previews need absolute addresses (crawlers do not
// resolve `og:image` against the page), but the build cannot know where the page will be served.
// With GLABELLA_PUBLIC_URL set (for example https://example.org/glabella/), the preview image's
// address becomes absolute and an `og:url` is added; without it the page keeps relative
// addresses and says so in the build log.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('public-url: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const publicUrl = process.env.GLABELLA_PUBLIC_URL;
if (!publicUrl) {
  console.log('public-url: GLABELLA_PUBLIC_URL is not set; link previews use a relative image address');
} else {
  let base;
  try {
    base = new URL(publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
    // The Russian page is served from the ru/ folder of the English one (scripts/build.sh).
    if (process.env.TRUNK_BUILD_FEATURES === 'ru') base = new URL('ru/', base);
  } catch {
    console.error(`public-url: GLABELLA_PUBLIC_URL is not an absolute URL: ${publicUrl}`);
    process.exit(1);
  }
  if (!/^https?:$/.test(base.protocol)) {
    console.error(`public-url: GLABELLA_PUBLIC_URL must be http or https: ${publicUrl}`);
    process.exit(1);
  }
  const indexPath = join(staging, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  const attribute = (text) => `"${text.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
  const absolute = new URL('preview.png', base).href;
  // The HTML is minified by now: attributes may be unquoted and in any order.
  let found = false;
  const written = index.replace(/<meta\s[^>]*>/g, (tag) => {
    if (!/\sproperty="?og:image"?(?=[\s>])/.test(tag)) return tag;
    found = true;
    const image = tag.replace(/content=(?:"preview\.png"|preview\.png)/, `content=${attribute(absolute)}`);
    return `<meta property="og:url" content=${attribute(base.href)}>${image}`;
  });
  if (!found || !written.includes(absolute)) {
    console.error('public-url: the og:image tag with content preview.png was not found in index.html');
    process.exit(1);
  }
  writeFileSync(indexPath, written);
  console.log(`public-url: link previews point at ${absolute}`);
}
