# Fixtures for crates/survival/tests (cox.zph, RMST, trend test, stratified and rho = 0.5
# tests, plain CIs at level 0.9, tables at requested times, quantiles, predicted survival).
# Usage: Rscript scripts/survival_fixtures.R crates/survival/tests/fixtures/lung_extra.json
# Data: data/lung.csv (survival's lung). R 4.2.2, survival 3.5-3, jsonlite.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "crates/survival/tests/fixtures/lung_extra.json"
lung <- read.csv("data/lung.csv")
lung$event <- as.integer(lung$status == 2)
ctl <- coxph.control(eps = 1e-14, iter.max = 100, toler.chol = .Machine$double.eps^0.75)

zph <- function(ties) {
  cc <- lung[!is.na(lung$ph.ecog), ]
  fit <- coxph(Surv(time, event) ~ age + sex + ph.ecog, data = cc, ties = ties, control = ctl)
  z <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)
  list(ties = ties, terms = rownames(z$table), chisq = unname(z$table[, "chisq"]),
       df = unname(z$table[, "df"]), p = unname(z$table[, "p"]))
}

km_sex <- survfit(Surv(time, event) ~ sex, data = lung)
rmst_tab <- summary(km_sex, rmean = 365)$table
rmst <- list(tau = 365, rmean = unname(rmst_tab[, "rmean"]), se = unname(rmst_tab[, "se(rmean)"]))

quant <- quantile(km_sex, probs = c(0.25, 0.5, 0.75))
quantiles <- list(probs = c(0.25, 0.5, 0.75),
                  quantile = unname(quant$quantile), lower = unname(quant$lower),
                  upper = unname(quant$upper))

cc <- lung[!is.na(lung$ph.ecog), ]
sd_ecog <- survdiff(Surv(time, event) ~ ph.ecog, data = cc)
s <- seq_along(sd_ecog$obs)
u <- sum(s * (sd_ecog$obs - sd_ecog$exp))
v <- drop(t(s) %*% sd_ecog$var %*% s)
trend <- list(scores = s, statistic = u, variance = v, chisq = u^2 / v,
              p = pchisq(u^2 / v, 1, lower.tail = FALSE))

strat <- survdiff(Surv(time, event) ~ sex + strata(ph.ecog), data = cc)
strat_l <- list(chisq = strat$chisq, observed = as.vector(rowSums(as.matrix(strat$obs))),
                expected = as.vector(rowSums(as.matrix(strat$exp))),
                p = pchisq(strat$chisq, 1, lower.tail = FALSE))
fh <- survdiff(Surv(time, event) ~ sex, data = lung, rho = 0.5)
fh_l <- list(rho = 0.5, chisq = fh$chisq, observed = fh$obs, expected = fh$exp)

plain <- survfit(Surv(time, event) ~ 1, data = lung, conf.type = "plain", conf.int = 0.9)
ps <- summary(plain, censored = TRUE)
plain_l <- list(time = ps$time, surv = ps$surv, std_err = ps$std.err, lower = ps$lower, upper = ps$upper)

tt <- summary(km_sex, times = c(90, 180, 365, 730, 1000))
times_l <- list(strata = as.character(tt$strata), time = tt$time, n_risk = tt$n.risk,
                n_event = tt$n.event, n_censor = tt$n.censor, surv = tt$surv,
                std_err = tt$std.err, lower = tt$lower, upper = tt$upper)

fit <- coxph(Surv(time, event) ~ age + sex + ph.ecog, data = cc, control = ctl)
nd <- cc[1:3, c("age", "sex", "ph.ecog")]
sf <- survfit(fit, newdata = nd)
pr <- summary(sf, times = c(180, 365))
predicted <- list(newdata = lapply(seq_len(nrow(nd)), function(i) unname(unlist(nd[i, ]))),
                  times = c(180, 365), surv = unname(pr$surv))

res <- list(meta = list(r = R.version.string, survival = as.character(packageVersion("survival"))),
            zph_efron = zph("efron"), zph_breslow = zph("breslow"), rmst_sex = rmst,
            quantiles_sex = quantiles, trend_ecog = trend, stratified_sex_by_ecog = strat_l,
            fh_rho_half_sex = fh_l, km_plain_90 = plain_l, km_sex_times = times_l,
            predicted_efron = predicted)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), out)
