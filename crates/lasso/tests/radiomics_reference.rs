//! Agreement with `cv.glmnet` (glmnet 4.1-6) on the 147 features of `data/hcc_radiomics.csv`,
//! twice over:
//!
//! * the shared reference `crates/testdata/reference/hcc_radiomics_lasso.json` (thresh = 1e-14):
//!   the λ sequence to 1e-9, the path length, `nzero`, `lambda.min`, `lambda.1se` and the
//!   non-zero sets exactly;
//! * the same fits converged further, `tests/fixtures/hcc_radiomics_lasso_thresh1e-18.json`
//!   (thresh = 1e-18, maxit = 10⁸, written by `scripts/lasso_precision_radiomics.R`): the same
//!   checks plus `cvm`, `cvsd` and the coefficients to the 1e-6 relative.
//!
//! Why two: at 1e-14 the references are not yet the optima to 1e-6. R itself, rerun at 1e-18
//! on the same folds, moves the binomial deviance `cvsd` by 6.9e-5 relative, the coefficients
//! by up to 3e-5 (Cox, at `lambda.1se`), and the binomial AUC `cvm` by 7.4e-4 and its `cvsd` by
//! 1.3e-2 (a near-tied pair of out-of-fold predictions swaps order within a fold); the
//! discrete outcomes (path, `nzero`, the chosen λ, the selected features) do not move. Against
//! the shared values nomo differs by the same amounts as R's own reruns.

mod common;

use nomo_testdata::{read_csv, reference};
use serde_json::Value;

/// The tight fixture.
fn tight() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hcc_radiomics_lasso_thresh1e-18.json"
    ))
    .expect("tight fixture");
    serde_json::from_str(&text).expect("JSON")
}

/// nomo's threshold: R's 1e-18, except for the binomial deviance. At the end of its path the
/// fits are nearly separated, coordinate descent creeps, and R's fit at 1e-18 is not yet the
/// optimum there: R's own rerun at 1e-20 moves `cvsd` by up to 7.5e-7; nomo at 1e-20 is within
/// 8.1e-7 of R's 1e-18 values.
const THRESH: f64 = 1e-18;
/// See [`THRESH`].
const THRESH_SEPARATING: f64 = 1e-20;

fn entry(name: &str, alpha: f64, thresh: f64) {
    let shared = reference("hcc_radiomics_lasso.json");
    let tight = tight();
    let features = common::names(&shared, "features");
    assert_eq!(features, common::names(&tight, "features"));
    let csv = read_csv("hcc_radiomics.csv");
    let cv = common::run(&csv, &features, &tight[name], alpha, thresh);
    common::check_path(&cv, &shared[name], name);
    common::check_nzero(&cv, &shared[name], name);
    let lambda = common::check_path(&cv, &tight[name], name);
    common::check_nzero(&cv, &tight[name], name);
    // Tolerance: 1e-6 relative for cvm, cvsd and the coefficients (issue 6).
    let (cvm, coef) = common::check_values(&cv, &tight[name], name, 1e-6, 1e-6);
    eprintln!("{name}: worst relative error lambda {lambda:e}, cv {cvm:e}, coef {coef:e}");
}

#[test]
fn binomial_deviance() {
    entry("binomial_deviance", 1.0, THRESH_SEPARATING);
}

#[test]
fn binomial_auc() {
    entry("binomial_auc", 1.0, THRESH);
}

#[test]
fn binomial_deviance_alpha05() {
    entry("binomial_deviance_alpha05", 0.5, THRESH);
}

#[test]
fn gaussian_mse() {
    entry("gaussian_mse", 1.0, THRESH);
}

#[test]
fn cox_deviance() {
    entry("cox_deviance", 1.0, THRESH);
}
