#!/usr/bin/env Rscript
# Writes crates/roc/tests/fixtures/roc_fixtures.json: R (pROC 1.18) values that the shared
# references lack, for nomo-roc's agreement tests.
#   Rscript scripts/roc_fixtures.R [output.json]
# Run from the workspace root. Contents:
#   hcc_predictions  per-patient fitted probabilities of the hcc models (glm, epsilon 1e-14)
#   joint            DeLong (1988) chi-square test that k >= 3 correlated AUCs are equal, built in R
#                    from pROC's own DeLong placements (pROC has no such test)
#   paired           roc.test(method = "delong", paired) for each alternative, with the CI of the difference
#   partial          auc(partial.auc = ..., partial.auc.focus, partial.auc.correct)
#   best             coords(..., "best") with best.method and best.weights, every tied threshold
#   coords           coords at a threshold with Clopper-Pearson (binom.test) CIs
#   bootstrap        ci.auc / roc.test / ci.coords by stratified bootstrap (Monte-Carlo: compare loosely)
suppressPackageStartupMessages({ library(pROC); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "crates/roc/tests/fixtures/roc_fixtures.json"
set.seed(20261124)

asah <- read.csv("data/asah.csv")
hcc <- read.csv("data/hcc_nomogram.csv")
hcc$y <- as.integer(hcc$response == "progression")
hcc$t2sir_post <- hcc$t2_tumor_post / hcc$t2_muscle_post
hcc$nlr <- hcc$neutrophils / hcc$lymphocytes
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
fit <- function(f) as.numeric(fitted(glm(f, family = binomial, data = hcc, control = ctl)))
pred <- list(
  imaging = fit(y ~ t2sir_post + adc_mean_post),
  clinical = fit(y ~ nlr),
  combined = fit(y ~ t2sir_post + adc_mean_post + nlr),
  t2sir_post = fit(y ~ t2sir_post)
)

mkroc <- function(y, x, ...) roc(y, x, levels = c(0, 1), quiet = TRUE, ...)
asah$y <- as.integer(asah$outcome == "Poor")

joint <- function(rocs) {
  pl <- lapply(rocs, pROC:::delongPlacements)
  theta <- sapply(pl, function(p) p$theta)
  X <- sapply(pl, function(p) p$X)  # cases x k (V10)
  Y <- sapply(pl, function(p) p$Y)  # controls x k (V01)
  S <- cov(X) / nrow(X) + cov(Y) / nrow(Y)
  k <- length(theta)
  L <- cbind(diag(k - 1), 0) - cbind(0, diag(k - 1))
  d <- L %*% theta
  chisq <- as.numeric(t(d) %*% solve(L %*% S %*% t(L)) %*% d)
  df <- qr(L)$rank
  list(auc = theta, covariance = unname(split(S, row(S))), chisq = chisq, df = df,
       p = pchisq(chisq, df, lower.tail = FALSE))
}

paired <- function(r1, r2) {
  lapply(c(two.sided = "two.sided", less = "less", greater = "greater"), function(alt) {
    t <- roc.test(r1, r2, method = "delong", paired = TRUE, alternative = alt)
    list(z = unname(t$statistic), p = t$p.value, difference = unname(t$estimate[1] - t$estimate[2]),
         ci_lower = t$conf.int[1], ci_upper = t$conf.int[2])
  })
}

partial <- function(r) {
  grid <- list(c(1, 0.8), c(0.9, 0.5), c(0.95, 0.7), c(0.8, 0.79))
  res <- list()
  for (focus in c("specificity", "sensitivity")) for (g in grid) {
    raw <- as.numeric(auc(r, partial.auc = g, partial.auc.focus = focus))
    cor <- suppressWarnings(as.numeric(auc(r, partial.auc = g, partial.auc.focus = focus,
                                           partial.auc.correct = TRUE)))
    res[[length(res) + 1]] <- list(focus = focus, from = g[1], to = g[2], pauc = raw,
                                   corrected = if (is.na(cor)) NULL else cor)
  }
  res
}

best <- function(r) {
  res <- list()
  for (m in c("youden", "closest.topleft")) for (w in list(c(1, 0.5), c(2, 0.3), c(0.5, 0.6))) {
    cc <- coords(r, "best", best.method = m, best.weights = w, transpose = FALSE,
                 ret = c("threshold", "sensitivity", "specificity"))
    res[[length(res) + 1]] <- list(method = m, cost = w[1], prevalence = w[2],
                                   threshold = cc$threshold, sensitivity = cc$sensitivity,
                                   specificity = cc$specificity)
  }
  res
}

coords_at <- function(r, t) {
  cc <- coords(r, t, input = "threshold", transpose = FALSE,
               ret = c("tp", "fp", "tn", "fn", "sensitivity", "specificity", "ppv", "npv", "accuracy", "youden"))
  cp <- function(x, n) binom.test(x, n)$conf.int[1:2]
  list(threshold = t, tp = cc$tp, fp = cc$fp, tn = cc$tn, fn = cc$fn,
       sensitivity = cc$sensitivity, specificity = cc$specificity, ppv = cc$ppv, npv = cc$npv,
       accuracy = cc$accuracy, youden = cc$youden,
       sensitivity_ci = cp(cc$tp, cc$tp + cc$fn), specificity_ci = cp(cc$tn, cc$tn + cc$fp),
       ppv_ci = cp(cc$tp, cc$tp + cc$fp), npv_ci = cp(cc$tn, cc$tn + cc$fn),
       accuracy_ci = cp(cc$tp + cc$tn, cc$tp + cc$tn + cc$fp + cc$fn))
}

r_s100b <- mkroc(asah$y, asah$s100b)
r_wfns <- mkroc(asah$y, asah$wfns)
r_ndka <- mkroc(asah$y, asah$ndka)
h <- lapply(pred, function(p) mkroc(hcc$y, p))
r_age <- mkroc(hcc$y, hcc$age)

B <- 20000
boot <- list(
  s100b_ci_auc = as.numeric(ci.auc(r_s100b, method = "bootstrap", boot.n = B, boot.stratified = TRUE)),
  wfns_vs_s100b = {
    t <- roc.test(r_wfns, r_s100b, method = "bootstrap", boot.n = B, boot.stratified = TRUE)
    list(statistic = unname(t$statistic), p = t$p.value)
  },
  s100b_coords_0.205 = {
    cc <- ci.coords(r_s100b, 0.205, input = "threshold", boot.n = B, boot.stratified = TRUE,
                    ret = c("sensitivity", "specificity", "ppv", "npv", "accuracy"))
    lapply(cc, function(m) as.numeric(m[1, c(1, 3)]))
  },
  boot_n = B
)

res <- list(
  meta = list(r = R.version.string, pROC = as.character(packageVersion("pROC")),
              script = "scripts/roc_fixtures.R"),
  # 17 significant digits, so that midpoint thresholds computed from them are R's own
  hcc_predictions = lapply(pred, function(x)
    structure(paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]"), class = "json")),
  joint = list(asah_wfns_s100b_ndka = joint(list(r_wfns, r_s100b, r_ndka)),
               hcc_combined_imaging_clinical = joint(list(h$combined, h$imaging, h$clinical)),
               hcc_four = joint(list(h$combined, h$imaging, h$clinical, h$t2sir_post))),
  paired = list(asah_wfns_vs_s100b = paired(r_wfns, r_s100b),
                hcc_combined_vs_clinical = paired(h$combined, h$clinical)),
  partial = list(s100b = partial(r_s100b), wfns = partial(r_wfns), hcc_age = partial(r_age)),
  best = list(s100b = best(r_s100b), wfns = best(r_wfns), ndka = best(r_ndka)),
  coords = list(s100b = list(coords_at(r_s100b, 0.205), coords_at(r_s100b, 0.13), coords_at(r_s100b, 0.5)),
                hcc_age = list(coords_at(r_age, 51.5), coords_at(r_age, 60))),
  bootstrap = boot
)
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE, json_verbatim = TRUE), out)
