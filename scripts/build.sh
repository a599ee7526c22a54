#!/usr/bin/env bash
# Builds the explainer in both languages: the English page in dist/, the Russian one in dist/ru/.
# Each is a build of its own, with only its language's words in its wasm (src/lang.rs); the
# post-build steps read the language from TRUNK_BUILD_FEATURES. The English build comes first:
# Trunk empties dist/ before it writes.
# GLABELLA_DIST=folder builds elsewhere. By hand: `npm ci` first (the post-build steps minify
# with terser), with the tools of tools.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

need_build_tools

dist="${GLABELLA_DIST:-dist}"
trunk build --release --dist "$dist"
TRUNK_BUILD_FEATURES=ru trunk build --release --dist "$dist/ru"
