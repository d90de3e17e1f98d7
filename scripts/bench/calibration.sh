#!/usr/bin/env bash
# Side-by-side benchmark of `nomo bootstrap` against rms::validate and rms::calibrate (issue 8):
# bootstrap validation, B = 1000, logistic model with n = 500 and 5 predictors. Goal: nomo at
# most 0.10x each R function.
# Usage: scripts/bench/calibration.sh [path/to/nomo]   (default: $CARGO_TARGET_DIR or target,
#   release/nomo; build it with cargo build --release -p nomo-cli). The cohort is simulated by
#   scripts/bench/calibration_r.R (seeded) into $WORK (default /tmp/nomo-bench-calibration).
# Timing rules (Contract notes): nomo is timed as a whole process (start-up and CSV parsing
#   included; one run computes both the validated indices and the bias-corrected curve); R is
#   timed on the fit already in memory (system.time of validate / calibrate alone).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
nomo="${1:-${CARGO_TARGET_DIR:-$root/target}/release/nomo}"
work="${WORK:-/tmp/nomo-bench-calibration}"
mkdir -p "$work"

r_times=$(Rscript "$here/calibration_r.R" "$work")
r_val=$(echo "$r_times" | awk '/^validate/{print $2}')
r_cal=$(echo "$r_times" | awk '/^calibrate/{print $2}')

now() { date +%s.%N; }
runs=()
for _ in 1 2 3; do
  t0=$(now)
  "$nomo" --quiet bootstrap --data "$work/bootstrap.csv" --outcome y --event 1 \
    --predictors x1,x2,x3,x4,x5 --resamples 1000 --seed 1 --json > /dev/null
  t1=$(now)
  runs+=("$(echo "$t1 - $t0" | bc -l)")
done
n_boot=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)

printf '%-44s %10s %10s %8s %6s\n' task "R (s)" "nomo (s)" ratio goal
printf '%-44s %10.3f %10.3f %8.3f %6s\n' "bootstrap B=1000 n=500 p=5 vs rms::validate" \
  "$r_val" "$n_boot" "$(echo "$n_boot / $r_val" | bc -l)" 0.10
printf '%-44s %10.3f %10.3f %8.3f %6s\n' "bootstrap B=1000 n=500 p=5 vs rms::calibrate" \
  "$r_cal" "$n_boot" "$(echo "$n_boot / $r_cal" | bc -l)" 0.10
