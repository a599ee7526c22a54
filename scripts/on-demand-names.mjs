// Post-build step (scripts/post-build.mjs), after minify-js.mjs: gives the files the page fetches
// only when asked (the compute worker, worker/, static/tools.js and static/lesson.js, which Trunk
// writes without a hash in their names) names that change with their contents, as the page's own
// files have, so a browser never runs the glue of one build with the wasm of another; then tells
// the page where they are, in <meta name="glabella-worker" content="./glabella-worker-HASH_loader.js">,
// <meta name="glabella-tools" content="./tools-HASH.js"> and
// <meta name="glabella-lesson" content="./lesson-HASH.js">. The lesson's words (the `[lesson]`
// table in the build's language, src/main.rs) and its style sheet (static/lesson.css) go into
// the lesson's script first: only a lesson fetches them.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parts } from './native-page.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('on-demand-names: TRUNK_STAGING_DIR is not set; run me through scripts/post-build.mjs');
  process.exit(1);
}
const at = (name) => join(staging, name);
const [glue, wasm, loader] = ['glabella-worker.js', 'glabella-worker_bg.wasm', 'glabella-worker_loader.js'];
const hash = createHash('sha256').update(readFileSync(at(glue))).update(readFileSync(at(wasm)))
  .digest('hex').slice(0, 16);
const named = (name) => name.replace('glabella-worker', `glabella-worker-${hash}`);
const loaderCode = readFileSync(at(loader), 'utf8');
if (!loaderCode.includes(`./${glue}`) || !loaderCode.includes(`./${wasm}`)) {
  console.error(`on-demand-names: ${loader} does not load ./${glue} and ./${wasm}: ${loaderCode}`);
  process.exit(1);
}
writeFileSync(at(named(loader)), loaderCode.replace(`./${glue}`, `./${named(glue)}`).replace(`./${wasm}`, `./${named(wasm)}`));
renameSync(at(glue), at(named(glue)));
renameSync(at(wasm), at(named(wasm)));
unlinkSync(at(loader));

const tools = `tools-${createHash('sha256').update(readFileSync(at('tools.js'))).digest('hex').slice(0, 16)}.js`;
renameSync(at('tools.js'), at(tools));

// The script holds the string 'glabella:lesson-words' (in either quotes after minifying) where its
// words go, as a string of JSON.
const lessonCode = readFileSync(at('lesson.js'), 'utf8');
const slot = /(["'])glabella:lesson-words\1/;
if (!slot.test(lessonCode) || !parts.lesson?.startsWith('{')) {
  console.error('on-demand-names: lesson.js has no slot for its words, or the native app printed none');
  process.exit(1);
}
// Its style sheet, static/lesson.css, goes in the same way, at 'glabella:lesson-style'.
const styleSlot = /(["'])glabella:lesson-style\1/;
if (!styleSlot.test(lessonCode)) {
  console.error('on-demand-names: lesson.js has no slot for its style sheet');
  process.exit(1);
}
const lessonStyle = readFileSync(new URL('../static/lesson.css', import.meta.url), 'utf8');
const lessonFilled = lessonCode.replace(slot, () => JSON.stringify(parts.lesson))
  .replace(styleSlot, () => JSON.stringify(lessonStyle));
const lesson = `lesson-${createHash('sha256').update(lessonFilled).digest('hex').slice(0, 16)}.js`;
writeFileSync(at(lesson), lessonFilled);
unlinkSync(at('lesson.js'));

const indexPath = at('index.html');
const index = readFileSync(indexPath, 'utf8');
const meta = `<meta name="glabella-worker" content="./${named(loader)}"><meta name="glabella-tools" content="./${tools}"><meta name="glabella-lesson" content="./${lesson}">`;
if (!index.includes('</head>')) {
  console.error('on-demand-names: index.html has no </head>');
  process.exit(1);
}
writeFileSync(indexPath, index.replace('</head>', `${meta}</head>`));
console.log(`on-demand-names: the compute worker is ./${named(loader)}, the tools ./${tools}, the lesson ./${lesson}`);
