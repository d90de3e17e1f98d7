# The derived indices of the HCC cohorts (hcc_nomogram.json → `derived`), computed as
# nomo computes them (same operation order, so the same rounding). Sourced by the fixture and
# precision scripts: source("scripts/derived_indices.R"); d <- add_derived(d).
add_derived <- function(d) {
  d$sex_male <- as.numeric(d$sex == "M")
  d$t2sir_pre <- d$t2_tumor_pre / d$t2_muscle_pre
  d$t2sir_post <- d$t2_tumor_post / d$t2_muscle_post
  d$adc_het_pre <- (d$adc_max_pre - d$adc_min_pre) / d$adc_mean_pre
  d$adc_het_post <- (d$adc_max_post - d$adc_min_post) / d$adc_mean_post
  d$nlr <- d$neutrophils / d$lymphocytes
  d$lmr <- d$lymphocytes / d$monocytes
  d$aapr <- d$albumin / d$alp
  d$siri <- d$neutrophils * d$monocytes / d$lymphocytes
  d$piv <- d$platelets * d$neutrophils * d$monocytes / d$lymphocytes
  d$sii <- d$platelets * d$neutrophils / d$lymphocytes
  d$ag_ratio <- d$albumin / d$globulin
  d
}
