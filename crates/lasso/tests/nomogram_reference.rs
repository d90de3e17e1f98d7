//! Agreement with `cv.glmnet` on `data/hcc_nomogram.csv` (reference
//! `crates/testdata/reference/hcc_nomogram.json`, entries `lasso_*`, glmnet 4.1-6,
//! thresh = 1e-14), on the 27 candidates listed there.

mod common;

use nomo_testdata::{read_csv, reference};

fn entry(name: &str) {
    let r = reference("hcc_nomogram.json");
    let features = common::names(&r, "candidates");
    let csv = read_csv("hcc_nomogram.csv");
    let cv = common::run(&csv, &features, &r[name], 1.0);
    let worst = common::check(&cv, &r[name], name);
    eprintln!(
        "{name}: worst relative error lambda {:e}, cv {:e}, coef {:e}",
        worst.0, worst.1, worst.2
    );
}

#[test]
fn lasso_binomial_deviance() {
    entry("lasso_binomial_deviance");
}

#[test]
fn lasso_gaussian_mse() {
    entry("lasso_gaussian_mse");
}
