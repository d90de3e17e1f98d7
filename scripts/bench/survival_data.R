# Simulated data for scripts/bench/survival.sh (seeded): km.csv (n = 1e6, two groups, times on a
# 0.1-month grid so that ties occur as in real follow-up) and cox.csv (n = 1e5, 10 covariates).
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "/tmp/nomo-bench-survival"
set.seed(20261124)
n <- 1e6
group <- sample(c("A", "B"), n, replace = TRUE)
rate <- ifelse(group == "A", 0.05, 0.07)
t_event <- rexp(n, rate); t_cens <- runif(n, 1, 60)
time <- pmax(round(pmin(t_event, t_cens), 1), 0.1)
status <- as.integer(t_event <= t_cens)
write.csv(data.frame(time, status, group), file.path(dir, "km.csv"), row.names = FALSE)
n <- 1e5; p <- 10
x <- matrix(rnorm(n * p), n, p); colnames(x) <- paste0("x", 1:p)
lp <- drop(x %*% seq(-0.5, 0.5, length.out = p))
t_event <- rexp(n, 0.05 * exp(lp)); t_cens <- runif(n, 1, 60)
time <- pmax(round(pmin(t_event, t_cens), 2), 0.01)
status <- as.integer(t_event <= t_cens)
write.csv(data.frame(time, status, x), file.path(dir, "cox.csv"), row.names = FALSE)
