# Figure-input fixtures for crates/plot that the shared R references lack:
# ROC curves of three asah markers with a bootstrap sensitivity band (pROC), the calibration
# curves of the asah logistic model (rms val.prob lowess and calibrate's bias-corrected curve,
# decile groups with Clopper-Pearson CIs), the rms nomogram of the hcc combined model, and a
# Spearman correlation screen of radiomics features against blood markers (BH-adjusted).
# Usage (from the workspace root): Rscript scripts/plot_fixtures.R [output dir]
suppressMessages({library(pROC); library(rms); library(jsonlite)})
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "crates/plot/tests/fixtures"
w <- function(x, f) write(toJSON(x, auto_unbox = TRUE, digits = NA, null = "null", na = "null"),
                         file.path(out, f))

asah <- read.csv("data/asah.csv")
asah$y <- as.integer(asah$outcome == "Poor")

# ROC --------------------------------------------------------------------------------------
curve <- function(r, label) {
  ci <- ci.auc(r, method = "delong")
  b <- coords(r, "best", best.method = "youden", ret = c("threshold", "specificity", "sensitivity"))
  list(label = label, specificity = rev(r$specificities), sensitivity = rev(r$sensitivities),
       auc = as.numeric(r$auc), ci_lower = ci[1], ci_upper = ci[3],
       youden = list(threshold = b$threshold[1], specificity = b$specificity[1],
                     sensitivity = b$sensitivity[1]))
}
rs <- roc(asah$outcome, asah$s100b, levels = c("Good", "Poor"), quiet = TRUE)
set.seed(20240611)
sp <- seq(0, 1, by = 0.05)
band <- ci.se(rs, specificities = sp, boot.n = 500, progress = "none")
s100b <- curve(rs, "S100B")
s100b$band <- list(specificity = sp, sensitivity_lower = unname(band[, 1]),
                   sensitivity_upper = unname(band[, 3]))
w(list(curves = list(
  s100b,
  curve(roc(asah$outcome, asah$wfns, levels = c("Good", "Poor"), quiet = TRUE), "WFNS"),
  curve(roc(asah$outcome, asah$ndka, levels = c("Good", "Poor"), quiet = TRUE), "NDKA"))),
  "roc.json")

# Calibration ------------------------------------------------------------------------------
dd <- datadist(asah); options(datadist = "dd")
fit <- lrm(y ~ age + gender + s100b + ndka, data = asah, x = TRUE, y = TRUE)
p <- plogis(predict(fit))
vp <- val.prob(p, asah$y, pl = FALSE)
lw <- lowess(p, asah$y, iter = 0)
set.seed(20240611)
cal <- calibrate(fit, B = 200)
g <- cut(p, unique(quantile(p, seq(0, 1, 0.1))), include.lowest = TRUE)
grp <- lapply(split(seq_along(p), g), function(i) {
  bt <- binom.test(sum(asah$y[i]), length(i))
  list(predicted = mean(p[i]), observed = mean(asah$y[i]),
       lower = bt$conf.int[1], upper = bt$conf.int[2])
})
hl <- local({
  o <- tapply(asah$y, g, sum); e <- tapply(p, g, sum); n <- tapply(p, g, length)
  chi <- sum((o - e)^2 / e + ((n - o) - (n - e))^2 / (n - e))
  pchisq(chi, 8, lower.tail = FALSE)
})
w(list(apparent = list(x = lw$x, y = lw$y),
       bias_corrected = list(x = unname(cal[, "predy"]), y = unname(cal[, "calibrated.corrected"])),
       groups = unname(grp), predictions = unname(p),
       stats = list(intercept = unname(vp["Intercept"]), slope = unname(vp["Slope"]),
                    brier = unname(vp["Brier"]), hosmer_lemeshow_p = hl)),
  "calibration.json")

# Nomogram ---------------------------------------------------------------------------------
hcc <- read.csv("data/hcc_nomogram.csv")
hcc$y <- as.integer(hcc$response == "progression")
hcc$t2sir_post <- hcc$t2_tumor_post / hcc$t2_muscle_post
hcc$nlr <- hcc$neutrophils / hcc$lymphocytes
hcc$child_pugh <- factor(hcc$child_pugh)
dd <- datadist(hcc); options(datadist = "dd")
nfit <- lrm(y ~ t2sir_post + adc_mean_post + nlr + child_pugh, data = hcc)
nom <- nomogram(nfit, fun = plogis, funlabel = "Risk of progression",
                fun.at = c(0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95), lp = TRUE)
labels <- c(t2sir_post = "T2 SIR (post)", adc_mean_post = "ADC mean (post)", nlr = "NLR",
            child_pugh = "Child\u2013Pugh class")
preds <- lapply(names(labels), function(v) {
  a <- nom[[v]]
  list(name = unname(labels[v]), positions = unname(a$points),
       labels = as.character(a[[v]]))
})
scale <- function(a, name) list(name = name, positions = unname(a$x),
                                 labels = format(a$x.real, trim = TRUE, drop0trailing = TRUE))
tp <- nom$total.points
w(list(predictors = preds, total_points = list(max = max(tp$x), ticks = unname(tp$x)),
       outcome_scales = list(scale(nom$lp, "Linear Predictor"),
                             scale(nom[["Risk of progression"]], "Risk of progression"))),
  "nomogram.json")

# Correlation heatmap ----------------------------------------------------------------------
rad <- read.csv("data/hcc_radiomics.csv")
feats <- grep("^rad_", names(rad), value = TRUE)[1:12]
marks <- c("neutrophils", "lymphocytes", "monocytes", "platelets", "albumin", "globulin", "alp", "afp")
r <- matrix(NA, length(feats), length(marks)); pv <- r
for (i in seq_along(feats)) for (j in seq_along(marks)) {
  ct <- suppressWarnings(cor.test(rad[[feats[i]]], rad[[marks[j]]], method = "spearman", exact = FALSE))
  r[i, j] <- ct$estimate; pv[i, j] <- ct$p.value
}
q <- matrix(p.adjust(pv, "BH"), nrow(pv))
w(list(row_labels = feats, col_labels = marks,
       values = lapply(seq_len(nrow(r)), function(i) r[i, ]),
       significant = lapply(seq_len(nrow(q)), function(i) q[i, ] < 0.05),
       legend_title = "Spearman \u03c1", note = "\u2022 FDR q < 0.05 (Benjamini\u2013Hochberg)"),
  "heatmap.json")

# LASSO coefficient paths ------------------------------------------------------------------
# The binomial LASSO of hcc_nomogram.json (27 candidates, its lambda sequence): every
# coefficient's path on the original scale, as plot.glmnet draws it.
suppressMessages(library(glmnet))
d <- read.csv("data/hcc_nomogram.csv")
source("scripts/derived_indices.R")
d <- add_derived(d)
d$sex_male <- as.integer(d$sex == "M")
ref <- fromJSON("crates/testdata/reference/hcc_nomogram.json")
cv <- ref$lasso_binomial_deviance
x <- as.matrix(d[, ref$candidates])
y <- as.integer(d$response == "progression")
fit <- glmnet(x, y, family = "binomial", lambda = cv$lambda, thresh = 1e-12)
beta <- as.matrix(fit$beta)
keep <- rownames(beta)[apply(beta != 0, 1, any)]
w(list(lambda = fit$lambda, nzero = unname(fit$df),
       coefficients = lapply(keep, function(f) list(name = f, values = unname(beta[f, ]))),
       label_count = 6L, lambda_min = cv$lambda_min, lambda_1se = cv$lambda_1se),
  "lasso_path.json")
