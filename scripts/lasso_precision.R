# How precise are the cv.glmnet references? Reruns the LASSO cross-validations of
# crates/testdata/reference/hcc_nomogram.json (lasso_binomial_deviance, lasso_gaussian_mse)
# at glmnet thresh = 1e-14 (as the references), 1e-16 and 1e-18 on the same folds and prints
# the largest relative change of cvm and cvsd against the reference.
# Usage: Rscript scripts/lasso_precision.R   (from the workspace root)
suppressMessages(library(glmnet))
d <- read.csv("data/hcc_nomogram.csv")
ref <- jsonlite::fromJSON("crates/testdata/reference/hcc_nomogram.json")
source("scripts/derived_indices.R")
d <- add_derived(d)
x <- as.matrix(d[, ref$candidates])
y <- as.numeric(d$response == "progression")
foldid <- (seq_len(nrow(d)) - 1) %% 10 + 1
rel <- function(a, b) max(abs(a / b[seq_along(a)] - 1))
for (th in c(1e-14, 1e-16, 1e-18)) {
  for (fam in c("binomial", "gaussian")) {
    r <- if (fam == "binomial") ref$lasso_binomial_deviance else ref$lasso_gaussian_mse
    cv <- cv.glmnet(x, y, family = fam, foldid = foldid, thresh = th, maxit = 1e8)
    cat(sprintf("%s thresh %g: path %d, max rel change cvm %.3g, cvsd %.3g\n",
                fam, th, length(cv$cvm), rel(cv$cvm, r$cvm), rel(cv$cvsd, r$cvsd)))
  }
}
