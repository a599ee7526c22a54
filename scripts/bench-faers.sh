#!/usr/bin/env bash
# Times `glabella build-faers` against DuckDB running the same extraction as SQL, on the same
# synthetic FAERS quarter of real size (400,000 reports, about 1.8 million DRUG rows), on this
# machine, in this run. Prints both times, the builder's peak memory and whether the counts agree.
#
#   bash scripts/bench-faers.sh            # REPORTS=400000 RUNS=5 by default
#   REPORTS=100000 RUNS=5 bash scripts/bench-faers.sh
#
# The quarter is written once to $BENCH_DIR (default /tmp/glabella-bench-faers) and DuckDB is
# installed from PyPI into a venv at $BENCH_VENV (default /tmp/glabella-bench-venv); the tests
# use neither.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REPORTS="${REPORTS:-400000}"
RUNS="${RUNS:-5}"
BENCH_DIR="${BENCH_DIR:-/tmp/glabella-bench-faers}"
BENCH_VENV="${BENCH_VENV:-/tmp/glabella-bench-venv}"
DATA="$BENCH_DIR/$REPORTS"

echo "== build (release)"
cargo build --release --quiet --bin glabella
cargo build --release --quiet -p glabella-faers --example synthetic-faers

if [ ! -f "$DATA/truth.csv" ]; then
  echo "== synthetic quarter: $REPORTS reports -> $DATA"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  target/release/examples/synthetic-faers "$DATA" "$REPORTS" 1
fi

if ! "$BENCH_VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
  echo "== duckdb (PyPI) -> $BENCH_VENV"
  python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install --quiet duckdb
fi

echo "== glabella build-faers against DuckDB, $RUNS runs each, $(nproc) cores"
"$BENCH_VENV/bin/python" tools/bench/faers_duckdb.py \
  --glabella target/release/glabella \
  --terms data/faers \
  --truth "$DATA/truth.csv" \
  --runs "$RUNS" \
  "$DATA/faers_ascii_2025q4"
