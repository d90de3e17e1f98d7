#!/usr/bin/env Rscript
# Bootstrap internal validation of the aSAH logistic model (Poor ~ age + gender + s100b + ndka)
# with rms::validate and rms::calibrate, B = 2000, for nomo-calibration's Monte-Carlo agreement
# test. Usage (from the workspace root):
#   Rscript scripts/calibration_bootstrap.R [out.json]
# default output: crates/calibration/tests/fixtures/asah_validate.json
suppressMessages({ library(rms); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "crates/calibration/tests/fixtures/asah_validate.json"
d <- read.csv("data/asah.csv")
d$poor <- as.integer(d$outcome == "Poor")
fit <- lrm(poor ~ age + gender + s100b + ndka, data = d, x = TRUE, y = TRUE, tol = 1e-14)
B <- 2000
set.seed(20261124)
v <- rms::validate(fit, B = B)
set.seed(20261125)
cal <- rms::calibrate(fit, B = B)
predicted <- attr(cal, "predicted")
s <- !is.na(cal[, "predy"] + cal[, "calibrated.corrected"])
err <- predicted - approxExtrap(cal[s, "predy"], cal[s, "calibrated.corrected"],
                                xout = predicted, ties = mean)$y
rows <- rownames(v)
validate_out <- lapply(seq_along(rows), function(i) list(
  name = rows[i], index_orig = v[i, "index.orig"], training = v[i, "training"],
  test = v[i, "test"], optimism = v[i, "optimism"], index_corrected = v[i, "index.corrected"],
  n = v[i, "n"]))
res <- list(
  meta = list(r = R.version.string, rms = as.character(packageVersion("rms")),
              script = "scripts/calibration_bootstrap.R", B = B,
              model = "lrm(Poor ~ age + gender + s100b + ndka, data = aSAH)"),
  validate = validate_out,
  calibrate = list(
    predy = unname(cal[, "predy"]),
    calibrated_orig = unname(cal[, "calibrated.orig"]),
    calibrated_corrected = unname(cal[, "calibrated.corrected"]),
    optimism = unname(cal[, "optimism"]),
    mean_abs_error = mean(abs(err)),
    quantile90_signed_error = unname(quantile(err, 0.9, na.rm = TRUE)),
    quantile90_abs_error = unname(quantile(abs(err), 0.9, na.rm = TRUE))))
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), out)
