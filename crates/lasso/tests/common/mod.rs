//! Shared helpers of the agreement tests: the cohorts' designs rebuilt exactly as the R
//! reference scripts built them (derived indices listed in `hcc_nomogram.json` → `derived`).

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use nomo_lasso::{CvParams, CvResult, Design, Folds, LassoParams, Measure, Response};
use nomo_testdata::{Csv, assert_rel, nums};
use serde_json::Value;

/// Tolerance on coefficients compared with the shared references (glmnet at thresh 1e-14):
/// their own precision. R's rerun at 1e-24 moves the coefficients at lambda.min / lambda.1se by
/// a few 1e-6 relative (`scripts/lasso_precision.R`).
pub const COEF_TOL: f64 = 1e-5;

/// The feature names listed under `key` of a reference file.
pub fn names(reference: &Value, key: &str) -> Vec<String> {
    reference[key]
        .as_array()
        .expect("a list of names")
        .iter()
        .map(|v| v.as_str().expect("name").to_string())
        .collect()
}

/// A column of the cohort, derived indices included.
pub fn column(csv: &Csv, name: &str) -> Vec<f64> {
    let c = |n: &str| csv.num_complete(n);
    let ratio = |a: Vec<f64>, b: Vec<f64>| a.iter().zip(&b).map(|(a, b)| a / b).collect();
    let prod =
        |a: Vec<f64>, b: Vec<f64>| a.iter().zip(&b).map(|(a, b)| a * b).collect::<Vec<f64>>();
    match name {
        "sex_male" => csv
            .text("sex")
            .iter()
            .map(|s| f64::from(u8::from(s.as_deref() == Some("M"))))
            .collect(),
        "t2sir_pre" => ratio(c("t2_tumor_pre"), c("t2_muscle_pre")),
        "t2sir_post" => ratio(c("t2_tumor_post"), c("t2_muscle_post")),
        "adc_het_pre" | "adc_het_post" => {
            let s = &name[8..];
            let (mx, mn, me) = (
                c(&format!("adc_max_{s}")),
                c(&format!("adc_min_{s}")),
                c(&format!("adc_mean_{s}")),
            );
            (0..mx.len()).map(|i| (mx[i] - mn[i]) / me[i]).collect()
        }
        "nlr" => ratio(c("neutrophils"), c("lymphocytes")),
        "lmr" => ratio(c("lymphocytes"), c("monocytes")),
        "aapr" => ratio(c("albumin"), c("alp")),
        "siri" => ratio(prod(c("neutrophils"), c("monocytes")), c("lymphocytes")),
        "piv" => ratio(
            prod(prod(c("platelets"), c("neutrophils")), c("monocytes")),
            c("lymphocytes"),
        ),
        "sii" => ratio(prod(c("platelets"), c("neutrophils")), c("lymphocytes")),
        "ag_ratio" => ratio(c("albumin"), c("globulin")),
        other => c(other),
    }
}

/// The design of `features` from `data/<file>`.
pub fn design(csv: &Csv, features: &[String]) -> Design {
    let cols = features.iter().map(|f| column(csv, f)).collect();
    Design::new(features.to_vec(), cols).expect("design")
}

/// The reference folds: row i (1-based) in fold ((i − 1) mod 10) + 1.
pub fn reference_folds(n: usize) -> Vec<usize> {
    (0..n).map(|i| i % 10 + 1).collect()
}

/// The response of a reference entry.
pub fn response(csv: &Csv, family: &str) -> Response {
    let y: Vec<f64> = csv
        .text("response")
        .iter()
        .map(|s| f64::from(u8::from(s.as_deref() == Some("progression"))))
        .collect();
    match family {
        "binomial" => Response::Binomial(y),
        "gaussian" => Response::Gaussian(y),
        _ => Response::Cox {
            time: csv.num_complete("pfs_months"),
            status: csv.num_complete("pfs_event"),
        },
    }
}

/// Runs the reference's cross-validation at convergence threshold `thresh` (glmnet's meaning)
/// with glmnet's `maxit` raised to 10⁸.
pub fn run(csv: &Csv, features: &[String], entry: &Value, alpha: f64, thresh: f64) -> CvResult {
    let design = design(csv, features);
    let family = entry["family"].as_str().expect("family");
    let measure = Measure::parse(entry["type_measure"].as_str().expect("measure")).expect("known");
    let params = CvParams {
        path: LassoParams {
            alpha,
            thresh,
            maxit: 100_000_000,
            ..LassoParams::default()
        },
        folds: Folds::Ids(reference_folds(design.rows())),
        measure: Some(measure),
    };
    params.fit(&design, &response(csv, family)).expect("cv fit")
}

