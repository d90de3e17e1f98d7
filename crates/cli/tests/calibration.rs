//! `nomo calibrate`, `nomo dca` and `nomo bootstrap` end to end on the aSAH model's fitted
//! probabilities (asah.json `logistic.fitted`, written with the outcome into a temporary CSV).
//! Closed forms (Brier, Hosmer–Lemeshow χ², net benefit) at 1e-9 relative against R, as the
//! library tests; the JSON keys are the contract.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference() -> Value {
    let text = std::fs::read_to_string(root().join("crates/testdata/reference/asah.json"))
        .expect("asah.json");
    serde_json::from_str(&text).expect("json")
}

/// A CSV with the aSAH outcome, the model's probabilities `p`, and `p_bad` (one value > 1).
fn probability_csv(name: &str) -> PathBuf {
    let r = reference();
    let fitted: Vec<f64> = r["logistic"]["fitted"]
        .as_array()
        .expect("fitted")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    let data = std::fs::read_to_string(root().join("data/asah.csv")).expect("asah.csv");
    let mut out = String::from("outcome,p,p_bad\n");
    for (k, line) in data.lines().skip(1).enumerate() {
        let outcome = line.split(',').nth(1).expect("outcome").trim_matches('"');
        let bad = if k == 0 { 1.5 } else { fitted[k] };
        out.push_str(&format!("{outcome},{:.17e},{bad:.17e}\n", fitted[k]));
    }
    let path = std::env::temp_dir().join(format!(
        "nomo_cli_calibration_{}_{name}.csv",
        std::process::id()
    ));
    std::fs::write(&path, out).expect("write csv");
    path
}

fn nomo(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .output()
        .expect("run nomo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

#[test]
fn calibrate_json_matches_r() {
    let csv = probability_csv("calibrate");
    let path = csv.to_str().expect("path");
    let (ok, stdout, stderr) = nomo(&[
        "calibrate",
        "--data",
        path,
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--prob",
        "p",
        "--json",
    ]);
    assert!(ok, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("one JSON document");
    for key in [
        "brier",
        "intercept",
        "slope",
        "calibration_in_the_large",
        "emax",
        "e90",
        "eavg",
        "dxy",
        "c",
        "r2",
        "spiegelhalter_z",
        "spiegelhalter_p",
        "hosmer_lemeshow",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    let r = reference();
    let vp = &r["calibration"]["val_prob"];
    let hl = &r["calibration"]["hosmer_lemeshow"];
    assert!(
        rel(
            v["brier"].as_f64().expect("brier"),
            vp["Brier"].as_f64().expect("B")
        ) < 1e-9
    );
    assert!(
        rel(
            v["dxy"].as_f64().expect("dxy"),
            vp["Dxy"].as_f64().expect("Dxy")
        ) < 1e-9
    );
    let h = &v["hosmer_lemeshow"];
    assert!(
        rel(
            h["chisq"].as_f64().expect("chisq"),
            hl["chisq"].as_f64().expect("chisq")
        ) < 1e-9
    );
    assert_eq!(h["df"], hl["df"]);
    assert_eq!(h["groups"].as_array().expect("groups").len(), 10);
    let _ = std::fs::remove_file(csv);
}

#[test]
fn dca_json_matches_r() {
    let csv = probability_csv("dca");
    let path = csv.to_str().expect("path");
    let (ok, stdout, stderr) = nomo(&[
        "dca",
        "--data",
        path,
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--prob",
        "p",
        "--thresholds",
        "0.01:0.99:0.01",
        "--json",
    ]);
    assert!(ok, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let thresholds = v["thresholds"].as_array().expect("thresholds");
    assert_eq!(thresholds.len(), 99);
    let model = &v["models"][0];
    assert_eq!(model["name"], "p");
    let r = reference();
    for (k, row) in r["dca"].as_array().expect("dca").iter().enumerate() {
        let nb = model["net_benefit"][k].as_f64().expect("nb");
        let all = v["treat_all"][k].as_f64().expect("all");
        let (rnb, rall) = (
            row["net_benefit_model"].as_f64().expect("nb"),
            row["net_benefit_all"].as_f64().expect("all"),
        );
        assert!(nb == rnb || rel(nb, rnb) < 1e-9, "NB {k}: {nb} vs {rnb}");
        assert!(rel(all, rall) < 1e-9, "treat all {k}");
    }
    let _ = std::fs::remove_file(csv);
}

#[test]
fn bad_input_is_refused_with_an_error() {
    let csv = probability_csv("bad");
    let path = csv.to_str().expect("path");
    let (ok, stdout, stderr) = nomo(&[
        "calibrate",
        "--data",
        path,
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--prob",
        "p_bad",
        "--json",
    ]);
    assert!(!ok && stdout.is_empty());
    assert!(stderr.contains("1.5"), "{stderr}");
    let (ok, _, stderr) = nomo(&[
        "dca",
        "--data",
        path,
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--prob",
        "p",
        "--thresholds",
        "0.5:1:0.25",
    ]);
    assert!(!ok);
    assert!(stderr.contains("threshold 1"), "{stderr}");
    let _ = std::fs::remove_file(csv);
}

#[test]
fn bootstrap_json_is_seeded() {
    let data = root().join("data/asah.csv");
    let path = data.to_str().expect("path");
    let args = [
        "--quiet",
        "bootstrap",
        "--data",
        path,
        "--outcome",
        "outcome",
        "--event",
        "Poor",
        "--predictors",
        "age,gender,s100b,ndka",
        "--resamples",
        "40",
        "--seed",
        "9",
        "--json",
    ];
    let (ok, first, stderr) = nomo(&args);
    assert!(ok, "{stderr}");
    assert!(stderr.is_empty(), "--quiet: {stderr}");
    let (_, second, _) = nomo(&args);
    assert_eq!(first, second);
    // byte-identical at any thread count (one seeded stream per replicate)
    for threads in ["1", "3"] {
        let mut with_threads = vec!["--threads", threads];
        with_threads.extend_from_slice(&args);
        let (ok, other, stderr) = nomo(&with_threads);
        assert!(ok, "{stderr}");
        assert_eq!(first, other, "--threads {threads}");
    }
    let v: Value = serde_json::from_str(&first).expect("one JSON document");
    let dxy = &v["indices"][0];
    assert_eq!(dxy["name"], "Dxy");
    for key in ["apparent", "optimism", "corrected"] {
        assert!(dxy[key].is_number(), "{key}");
    }
    // apparent Dxy of the aSAH model, rms::validate index.orig (somers2), 1e-6 relative
    assert!(rel(dxy["apparent"].as_f64().expect("dxy"), 0.619241192411924) < 1e-6);
    assert!(v["calibration"]["bias_corrected"].is_array());
}
