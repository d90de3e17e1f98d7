#!/usr/bin/env Rscript
# R side of scripts/bench/calibration.sh: simulates the benchmark cohort (seeded; n = 500,
# 5 predictors, logistic truth) into DIR/bootstrap.csv on first use, then times rms::validate
# and rms::calibrate with B = 1000 on the fit already in memory (computation only).
# Usage: Rscript scripts/bench/calibration_r.R DIR
suppressMessages(library(rms))
dir <- commandArgs(trailingOnly = TRUE)[1]
csv <- file.path(dir, "bootstrap.csv")
if (!file.exists(csv)) {
  set.seed(500)
  n <- 500
  x <- matrix(rnorm(n * 5), n, 5, dimnames = list(NULL, paste0("x", 1:5)))
  lp <- -0.5 + x %*% c(0.8, -0.5, 0.3, 0, 0.2)
  d <- data.frame(x, y = rbinom(n, 1, plogis(lp)))
  write.csv(d, csv, row.names = FALSE)
}
d <- read.csv(csv)
fit <- lrm(y ~ x1 + x2 + x3 + x4 + x5, data = d, x = TRUE, y = TRUE)
set.seed(1)
tv <- system.time(rms::validate(fit, B = 1000))[["elapsed"]]
set.seed(2)
tc <- system.time(rms::calibrate(fit, B = 1000))[["elapsed"]]
cat("validate", tv, "\n")
cat("calibrate", tc, "\n")
