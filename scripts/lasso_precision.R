# How precise are the cv.glmnet references? Reruns the LASSO cross-validations of
# crates/testdata/reference/hcc_nomogram.json (lasso_binomial_deviance, lasso_gaussian_mse)
# at glmnet thresh = 1e-14 (as the references), 1e-16 and 1e-18 on the same folds and prints
# the largest relative change of cvm and cvsd against the reference.
# Usage: Rscript scripts/lasso_precision.R   (from the workspace root)
suppressMessages(library(glmnet))
d <- read.csv("data/hcc_nomogram.csv")
ref <- jsonlite::fromJSON("crates/testdata/reference/hcc_nomogram.json")
d$sex_male <- as.numeric(d$sex == "M")
d$t2sir_pre <- d$t2_tumor_pre / d$t2_muscle_pre
d$t2sir_post <- d$t2_tumor_post / d$t2_muscle_post
d$adc_het_pre <- (d$adc_max_pre - d$adc_min_pre) / d$adc_mean_pre
d$adc_het_post <- (d$adc_max_post - d$adc_min_post) / d$adc_mean_post
d$nlr <- d$neutrophils / d$lymphocytes
d$lmr <- d$lymphocytes / d$monocytes
d$aapr <- d$albumin / d$alp
d$siri <- d$neutrophils * d$monocytes / d$lymphocytes
d$piv <- d$platelets * d$siri
d$sii <- d$platelets * d$nlr
d$ag_ratio <- d$albumin / d$globulin
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
