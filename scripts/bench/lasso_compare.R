# Compares nomo lasso's JSON with cv.glmnet's (scripts/bench/lasso.sh). Both at thresh 1e-7;
# with OPT.json (the same fit converged to the optimum), also how far each side's cvm is from
# the optimum's, over the λ both paths have.
# Usage: Rscript lasso_compare.R R.json NOMO.json NOMO_SECONDS [OPT.json]
a <- commandArgs(trailingOnly = TRUE)
r <- jsonlite::fromJSON(a[1]); m <- jsonlite::fromJSON(a[2]); s <- as.numeric(a[3])
k <- min(length(r$lambda), length(m$lambda))
cat(sprintf("path length R %d, nomo %d; max rel diff lambda %.2g, cvm %.2g\n",
            length(r$lambda), length(m$lambda),
            max(abs(m$lambda[1:k] / r$lambda[1:k] - 1)), max(abs(m$cvm[1:k] / r$cvm[1:k] - 1))))
cat(sprintf("lambda.min R %.6g nomo %.6g; lambda.1se R %.6g nomo %.6g\n",
            r$lambda_min, m$lambda_min, r$lambda_1se, m$lambda_1se))
if (length(a) >= 4) {
  o <- jsonlite::fromJSON(a[4])
  dist <- function(x) {
    j <- min(length(x$cvm), length(o$cvm))
    sprintf("%.2g over %d of its %d λ", max(abs(x$cvm[1:j] / o$cvm[1:j] - 1)), j,
            length(x$cvm))
  }
  cat(sprintf("optimum: path length %d\n", length(o$cvm)))
  cat(sprintf("max rel distance of cvm from the optimum: cv.glmnet %s; nomo %s\n",
              dist(r), dist(m)))
}
cat(sprintf("cv.glmnet %.2f s, nomo (whole process) %.2f s, ratio %.3f\n", r$seconds, s, s / r$seconds))
