//! `nomo logistic` and `nomo screen` end to end against R (asah.json `logistic`,
//! hcc_nomogram.json `univariate` and `stepwise`). The CLI runs at its default ε = 1e-10 with
//! standard errors at the returned estimate (Contract notes), so estimates, SEs, ORs and
//! profile limits are compared at 1e-6 relative, p-values at 1e-6·max(1, z²) (a p-value's
//! relative error is ~z² times that of z; R's SEs come from the penultimate IRLS weights).
//! The JSON keys checked are the contract.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join("crates/testdata/reference").join(file))
        .expect("reference");
    serde_json::from_str(&text).expect("json")
}

fn nomo(args: &[&str]) -> (Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run nomo");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "nomo {args:?} failed: {stderr}");
    let json = serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    (json, stderr)
}

fn rel(a: f64, e: f64, tol: f64, what: &str) {
    assert!(
        ((a - e) / e).abs() <= tol,
        "{what}: got {a:e}, R says {e:e} (rel. tolerance {tol:e})"
    );
}

fn check_table(got: &Value, want: &Value, what: &str) {
    let got = got.as_array().expect("coefficients");
    let want = want.as_array().expect("table");
    assert_eq!(got.len(), want.len(), "{what} rows");
    for (g, w) in got.iter().zip(want) {
        let t = w["term"].as_str().expect("term");
        assert_eq!(g["term"].as_str(), Some(t), "{what} term");
        let x = |v: &Value, k: &str| v[k].as_f64().unwrap_or_else(|| panic!("{what} {t} {k}"));
        for (k, rk) in [
            ("estimate", "estimate"),
            ("std_error", "std_error"),
            ("z", "z"),
            ("odds_ratio", "odds_ratio"),
            ("or_lower", "or_wald_lower"),
            ("or_upper", "or_wald_upper"),
            ("or_profile_lower", "or_profile_lower"),
            ("or_profile_upper", "or_profile_upper"),
        ] {
            rel(x(g, k), x(w, rk), 1e-6, &format!("{what} {t} {k}"));
        }
        let z = x(g, "z");
        rel(
            x(g, "p"),
            x(w, "p"),
            1e-6 * (z * z).max(1.0),
            &format!("{what} {t} p"),
        );
    }
}

#[test]
fn logistic_asah_matches_glm() {
    let (out, _) = nomo(&[
        "logistic",
        "--data",
        "data/asah.csv",
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--predictors",
        "age,gender,s100b,ndka",
        "--json",
    ]);
    let r = reference("asah.json");
    check_table(&out["coefficients"], &r["logistic"]["table"], "asah");
    for k in ["deviance", "null_deviance", "aic"] {
        rel(
            out[k].as_f64().expect(k),
            r["logistic"]["fit"][k].as_f64().expect(k),
            1e-6,
            k,
        );
    }
    assert_eq!(out["n_used"], 113);
    assert!(out["excluded"].as_array().expect("excluded").is_empty());
    assert!(out["warnings"].is_array());
}

#[test]
fn logistic_stepwise_hcc_matches_step() {
    let r = reference("hcc_nomogram.json");
    let st = &r["stepwise"];
    let entered: Vec<&str> = st["entered"]
        .as_array()
        .expect("entered")
        .iter()
        .map(|v| v.as_str().expect("name"))
        .collect();
    let predictors = entered.join(",");
    let (out, _) = nomo(&[
        "--quiet",
        "logistic",
        "--data",
        "data/hcc_nomogram.csv",
        "--outcome",
        "response",
        "--event",
        "progression",
        "--derive",
        "t2sir_pre=t2_tumor_pre/t2_muscle_pre",
        "--derive",
        "t2sir_post=t2_tumor_post/t2_muscle_post",
        "--derive",
        "adc_het_post=(adc_max_post-adc_min_post)/adc_mean_post",
        "--derive",
        "nlr=neutrophils/lymphocytes",
        "--derive",
        "lmr=lymphocytes/monocytes",
        "--derive",
        "siri=neutrophils*monocytes/lymphocytes",
        "--derive",
        "piv=platelets*neutrophils*monocytes/lymphocytes",
        "--derive",
        "sii=platelets*neutrophils/lymphocytes",
        "--predictors",
        &predictors,
        "--stepwise",
        "both",
        "--criterion",
        "aic",
        "--json",
    ]);
    assert_eq!(out["stepwise"]["selected"], st["selected"]);
    check_table(&out["coefficients"], &st["table"], "stepwise");
    rel(
        out["aic"].as_f64().expect("aic"),
        st["fit"]["aic"].as_f64().expect("aic"),
        1e-6,
        "aic",
    );
}

#[test]
fn screen_hcc_matches_univariate() {
    let r = reference("hcc_nomogram.json");
    let (out, _) = nomo(&[
        "screen",
        "--data",
        "data/hcc_nomogram.csv",
        "--outcome",
        "response",
        "--event",
        "progression",
        "--derive",
        "nlr=neutrophils/lymphocytes",
        "--candidates",
        "age,nlr,neutrophils,afp",
        "--json",
    ]);
    let rows = out["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    for row in rows {
        let v = row["variable"].as_str().expect("variable");
        let want = r["univariate"]
            .as_array()
            .expect("univariate")
            .iter()
            .find(|u| u["variable"] == v)
            .expect("reference row");
        let t = &row["terms"][0];
        for k in [
            "estimate",
            "std_error",
            "odds_ratio",
            "or_lower",
            "or_upper",
        ] {
            rel(
                t[k].as_f64().expect(k),
                want[k].as_f64().expect(k),
                1e-6,
                &format!("{v} {k}"),
            );
        }
        let z = t["z"].as_f64().expect("z");
        rel(
            t["p"].as_f64().expect("p"),
            want["p"].as_f64().expect("p"),
            1e-6 * (z * z).max(1.0),
            "p",
        );
    }
}

#[test]
fn firth_and_bad_input() {
    // Firth runs and labels itself
    let (out, _) = nomo(&[
        "logistic",
        "--data",
        "data/asah.csv",
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--predictors",
        "age,s100b",
        "--firth",
        "--json",
    ]);
    assert_eq!(out["method"], "firth");
    assert!(out["coefficients"][1]["or_profile_lower"].is_number());
    // an unknown predictor is an error with a message, not a panic
    let status = Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args([
            "logistic",
            "--data",
            "data/asah.csv",
            "--outcome",
            "outcome",
            "--event",
            "Poor",
            "--predictors",
            "nope",
            "--json",
        ])
        .current_dir(root())
        .output()
        .expect("run");
    assert!(!status.status.success());
    assert!(status.stdout.is_empty());
    assert!(!status.stderr.is_empty());
}
