#!/usr/bin/env bash
# Times `nomo run data/hcc_nomogram/analysis.toml --quiet` (B = 200 bootstrap) against the same
# workflow as an R script (scripts/bench/run_workflow.R, package loading included), in the same
# run. Needs a release build: cargo build --release (CARGO_TARGET_DIR honoured).
# Speed is compared at glmnet's default convergence threshold on both sides (the demo spec's
# `thresh = 1e-14` is for agreement with the reference): the spec is copied beside the original
# (its data path is relative to it) without that line.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
nomo="$target/release/nomo"
[ -x "$nomo" ] || cargo build --release -p nomo-cli
out="$(mktemp -d)"
spec=data/hcc_nomogram/.bench_analysis.toml
grep -v '^thresh = 1e-14' data/hcc_nomogram/analysis.toml > "$spec"
trap 'rm -rf "$out" "$spec"' EXIT
reps="${REPS:-3}"
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
best_nomo=999; best_r=999
for _ in $(seq "$reps"); do
  n=$(t "$nomo" run "$spec" --quiet --out "$out/report")
  r=$(t Rscript scripts/bench/run_workflow.R data/hcc_nomogram.csv data/hcc_readers.csv)
  best_nomo=$(echo "if ($n < $best_nomo) $n else $best_nomo" | bc)
  best_r=$(echo "if ($r < $best_r) $r else $best_r" | bc)
done
echo "nomo run (best of $reps): ${best_nomo} s"
echo "R script (best of $reps): ${best_r} s"
echo "ratio nomo/R: $(echo "scale=3; $best_nomo / $best_r" | bc)"
