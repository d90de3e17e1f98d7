# Helpers shared by scripts/lasso_precision.R and scripts/lasso_precision_radiomics.R.
# rel(a, b): the largest relative difference over the common length.
rel <- function(a, b) {
  m <- min(length(a), length(b))
  max(abs(a[seq_len(m)] / b[seq_len(m)] - 1))
}
# nonzero(cv, s): the non-zero coefficients of a cv.glmnet fit at s, as a named list.
nonzero <- function(cv, s) {
  co <- as.matrix(coef(cv, s = s))
  v <- co[co[, 1] != 0, 1]
  as.list(v)
}
# as_entry(e, cv): a cv.glmnet fit in the layout of the reference entries.
as_entry <- function(e, cv) {
  list(family = e$family, type_measure = e$measure, lambda = cv$lambda,
       cvm = cv$cvm, cvsd = cv$cvsd, nzero = unname(cv$nzero),
       lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se,
       coef_lambda_min = nonzero(cv, "lambda.min"),
       coef_lambda_1se = nonzero(cv, "lambda.1se"))
}
# write_json_if_asked(x, args): writes x as JSON to args[1] when there is one.
write_json_if_asked <- function(x, args) {
  if (length(args) >= 1) {
    writeLines(jsonlite::toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE), args[1])
  }
}
