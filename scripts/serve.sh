#!/usr/bin/env bash
# Builds the explainer and serves it on http://127.0.0.1:8080/ (PORT=... to change).
# Installs what it needs first (see tools.sh), so it works on a fresh machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

need_build_tools

bash scripts/build.sh
exec node scripts/serve-dist.mjs "${PORT:-8080}"
