//! Agreement with `cv.glmnet` on `data/hcc_radiomics.csv` (reference
//! `crates/testdata/reference/hcc_radiomics_lasso.json`, glmnet 4.1-6, thresh = 1e-14).

mod common;

use nomo_testdata::{read_csv, reference};

fn entry(name: &str, alpha: f64) {
    let r = reference("hcc_radiomics_lasso.json");
    let features: Vec<String> = r["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|v| v.as_str().expect("name").to_string())
        .collect();
    let csv = read_csv("hcc_radiomics.csv");
    let cv = common::run(&csv, &features, &r[name], alpha);
    let worst = common::check(&cv, &r[name], name);
    eprintln!(
        "{name}: worst relative error lambda {:e}, cv {:e}, coef {:e}",
        worst.0, worst.1, worst.2
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "heavy (thresh 1e-14 paths): run with cargo test --release -p nomo-lasso"
)]
fn binomial_deviance() {
    entry("binomial_deviance", 1.0);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "heavy (thresh 1e-14 paths): run with cargo test --release -p nomo-lasso"
)]
fn binomial_auc() {
    entry("binomial_auc", 1.0);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "heavy (thresh 1e-14 paths): run with cargo test --release -p nomo-lasso"
)]
fn binomial_deviance_alpha05() {
    entry("binomial_deviance_alpha05", 0.5);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "heavy (thresh 1e-14 paths): run with cargo test --release -p nomo-lasso"
)]
fn gaussian_mse() {
    entry("gaussian_mse", 1.0);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "heavy (thresh 1e-14 paths): run with cargo test --release -p nomo-lasso"
)]
fn cox_deviance() {
    entry("cox_deviance", 1.0);
}
