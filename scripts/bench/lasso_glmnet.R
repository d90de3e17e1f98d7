# Benchmark helper for scripts/bench/lasso.sh: simulates a binomial cohort (n rows, p features,
# 10 informative), writes it as CSV with a fold-id column, times cv.glmnet on it (data already
# in memory; default thresh 1e-7) and writes cv.glmnet's curve as JSON.
# Usage: Rscript lasso_glmnet.R N P SEED OUT.csv OUT.json
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
n <- as.integer(a[1]); p <- as.integer(a[2]); seed <- as.integer(a[3])
set.seed(seed)
x <- matrix(rnorm(n * p), n, p)
colnames(x) <- sprintf("x%04d", seq_len(p))
eta <- drop(x[, 1:10] %*% rep(c(0.8, -0.6), 5)) * 0.5
y <- rbinom(n, 1, 1 / (1 + exp(-eta)))
foldid <- (seq_len(n) - 1) %% 10 + 1
write.csv(data.frame(y = y, fold = foldid, x), a[4], row.names = FALSE)
t <- system.time(cv <- cv.glmnet(x, y, family = "binomial", foldid = foldid))[["elapsed"]]
jsonlite::write_json(list(seconds = t, lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd,
                          lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se),
                     a[5], digits = NA, auto_unbox = TRUE)
