#!/usr/bin/env bash
# Runs every check: formatting, lints, native tests (the page's in both languages), the core's
# tests again on wasm32, the release build of both pages with its size report, and the browser
# tests against the built pages.
# Installs what it needs first (see tools.sh), so it works on a fresh machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

need_build_tools
need_chromium
need_fonts

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p glabella-web --features ru --all-targets -- -D warnings
echo "== cargo test (native)"
cargo test --workspace
echo "== the page's tests again, built in Russian"
cargo test -p glabella-web --features ru
echo "== core on wasm32 (node, wasm-bindgen-test-runner)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p glabella-core --target wasm32-unknown-unknown --test wasm_determinism
echo "== build: the English page in dist/, the Russian one in dist/ru/"
bash scripts/build.sh
echo "== size of the first load"
node scripts/size-report.mjs
echo "== browser tests (headless Chromium)"
node --test tests/browser/
echo "== all checks passed"
