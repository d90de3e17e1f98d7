#!/bin/sh
# Benchmark of nomo-logistic's performance goal: 1,000 univariate logistic fits on n = 5,000
# (crates/logistic/benches/univariate_screen.rs, criterion, release build). Goal: < 0.5 s.
# Usage: scripts/bench/logistic_screen.sh   (from the workspace root)
set -eu
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}" cargo bench -p nomo-logistic --bench univariate_screen
