#!/usr/bin/env bash
# Two ROC curves plus a paired DeLong test on n = 1,000,000 (N overrides), for scores rounded to
# 4 decimals (many ties) and for continuous ones (all distinct), on the same file for both sides,
# in one run. Three ratios:
#   - in memory: nomo-roc's two curves + paired DeLong in process (curves in parallel, as
#     `nomo roc` builds them) against pROC's on the data already in memory (goal: <= 0.1);
#   - whole process, stricter: the whole `nomo roc` process (release; start-up, CSV parsing and
#     printing included; median of 5 runs) against the same in-memory pROC time;
#   - in process against sorting the two score vectors (goal: within 2x).
# Not part of CI.
#   bash scripts/bench/roc.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000000}
TARGET=${CARGO_TARGET_DIR:-target}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

cargo build --release -q -p nomo-cli
cargo build --release -q -p nomo-roc --example sort_vs_delong

for kind in rounded continuous; do
  echo "== $kind scores"
  Rscript scripts/bench/roc.R gen "$DIR/roc.csv" "$N" "$kind"
  # the median of 5 runs of the whole process (the first run also warms the page cache)
  runs=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$TARGET/release/nomo" --quiet roc --data "$DIR/roc.csv" --outcome y --event 1 \
      --score a --score b --direction '<' --json > "$DIR/nomo.json"
    end=$(date +%s.%N)
    runs+=("$(echo "$end - $start" | bc -l)")
  done
  nomo_s=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 3p)
  grep -E '"(auc|statistic)"' "$DIR/nomo.json" | tr -s ' ' | paste -sd' '

  r_out=$(Rscript scripts/bench/roc.R time "$DIR/roc.csv")
  echo "$r_out" | grep -v PROC_SECONDS
  proc_s=$(echo "$r_out" | sed -n 's/^PROC_SECONDS=//p')

  in_process=$("$TARGET/release/examples/sort_vs_delong" "$DIR/roc.csv")
  echo "$in_process" | grep -v NOMO_ROC_SECONDS
  parallel_s=$(echo "$in_process" | sed -n 's/^NOMO_ROC_SECONDS=[^ ]* //p')
  printf 'in memory: nomo-roc %.3f s; pROC %.3f s; ratio %.3f (goal <= 0.1)\n' \
    "$parallel_s" "$proc_s" "$(echo "$parallel_s / $proc_s" | bc -l)"
  printf 'whole nomo roc process: %.3f s; against pROC in memory: ratio %.3f\n' \
    "$nomo_s" "$(echo "$nomo_s / $proc_s" | bc -l)"
done