/// Checks the discrete and closed-form parts of a reference entry: the λ sequence (1e-9
/// relative), the path length, `lambda.min` and `lambda.1se`, and the non-zero sets at both.
/// Returns the largest relative error of λ.
pub fn check_path(cv: &CvResult, entry: &Value, what: &str) -> f64 {
    let lambda = nums(&entry["lambda"]);
    assert_eq!(cv.lambda.len(), lambda.len(), "{what}: path length");
    let mut worst = 0.0f64;
    // Tolerance: λ sequence 1e-9 relative (closed form from the data).
    for (a, b) in cv.lambda.iter().zip(&lambda) {
        assert_rel(*a, *b, 1e-9, &format!("{what} lambda"));
        worst = worst.max(((a - b) / b).abs());
    }
    // Tolerance: 1e-9 relative (they are values of the λ sequence).
    assert_rel(
        cv.lambda_min,
        entry["lambda_min"].as_f64().expect("x"),
        1e-9,
        "lambda.min",
    );
    assert_rel(
        cv.lambda_1se,
        entry["lambda_1se"].as_f64().expect("x"),
        1e-9,
        "lambda.1se",
    );
    for (key, ours) in [
        ("coef_lambda_min", &cv.coef_lambda_min),
        ("coef_lambda_1se", &cv.coef_lambda_1se),
    ] {
        let r = entry[key].as_object().expect("coefficients");
        let mut mine = ours.names();
        let mut theirs: Vec<&str> = r.keys().map(String::as_str).collect();
        mine.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(mine, theirs, "{what} {key}: non-zero set");
    }
    worst
}

/// Checks the number of non-zero coefficients at every λ of the path, exactly.
pub fn check_nzero(cv: &CvResult, entry: &Value, what: &str) {
    let nzero: Vec<usize> = nums(&entry["nzero"]).iter().map(|v| *v as usize).collect();
    assert_eq!(cv.nzero, nzero, "{what}: nzero");
}

/// Checks `cvm` and `cvsd` to `cv_tol` relative and the coefficients at `lambda.min` and
/// `lambda.1se` to `coef_tol` relative (or 1e-9 absolute near zero); reports the worst of each
/// in the failure message. Returns the largest relative errors (cvm/cvsd, coefficients).
pub fn check_values(
    cv: &CvResult,
    entry: &Value,
    what: &str,
    cv_tol: f64,
    coef_tol: f64,
) -> (f64, f64) {
    let rel = |a: f64, b: f64| ((a - b) / b).abs();
    let mut worst_cv = (0.0f64, String::new());
    for (key, ours) in [("cvm", &cv.cvm), ("cvsd", &cv.cvsd)] {
        for (l, (a, b)) in ours.iter().zip(&nums(&entry[key])).enumerate() {
            if rel(*a, *b) > worst_cv.0 {
                worst_cv = (
                    rel(*a, *b),
                    format!("{key}[{}]: got {a:e}, R says {b:e}", l + 1),
                );
            }
        }
    }
    let mut worst_coef = (0.0f64, String::new());
    for (key, ours) in [
        ("coef_lambda_min", &cv.coef_lambda_min),
        ("coef_lambda_1se", &cv.coef_lambda_1se),
    ] {
        for (name, v) in entry[key].as_object().expect("coefficients") {
            let b = v.as_f64().expect("number");
            let a = ours.get(name).expect("present");
            let e = if (a - b).abs() <= 1e-9 {
                0.0
            } else {
                rel(a, b)
            };
            if e > worst_coef.0 {
                worst_coef = (e, format!("{key} {name}: got {a:e}, R says {b:e}"));
            }
        }
    }
    assert!(
        worst_cv.0 <= cv_tol,
        "{what} {} (worst, tolerance {cv_tol:e})",
        worst_cv.1
    );
    assert!(
        worst_coef.0 <= coef_tol,
        "{what} {} (worst, tolerance {coef_tol:e})",
        worst_coef.1
    );
    (worst_cv.0, worst_coef.0)
}
