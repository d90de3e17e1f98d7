# Fixtures for crates/describe (nomo-describe): the tests the shipped R references lack.
# Usage: Rscript scripts/describe_fixtures.R [out.json]
#   default output: crates/describe/tests/fixtures/describe_fixtures.json
# Run from the project root (reads data/*.csv). R 4.2 with psych and jsonlite.
suppressMessages({
  library(psych)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "crates/describe/tests/fixtures/describe_fixtures.json"

asah <- read.csv("data/asah.csv")
hcc <- read.csv("data/hcc_nomogram.csv")
rad <- read.csv("data/hcc_radiomics.csv")

# ---- k-group continuous tests: one-way ANOVA and Kruskal–Wallis ----
kgroup <- function(data, var, by) {
  x <- data[[var]]; g <- factor(data[[by]])
  ok <- !is.na(x) & !is.na(g)
  x <- x[ok]; g <- droplevels(g[ok])
  a <- anova(lm(x ~ g))  # oneway.test refuses groups of one value; the F-test is the same
  k <- kruskal.test(x, g)
  list(data = data_name, variable = var, by = by,
       anova_f = a$`F value`[1], anova_df1 = a$Df[1],
       anova_df2 = a$Df[2], anova_p = a$`Pr(>F)`[1],
       kw_statistic = unname(k$statistic), kw_df = unname(k$parameter), kw_p = k$p.value)
}
data_name <- "asah.csv"
kgroups <- list(kgroup(asah, "s100b", "wfns"), kgroup(asah, "ndka", "wfns"),
                kgroup(asah, "age", "wfns"))
data_name <- "hcc_nomogram.csv"
kgroups <- c(kgroups, list(kgroup(hcc, "afp", "treatment"), kgroup(hcc, "age", "etiology")))

# ---- two-group tests on other data (ties in wfns) ----
twogroup <- function(data, var, by) {
  x <- data[[var]]; g <- factor(data[[by]])
  lv <- levels(g)
  a <- x[g == lv[1] & !is.na(x)]; b <- x[g == lv[2] & !is.na(x)]
  list(data = data_name, variable = var, by = by,
       welch_p = t.test(a, b)$p.value, welch_t = unname(t.test(a, b)$statistic),
       welch_df = unname(t.test(a, b)$parameter),
       student_p = t.test(a, b, var.equal = TRUE)$p.value,
       wilcoxon_w = unname(wilcox.test(a, b, exact = FALSE)$statistic),
       wilcoxon_p = wilcox.test(a, b, exact = FALSE)$p.value)
}
data_name <- "asah.csv"
twogroups <- list(twogroup(asah, "wfns", "outcome"), twogroup(asah, "s100b", "gender"),
                  twogroup(asah, "age", "outcome"))

# ---- contingency tables: chi-square and Fisher (2x2 and r x c) ----
ctab <- function(data, row, col) {
  t <- table(data[[row]], data[[col]])
  list(data = data_name, row = row, col = col,
       counts = unname(lapply(seq_len(nrow(t)), function(i) as.numeric(t[i, ]))),
       chisq_statistic = unname(suppressWarnings(chisq.test(t))$statistic),
       chisq_p = suppressWarnings(chisq.test(t))$p.value,
       fisher_p = fisher.test(t)$p.value)
}
data_name <- "asah.csv"
tables <- list(ctab(asah, "wfns", "outcome"), ctab(asah, "wfns", "gender"),
               ctab(asah, "gender", "outcome"))
data_name <- "hcc_nomogram.csv"
tables <- c(tables, list(ctab(hcc, "etiology", "treatment"), ctab(hcc, "child_pugh", "etiology"),
                         ctab(hcc, "necrosis", "capsule")))

# ---- Shapiro–Wilk at small n (n = 3 exact branch, 4..11, 12+) ----
sw_samples <- list(c(2.1, 3.5, 4.0), c(1, 2, 4, 8), c(5.1, 4.9, 6.2, 5.8, 7.0),
                   c(3, 1, 4, 1, 5, 9, 2, 6), c(10.2, 11.5, 9.8, 12.1, 10.9, 11.1, 30, 10.4, 9.9, 10.0, 11.8),
                   asah$s100b[1:12], asah$age)
shapiro <- lapply(sw_samples, function(x) {
  s <- shapiro.test(x); list(x = x, w = unname(s$statistic), p = s$p.value)
})

# ---- weighted kappa on ordinal ratings (4 categories) ----
set.seed(20261124)
r1 <- sample(1:4, 80, replace = TRUE, prob = c(0.2, 0.3, 0.3, 0.2))
r2 <- pmin(4, pmax(1, r1 + sample(c(-1, 0, 0, 0, 1, 2), 80, replace = TRUE)))
L <- 4
wlin <- 1 - abs(outer(1:L, 1:L, "-")) / (L - 1)
ck_lin <- cohen.kappa(cbind(r1, r2), w = wlin)
ck_quad <- cohen.kappa(cbind(r1, r2))
kappa <- list(r1 = r1, r2 = r2,
              unweighted = unname(ck_quad$confid[1, ]), unweighted_var = ck_quad$var.kappa,
              linear = unname(ck_lin$confid[2, ]), linear_var = ck_lin$var.weighted,
              quadratic = unname(ck_quad$confid[2, ]), quadratic_var = ck_quad$var.weighted)

# ---- ICC with three raters ----
set.seed(7)
truth <- rnorm(30, 10, 2)
m3 <- cbind(truth + rnorm(30, 0, 0.7), truth + 0.5 + rnorm(30, 0, 0.7), truth - 0.3 + rnorm(30, 0, 0.9))
ic <- ICC(m3, lmer = FALSE)$results
icc3 <- list(ratings = unname(lapply(seq_len(nrow(m3)), function(i) m3[i, ])),
             type = ic$type, icc = ic$ICC, f = ic$F, df1 = ic$df1, df2 = ic$df2, p = ic$p,
             lower = ic$`lower bound`, upper = ic$`upper bound`)

# ---- correlation screen: rad_* features x blood markers, with adjusted p ----
xs <- c("rad_firstorder_001", "rad_glrlm_002", "rad_glcm_003", "rad_shape_004", "rad_firstorder_005")
ys <- c("neutrophils", "lymphocytes", "albumin", "afp")
screen <- function(method) {
  rows <- list()
  for (x in xs) for (y in ys) {
    ct <- cor.test(rad[[x]], rad[[y]], method = method, exact = FALSE)
    rows[[length(rows) + 1]] <- list(x = x, y = y, estimate = unname(ct$estimate), p = ct$p.value)
  }
  p <- sapply(rows, function(r) r$p)
  list(method = method, pairs = rows, bh = p.adjust(p, "BH"), holm = p.adjust(p, "holm"),
       bonferroni = p.adjust(p, "bonferroni"))
}
screens <- list(screen("pearson"), screen("spearman"))
# Spearman with ties (wfns) and missing values (lung: pairwise complete)
spearman_ties <- {
  ct <- cor.test(asah$wfns, asah$s100b, method = "spearman", exact = FALSE)
  list(estimate = unname(ct$estimate), p = ct$p.value)
}

# ---- p.adjust with a missing value ----
praw <- c(0.01, 0.04, NA, 0.03, 0.005, 0.2, 0.04)
padjust <- list(p = praw, bh = p.adjust(praw, "BH"), holm = p.adjust(praw, "holm"),
                bonferroni = p.adjust(praw, "bonferroni"))

# ---- standardized mean differences (tableone's formulas, written out) ----
smd_cont <- function(x, g) {
  lv <- levels(factor(g)); d <- c()
  for (i in 1:(length(lv) - 1)) for (j in (i + 1):length(lv)) {
    a <- x[g == lv[i] & !is.na(x)]; b <- x[g == lv[j] & !is.na(x)]
    d <- c(d, abs(mean(a) - mean(b)) / sqrt((var(a) + var(b)) / 2))
  }
  mean(d)
}
smd_cat <- function(x, g) {
  lv <- levels(factor(g)); d <- c()
  for (i in 1:(length(lv) - 1)) for (j in (i + 1):length(lv)) {
    p1 <- prop.table(table(factor(x)[g == lv[i]])); p2 <- prop.table(table(factor(x)[g == lv[j]]))
    keep <- (p1 > 0 | p2 > 0); p1 <- p1[keep]; p2 <- p2[keep]
    t <- (p1 - p2)[-1]
    S1 <- -outer(p1, p1); diag(S1) <- p1 * (1 - p1)
    S2 <- -outer(p2, p2); diag(S2) <- p2 * (1 - p2)
    S <- ((S1 + S2) / 2)[-1, -1, drop = FALSE]
    d <- c(d, sqrt(drop(t(t) %*% solve(S) %*% t)))
  }
  mean(d)
}
smd <- list(
  list(variable = "age", by = "response", kind = "continuous", smd = smd_cont(hcc$age, hcc$response)),
  list(variable = "afp", by = "treatment", kind = "continuous", smd = smd_cont(hcc$afp, hcc$treatment)),
  list(variable = "etiology", by = "response", kind = "categorical", smd = smd_cat(hcc$etiology, hcc$response)),
  list(variable = "sex", by = "response", kind = "categorical", smd = smd_cat(hcc$sex, hcc$response)),
  list(variable = "etiology", by = "child_pugh", kind = "categorical", smd = smd_cat(hcc$etiology, hcc$child_pugh)),
  list(variable = "child_pugh", by = "treatment", kind = "categorical", smd = smd_cat(hcc$child_pugh, hcc$treatment))
)

res <- list(meta = list(r = R.version.string, psych = as.character(packageVersion("psych")),
                        script = "scripts/describe_fixtures.R"),
            kgroups = kgroups, twogroups = twogroups, tables = tables, shapiro = shapiro,
            kappa = kappa, icc3 = icc3, screens = screens, spearman_ties = spearman_ties,
            padjust = padjust, smd = smd)
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
write_json(res, out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote", out, "\n")
