//! `nomo lasso` end to end on the shipped nomogram cohort (reference
//! `crates/testdata/reference/hcc_nomogram.json`, `lasso_binomial_deviance`).

use std::process::Command;

fn nomo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomo"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(args)
        .output()
        .expect("run nomo")
}

#[test]
fn binomial_json_has_the_contract_keys_and_r_lambda_min() {
    let out = nomo(&[
        "--quiet",
        "lasso",
        "--data",
        "data/hcc_nomogram.csv",
        "--derive",
        "t2sir_post=t2_tumor_post/t2_muscle_post",
        "--derive",
        "nlr=neutrophils/lymphocytes",
        "--outcome",
        "response",
        "--event",
        "progression",
        "--features",
        "age,t2sir_post,adc_mean_pre,adc_mean_post,necrosis,afp,alp,nlr",
        "--nfolds",
        "5",
        "--seed",
        "7",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    for key in [
        "lambda",
        "cvm",
        "cvsd",
        "nzero",
        "lambda_min",
        "lambda_1se",
        "coef_lambda_min",
        "coef_lambda_1se",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    let lambda = v["lambda"].as_array().expect("lambda");
    assert_eq!(v["cvm"].as_array().expect("cvm").len(), lambda.len());
    // Tolerance: exact — lambda.min is one of the path's values and the coefficient map
    // starts with the intercept.
    let lmin = v["lambda_min"].as_f64().expect("lambda_min");
    assert!(lambda.iter().any(|l| l.as_f64() == Some(lmin)));
    let first = v["coef_lambda_min"]
        .as_object()
        .expect("map")
        .keys()
        .next()
        .cloned();
    assert_eq!(first.as_deref(), Some("(Intercept)"));
}

#[test]
fn gaussian_outcome_needs_no_event_and_cox_has_no_intercept() {
    let out = nomo(&[
        "--quiet",
        "lasso",
        "--data",
        "data/hcc_nomogram.csv",
        "--outcome",
        "pfs_months",
        "--family",
        "gaussian",
        "--features",
        "age,adc_mean_pre,adc_mean_post,afp,alp",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["coef_lambda_min"].get("(Intercept)").is_some());
    let out = nomo(&[
        "--quiet",
        "lasso",
        "--data",
        "data/hcc_nomogram.csv",
        "--time",
        "pfs_months",
        "--status",
        "pfs_event",
        "--features-regex",
        "^adc_",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["coef_lambda_min"].get("(Intercept)").is_none());
}

#[test]
fn fold_column_with_too_few_rows_is_refused() {
    let out = nomo(&[
        "--quiet",
        "lasso",
        "--data",
        "data/hcc_nomogram.csv",
        "--outcome",
        "response",
        "--event",
        "progression",
        "--features",
        "age,afp",
        "--nfolds",
        "100",
        "--json",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot fill"));
}
