# The hcc_nomogram workflow as an R script: the same steps as
# `nomo run data/hcc_nomogram/analysis.toml` (derive, Table 1 tests, Youden cutoffs, univariate
# screen, cv.glmnet, step(), three models with ROC and DeLong tests, val.prob, Hosmer-Lemeshow,
# rms::validate with B = 200, decision curve, risk groups with KM/log-rank/Cox, subgroup AUCs,
# Kruskal-Wallis, ICC and kappa). Used by scripts/bench/run.sh for timing only.
# Usage: Rscript scripts/bench/run_workflow.R data/hcc_nomogram.csv data/hcc_readers.csv
suppressPackageStartupMessages({
  library(pROC); library(glmnet); library(rms); library(survival); library(psych)
})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
readers <- read.csv(args[2], stringsAsFactors = FALSE)
d <- within(d, {
  t2sir_pre <- t2_tumor_pre / t2_muscle_pre; t2sir_post <- t2_tumor_post / t2_muscle_post
  adc_het_pre <- (adc_max_pre - adc_min_pre) / adc_mean_pre
  adc_het_post <- (adc_max_post - adc_min_post) / adc_mean_post
  nlr <- neutrophils / lymphocytes; lmr <- lymphocytes / monocytes; aapr <- albumin / alp
  siri <- neutrophils * monocytes / lymphocytes; piv <- platelets * neutrophils * monocytes / lymphocytes
  sii <- platelets * neutrophils / lymphocytes; ag_ratio <- albumin / globulin
  sex_male <- as.numeric(sex == "M"); y <- as.numeric(response == "progression")
})
cand <- c("sex_male", "age", "t2sir_pre", "t2sir_post", "adc_mean_pre", "adc_mean_post",
  "adc_max_post", "adc_min_post", "adc_het_pre", "adc_het_post", "diam_pre", "diam_post",
  "pvtt", "capsule", "necrosis", "afp", "alp", "ag_ratio", "neutrophils", "lymphocytes",
  "monocytes", "nlr", "lmr", "aapr", "siri", "piv", "sii")
# Table 1
for (v in c("age", "t2sir_post", "adc_mean_post", "nlr", "diam_pre", "afp")) {
  shapiro.test(d[[v]]); t.test(d[[v]] ~ d$response); wilcox.test(d[[v]] ~ d$response, exact = FALSE)
}
for (v in c("sex", "etiology", "child_pugh", "treatment", "pvtt")) {
  tab <- table(d[[v]], d$response); suppressWarnings(chisq.test(tab)); fisher.test(tab)
}
# Youden cutoffs
for (v in cand[sapply(cand, function(v) length(unique(d[[v]])) > 2)]) {
  r <- roc(d$y, d[[v]], quiet = TRUE); coords(r, "best", best.method = "youden")
}
# univariate screen
uni <- sapply(cand, function(v) summary(glm(reformulate(v, "y"), binomial, d))$coefficients[2, 4])
# LASSO
foldid <- ((seq_len(nrow(d)) - 1) %% 10) + 1
cv <- cv.glmnet(as.matrix(d[, cand]), d$y, family = "binomial", foldid = foldid, type.measure = "deviance")
# stepwise
entered <- cand[uni < 0.1]
st <- step(glm(reformulate(entered, "y"), binomial, d), direction = "both", trace = 0)
confint(st)
# models
m_img <- glm(y ~ t2sir_post + adc_mean_post, binomial, d)
m_cli <- glm(y ~ nlr, binomial, d)
m_com <- glm(y ~ t2sir_post + adc_mean_post + nlr, binomial, d)
m_t2 <- glm(y ~ t2sir_post, binomial, d)
for (m in list(m_img, m_cli, m_com)) confint(m)
r_img <- roc(d$y, fitted(m_img), quiet = TRUE); r_cli <- roc(d$y, fitted(m_cli), quiet = TRUE)
r_com <- roc(d$y, fitted(m_com), quiet = TRUE); r_t2 <- roc(d$y, fitted(m_t2), quiet = TRUE)
for (r in list(r_img, r_cli, r_com, r_t2)) { ci.auc(r); coords(r, "best", ret = c("threshold", "sensitivity", "specificity", "ppv", "npv")) }
roc.test(r_com, r_img); roc.test(r_com, r_cli); roc.test(r_img, r_cli); roc.test(r_img, r_t2)
# calibration
p <- fitted(m_com)
invisible(val.prob(p, d$y, pl = FALSE))
g <- cut(p, unique(quantile(p, seq(0, 1, 0.1))), include.lowest = TRUE)
obs <- tapply(d$y, g, sum); ex <- tapply(p, g, sum); n <- tapply(p, g, length)
hl <- sum((obs - ex)^2 / ex + ((n - obs) - (n - ex))^2 / (n - ex))
f <- lrm(y ~ t2sir_post + adc_mean_post + nlr, data = d, x = TRUE, y = TRUE)
set.seed(1); validate(f, B = 200); calibrate(f, B = 200)
# decision curve
th <- seq(0.01, 0.99, 0.01)
nb <- sapply(th, function(t) { tp <- sum(p >= t & d$y == 1); fp <- sum(p >= t & d$y == 0); tp / nrow(d) - fp / nrow(d) * t / (1 - t) })
# risk groups
cut_y <- coords(r_com, "best", ret = "threshold")$threshold
d$risk <- factor(ifelse(p >= cut_y, "high", "low"), c("low", "high"))
km <- survfit(Surv(pfs_months, pfs_event) ~ risk, d); summary(km)
survdiff(Surv(pfs_months, pfs_event) ~ risk, d)
summary(coxph(Surv(pfs_months, pfs_event) ~ risk, d))
# subgroups and Kruskal-Wallis
ra <- roc(d$y[d$child_pugh == "A"], p[d$child_pugh == "A"], quiet = TRUE)
rb <- roc(d$y[d$child_pugh == "B"], p[d$child_pugh == "B"], quiet = TRUE)
roc.test(ra, rb)
kruskal.test(p ~ factor(d$treatment))
# agreement
suppressMessages(ICC(readers[, c("adc_mean_post_r1", "adc_mean_post_r2")], lmer = FALSE))
cohen.kappa(readers[, c("capsule_r1", "capsule_r2")])
