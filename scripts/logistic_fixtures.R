# Fixtures for crates/logistic/tests that the shipped R references lack:
# SPSS-style p-value stepwise (score-test entry, LR removal), rms::vif, predictions with
# delta-method CIs, and rms::nomogram points.
# Usage: Rscript scripts/logistic_fixtures.R [output.json]
#   default output: crates/logistic/tests/fixtures/logistic_fixtures.json (run from the root)
suppressMessages({library(rms); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "crates/logistic/tests/fixtures/logistic_fixtures.json"
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

d <- read.csv("data/hcc_nomogram.csv")
d$y <- as.integer(d$response == "progression")
source("scripts/derived_indices.R")
d <- add_derived(d)
candidates <- c("sex_male", "age", "t2sir_pre", "t2sir_post", "adc_mean_pre", "adc_mean_post",
  "adc_max_post", "adc_min_post", "adc_het_pre", "adc_het_post", "diam_pre", "diam_post", "pvtt",
  "capsule", "necrosis", "afp", "alp", "ag_ratio", "neutrophils", "lymphocytes", "monocytes",
  "nlr", "lmr", "aapr", "siri", "piv", "sii")
entered <- c("t2sir_pre", "t2sir_post", "adc_mean_pre", "adc_mean_post", "adc_max_post",
  "adc_min_post", "adc_het_post", "neutrophils", "nlr", "lmr", "siri", "piv", "sii")

fitm <- function(vars) {
  f <- reformulate(if (length(vars)) vars else "1", "y")
  eval(bquote(glm(.(f), family = binomial, data = d, control = ctl)))
}

# SPSS LOGISTIC REGRESSION /METHOD=FSTEP(LR) or BSTEP(LR) with PIN 0.05, POUT 0.10:
# entry by Rao score test (add1 test = "Rao"), removal by LR test (drop1 test = "LRT");
# ties go to the first listed; stop when a model recurs.
spss_step <- function(scope, start, forward, pin = 0.05, pout = 0.10) {
  current <- start
  steps <- list()
  seen <- list(sort(current))
  recur <- function() { k <- sort(current); r <- any(vapply(seen, identical, TRUE, k)); seen[[length(seen) + 1]] <<- k; r }
  entry <- function() {
    elig <- setdiff(scope, current)
    if (!length(elig)) return(NULL)
    a <- add1(fitm(current), scope = reformulate(c(current, elig)), test = "Rao")[-1, , drop = FALSE]
    i <- which.min(a[, "Pr(>Chi)"])
    list(var = rownames(a)[i], stat = a[i, "Rao score"], p = a[i, "Pr(>Chi)"])
  }
  removal <- function() {
    if (!length(current)) return(NULL)
    dr <- drop1(fitm(current), test = "LRT")[-1, , drop = FALSE]
    i <- which.max(dr[, "Pr(>Chi)"])
    list(var = rownames(dr)[i], stat = dr[i, "LRT"], p = dr[i, "Pr(>Chi)"])
  }
  add <- function(e) { current <<- c(current, e$var); steps[[length(steps) + 1]] <<- list(action = paste("+", e$var), statistic = e$stat, p = e$p) }
  del <- function(r) { current <<- setdiff(current, r$var); steps[[length(steps) + 1]] <<- list(action = paste("-", r$var), statistic = r$stat, p = r$p) }
  repeat {
    if (forward) {
      e <- entry()
      if (is.null(e) || e$p >= pin) break
      add(e); if (recur()) break
    }
    stop_all <- FALSE
    repeat {
      r <- removal()
      if (is.null(r) || r$p <= pout) break
      del(r); if (recur()) { stop_all <- TRUE; break }
    }
    if (stop_all) break
    if (!forward) {
      e <- entry()
      if (is.null(e) || e$p >= pin) break
      add(e); if (recur()) break
    }
  }
  list(selected = current, steps = steps)
}

fwd <- spss_step(candidates, character(), TRUE)
bwd <- spss_step(entered, entered, FALSE)

# VIF (rms::vif on the glm: correlation of the non-intercept covariance, inverted)
step_vars <- c("t2sir_post", "adc_mean_pre", "adc_mean_post", "adc_max_post", "neutrophils", "siri", "piv")
vif_step <- rms::vif(fitm(step_vars))

# predictions with delta-method CI on the logit scale
comb <- fitm(c("t2sir_post", "adc_mean_post", "nlr"))
newd <- rbind(d[1:5, c("t2sir_post", "adc_mean_post", "nlr")],
              data.frame(t2sir_post = c(1, 4), adc_mean_post = c(0.7, 1.5), nlr = c(8, 0.5)))
pr <- predict(comb, newdata = newd, type = "link", se.fit = TRUE)
z <- qnorm(0.975)
pred <- list(rows = unname(as.matrix(newd)), linear_predictor = unname(pr$fit),
             se = unname(pr$se.fit), probability = unname(plogis(pr$fit)),
             lower = unname(plogis(pr$fit - z * pr$se.fit)), upper = unname(plogis(pr$fit + z * pr$se.fit)))

# rms nomograms: hcc combined (continuous) and asah (with a factor)
nomo_json <- function(f, vars) {
  nom <- nomogram(f, fun = plogis, funlabel = "Risk")
  info <- attr(nom, "info")
  axes <- lapply(vars, function(v) list(variable = v, values = if (is.factor(nom[[v]][[v]])) as.character(nom[[v]][[v]]) else nom[[v]][[v]],
                                          points = unname(nom[[v]]$points), xbeta = unname(nom[[v]]$Xbeta)))
  list(points_per_lp = info$sc, intercept = unname(info$Intercept), axes = axes,
       total_points_ticks = nom$total.points$x, lp_ticks = nom$lp$x.real, lp_ticks_points = nom$lp$x)
}
dd <- datadist(d); options(datadist = "dd")
f_comb <- lrm(y ~ t2sir_post + adc_mean_post + nlr, data = d, tol = 1e-14)
nom_comb <- nomo_json(f_comb, c("t2sir_post", "adc_mean_post", "nlr"))
# per-patient total points: sum over variables of sc * (beta x - min over the axis)
R <- attr(nomogram(f_comb, fun = plogis), "info")$R
b <- coef(f_comb)[-1]
X <- as.matrix(d[, c("t2sir_post", "adc_mean_post", "nlr")])
nom_comb$patient_points <- unname(as.vector(nom_comb$points_per_lp * (sweep(X, 2, b, "*") - matrix(R[1, ], nrow(X), 3, byrow = TRUE)) %*% rep(1, 3)))

a <- read.csv("data/asah.csv")
a$y <- as.integer(a$outcome == "Poor")
a$gender <- factor(a$gender, levels = c("Female", "Male"))
dd <- datadist(a); options(datadist = "dd")
f_asah <- lrm(y ~ age + gender + s100b + ndka, data = a, tol = 1e-14)
nom_asah <- nomo_json(f_asah, c("age", "gender", "s100b", "ndka"))

# R's step: forward from the null model within the entered scope (AIC), backward (AIC),
# both directions with BIC (k = log n); drop1 LR tests of the stepwise model
upper <- reformulate(entered, "y")
step_sel <- function(fit, ...) attr(terms(step(fit, trace = 0, ...)), "term.labels")
step_fwd <- step_sel(fitm(character()), scope = list(lower = ~1, upper = upper), direction = "forward")
step_bwd <- step_sel(fitm(entered), direction = "backward")
step_bic <- step_sel(fitm(entered), direction = "both", k = log(nrow(d)))
step_bic_fwd <- step_sel(fitm(character()), scope = list(lower = ~1, upper = upper), direction = "both", k = log(nrow(d)))
dr <- drop1(fitm(step_vars), test = "LRT")[-1, ]
drop1_json <- list(variables = rownames(dr), deviance = unname(dr$Deviance), aic = unname(dr$AIC),
                   lr_chisq = unname(dr$LRT), p = unname(dr[, "Pr(>Chi)"]))

res <- list(
  meta = list(script = "scripts/logistic_fixtures.R", r = R.version.string,
              rms = as.character(packageVersion("rms"))),
  spss_forward = list(scope = candidates, selected = fwd$selected, steps = fwd$steps),
  spss_backward = list(scope = entered, selected = bwd$selected, steps = bwd$steps),
  vif = list(terms = step_vars, vif = unname(vif_step)),
  step_aic_forward = step_fwd, step_aic_backward = step_bwd, step_bic_both = step_bic,
  step_bic_both_from_null = step_bic_fwd, drop1 = drop1_json,
  prediction = pred,
  nomogram_combined = nom_comb,
  nomogram_asah = nom_asah)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = TRUE), out)
