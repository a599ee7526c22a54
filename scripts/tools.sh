# Installs, when missing, the tools the build and the tests need. Sourced by test.sh and serve.sh.
# Versions are pinned: wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"

need_wasm_target() {
  # rust-toolchain.toml lists the target; rustup installs it with the toolchain. Make sure anyway.
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
}

need_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    echo "== installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
    # Not --locked: its lock file names a crate version the registry here does not serve.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    echo "== installing trunk $TRUNK_VERSION (several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi
}

need_node_modules() {
  # wasm-opt from npm's binaryen (Debian's is too old for current wasm-bindgen output), and
  # playwright-core for the browser tests. Versions are pinned in package-lock.json.
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
    || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    echo "== installing npm packages"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
  export PATH="$ROOT/node_modules/.bin:$PATH"
}

need_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

# The preview image's test renders text with DejaVu Sans (tools/preview).
need_fonts() {
  if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    echo "== installing Debian's fonts-dejavu-core"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  fi
}

# Everything `trunk build` needs.
need_build_tools() {
  need_wasm_target
  need_wasm_bindgen
  need_trunk
  need_node_modules
}
