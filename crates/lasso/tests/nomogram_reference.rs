//! Agreement with `cv.glmnet` on `data/hcc_nomogram.csv` (reference
//! `crates/testdata/reference/hcc_nomogram.json`, entries `lasso_*`, glmnet 4.1-6,
//! thresh = 1e-14), on the 27 candidates listed there.

mod common;

use nomo_testdata::{read_csv, reference};

fn entry(name: &str) {
    let r = reference("hcc_nomogram.json");
    let features = common::names(&r, "candidates");
    let csv = read_csv("hcc_nomogram.csv");
    let cv = common::run(&csv, &features, &r[name], 1.0, 1e-14);
    let lambda = common::check_path(&cv, &r[name], name);
    // Tolerances: common::CV_TOL and common::COEF_TOL (the reference's own precision).
    let (cvm, coef) = common::check_values(&cv, &r[name], name, common::CV_TOL, common::COEF_TOL);
    eprintln!("{name}: worst relative error lambda {lambda:e}, cv {cvm:e}, coef {coef:e}");
}

#[test]
fn lasso_binomial_deviance() {
    entry("lasso_binomial_deviance");
}

#[test]
fn lasso_gaussian_mse() {
    entry("lasso_gaussian_mse");
}
