#!/usr/bin/env bash
# Ingestion benchmark (not a timed test): load and type a 1,000,000-row x 50-column CSV with the
# release build and report wall time and peak memory. Goal: under 3 s and under 2 GB.
# Usage: scripts/bench/ingest.sh [ROWS]   (needs python3 and GNU time at /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
csv="${TMPDIR:-/tmp}/nomo_ingest_bench_${rows}.csv"
if [ ! -f "$csv" ]; then
    echo "generating $csv ..." >&2
    python3 scripts/bench/ingest_generate.py "$rows" "$csv"
fi
ls -l "$csv" >&2
cargo build --release -p nomo-ingest --example ingest_bench
target="${CARGO_TARGET_DIR:-target}"
/usr/bin/time -v "$target/release/examples/ingest_bench" "$csv" 2> "${csv}.time"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "${csv}.time"
