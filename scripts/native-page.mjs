// The page's words and default view in the build's language, as the native app prints them
// (src/main.rs): each part after a line <!--glabella:NAME-->. Run once per build, however many
// post-build steps import it (scripts/on-demand-names.mjs, scripts/prerender.mjs).
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// The page's language is the build's: `TRUNK_BUILD_FEATURES=ru trunk build` makes the Russian page
// (scripts/build.sh), and the native app is built with the same features.
const features = process.env.TRUNK_BUILD_FEATURES ?? '';
// A debug build: it shares its dependencies with the native tests, and runs in a moment.
const output = execFileSync('cargo', ['run', '--quiet', '--locked', '--package', 'glabella-web', ...(features ? ['--features', features] : [])], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 16 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});

export const parts = {};
for (const [, name, text] of output.matchAll(/<!--glabella:(\w+)-->\n([\s\S]*?)\n(?=<!--glabella:|$)/g)) parts[name] = text;
