# R side of scripts/bench/survival.sh: the computation alone on data already in memory
# (median of 3 runs), printed as "task seconds".
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "/tmp/nomo-bench-survival"
km <- read.csv(file.path(dir, "km.csv"))
cx <- read.csv(file.path(dir, "cox.csv"))
med <- function(f) median(replicate(3, system.time(f())[["elapsed"]]))
t_km <- med(function() {
  fit <- survfit(Surv(time, status) ~ group, data = km)
  s <- summary(fit, times = c(6, 12, 24))
  d <- survdiff(Surv(time, status) ~ group, data = km)
})
t_lr <- med(function() survdiff(Surv(time, status) ~ group, data = km))
f <- as.formula(paste("Surv(time, status) ~", paste0("x", 1:10, collapse = " + ")))
t_cox <- med(function() coxph(f, data = cx, ties = "efron"))
cat(sprintf("km %.4f\nlogrank %.4f\ncox %.4f\n", t_km, t_lr, t_cox))
