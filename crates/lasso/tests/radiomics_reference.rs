//! Agreement with `cv.glmnet` on `data/hcc_radiomics.csv` (reference
//! `crates/testdata/reference/hcc_radiomics_lasso.json`, glmnet 4.1-6, thresh = 1e-14).
//!
//! Ignored: a known gap, left open in issue 6. Run with `--include-ignored` (release: minutes)
//! they report the worst disagreement, e.g. binomial deviance cvsd 5.4e-5 relative, binomial AUC
//! cvm 6.6e-4, elastic-net coefficients 1.3e-4, and a Cox path of another length (glmnet 4.1-6
//! stops the Cox path by a rule we do not reproduce), against the 1e-6.

mod common;

use nomo_testdata::{read_csv, reference};

fn entry(name: &str, alpha: f64) {
    let r = reference("hcc_radiomics_lasso.json");
    let features = common::names(&r, "features");
    let csv = read_csv("hcc_radiomics.csv");
    let cv = common::run(&csv, &features, &r[name], alpha);
    let worst = common::check(&cv, &r[name], name);
    eprintln!(
        "{name}: worst relative error lambda {:e}, cv {:e}, coef {:e}",
        worst.0, worst.1, worst.2
    );
}

#[test]
#[ignore = "known gap (issue 6): misses the 1e-6 tolerance on the radiomics cohort; run with --include-ignored"]
fn binomial_deviance() {
    entry("binomial_deviance", 1.0);
}

#[test]
#[ignore = "known gap (issue 6): misses the 1e-6 tolerance on the radiomics cohort; run with --include-ignored"]
fn binomial_auc() {
    entry("binomial_auc", 1.0);
}

#[test]
#[ignore = "known gap (issue 6): misses the 1e-6 tolerance on the radiomics cohort; run with --include-ignored"]
fn binomial_deviance_alpha05() {
    entry("binomial_deviance_alpha05", 0.5);
}

#[test]
#[ignore = "known gap (issue 6): misses the 1e-6 tolerance on the radiomics cohort; run with --include-ignored"]
fn gaussian_mse() {
    entry("gaussian_mse", 1.0);
}

#[test]
#[ignore = "known gap (issue 6): misses the 1e-6 tolerance on the radiomics cohort; run with --include-ignored"]
fn cox_deviance() {
    entry("cox_deviance", 1.0);
}
