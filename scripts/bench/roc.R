#!/usr/bin/env Rscript
# Benchmark companion of scripts/bench/roc.sh.
#   Rscript scripts/bench/roc.R gen FILE N KIND
#                                            writes N rows: y (0/1), a, b (two correlated scores),
#                                            rounded to 4 decimals (KIND rounded: many ties, as
#                                            measured values) or not (KIND continuous: all distinct,
#                                            as a model's predicted risks)
#   Rscript scripts/bench/roc.R time FILE    times pROC on the data already in memory (best of
#                                            3): roc(y, a), roc(y, b), roc.test(paired DeLong)
suppressPackageStartupMessages(library(pROC))
args <- commandArgs(trailingOnly = TRUE)
if (args[1] == "gen") {
  set.seed(1)
  n <- as.integer(args[3])
  y <- rbinom(n, 1, 0.3)
  stopifnot(length(args) == 4, args[4] %in% c("rounded", "continuous"))
  digits <- if (args[4] == "rounded") 4 else Inf
  a <- round(rnorm(n, mean = y), digits)
  b <- round(0.6 * a + rnorm(n, mean = 0.5 * y), digits)
  write.csv(data.frame(y = y, a = a, b = b), args[2], row.names = FALSE)
} else {
  d <- read.csv(args[2])
  # best of 3, as the in-process nomo timing
  t <- Inf
  for (k in 1:3) {
    t <- min(t, system.time({
      ra <- roc(d$y, d$a, levels = c(0, 1), direction = "<", quiet = TRUE)
      rb <- roc(d$y, d$b, levels = c(0, 1), direction = "<", quiet = TRUE)
      tt <- roc.test(ra, rb, method = "delong", paired = TRUE)
    })[["elapsed"]])
  }
  s <- system.time({ sort(d$a); sort(d$b) })[["elapsed"]]
  cat(sprintf("pROC: AUC %.6f %.6f Z %.4f in %.3f s (R sort of both vectors %.3f s)\n",
              ra$auc, rb$auc, tt$statistic, t, s))
  cat(sprintf("PROC_SECONDS=%.4f\n", t))
}
