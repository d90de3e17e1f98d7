#!/usr/bin/env bash
# Side-by-side benchmark of nomo km / nomo cox against R's survival (issue 7).
# Usage: scripts/bench/survival.sh [path/to/nomo]   (default: target/release/nomo; build it with
#   cargo build --release -p nomo-cli). Data are simulated by scripts/bench/survival_data.R
#   (seeded) into $WORK (default /tmp/nomo-bench-survival).
# Timing rules (Contract notes): nomo is timed as a whole process (start-up and CSV parsing
#   included); R is timed on data already in memory (system.time of the computation alone).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
nomo="${1:-$root/target/release/nomo}"
work="${WORK:-/tmp/nomo-bench-survival}"
mkdir -p "$work"
[ -f "$work/km.csv" ] || Rscript "$here/survival_data.R" "$work"

now() { date +%s.%N; }
time_cmd() { # median of 3 wall-clock runs, seconds
  local runs=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(now); "$@" > /dev/null; t1=$(now)
    runs+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p
}

r_times=$(Rscript "$here/survival_r.R" "$work")
r_km=$(echo "$r_times" | awk '/^km/{print $2}')
r_lr=$(echo "$r_times" | awk '/^logrank/{print $2}')
r_cox=$(echo "$r_times" | awk '/^cox/{print $2}')

n_km=$(time_cmd "$nomo" --quiet km --data "$work/km.csv" --time time --status status \
  --group group --times 6,12,24 --json)
n_cox=$(time_cmd "$nomo" --quiet cox --data "$work/cox.csv" --time time --status status \
  --covariates x1,x2,x3,x4,x5,x6,x7,x8,x9,x10 --json)

printf '%-40s %10s %10s %8s %8s\n' task "R (s)" "nomo (s)" ratio goal
printf '%-40s %10.3f %10.3f %8.3f %8s\n' "KM 2 groups n=1e6 (survfit+survdiff)" "$r_km" "$n_km" \
  "$(echo "$n_km / $r_km" | bc -l)" 0.1
printf '%-40s %10.3f %10.3f %8.3f %8s\n' "log-rank n=1e6 (survdiff; nomo km)" "$r_lr" "$n_km" \
  "$(echo "$n_km / $r_lr" | bc -l)" 0.1
printf '%-40s %10.3f %10.3f %8.3f %8s\n' "Cox Efron n=1e5 p=10 (coxph)" "$r_cox" "$n_cox" \
  "$(echo "$n_cox / $r_cox" | bc -l)" 0.5
