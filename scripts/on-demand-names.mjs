// Post-build step (scripts/post-build.mjs), after minify-js.mjs: gives the files the page fetches
// only when asked (the compute worker, worker/, and static/tools.js, which Trunk writes without a
// hash in their names) names that change with their contents, as the page's own files have, so a
// browser never runs the glue of one build with the wasm of another; then tells the page where
// they are, in <meta name="glabella-worker" content="./glabella-worker-HASH_loader.js"> and
// <meta name="glabella-tools" content="./tools-HASH.js">.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

const indexPath = at('index.html');
const index = readFileSync(indexPath, 'utf8');
const meta = `<meta name="glabella-worker" content="./${named(loader)}"><meta name="glabella-tools" content="./${tools}">`;
if (!index.includes('</head>')) {
  console.error('on-demand-names: index.html has no </head>');
  process.exit(1);
}
writeFileSync(indexPath, index.replace('</head>', `${meta}</head>`));
console.log(`on-demand-names: the compute worker is ./${named(loader)}, the tools ./${tools}`);
