//! Shared helpers of the agreement tests.
#![allow(dead_code)]

use nomo_roc::{DirectionRule, Roc};
use nomo_testdata::{assert_rel, num};
use serde_json::Value;

/// Relative tolerance of closed-form statistics against R.
pub const REL: f64 = 1e-9;

/// Thresholds are compared as R wrote them: 15 significant digits.
#[track_caller]
pub fn assert_threshold(actual: f64, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(actual.is_infinite(), "{what}: expected ±Inf, got {actual}"),
        Some(e) => assert_eq!(
            format!("{actual:.14e}"),
            format!("{e:.14e}"),
            "{what}: threshold"
        ),
    }
}

/// Checks a pROC summary object (`auc`, `ci_*`, `var_delong`, `direction`, `n_*`, `youden`).
pub fn check_summary(roc: &Roc, r: &Value, what: &str) {
    let d = roc.delong(0.95).unwrap();
    assert_rel(
        d.auc,
        r["auc"].as_f64().unwrap(),
        REL,
        &format!("{what} auc"),
    );
    assert_rel(
        d.ci_lower,
        r["ci_lower"].as_f64().unwrap(),
        REL,
        &format!("{what} ci_lower"),
    );
    assert_rel(
        d.ci_upper,
        r["ci_upper"].as_f64().unwrap(),
        REL,
        &format!("{what} ci_upper"),
    );
    assert_rel(
        d.variance,
        r["var_delong"].as_f64().unwrap(),
        REL,
        &format!("{what} var"),
    );
    assert_eq!(
        roc.direction().as_str(),
        r["direction"].as_str().unwrap(),
        "{what} direction"
    );
    assert_eq!(
        roc.n_cases() as u64,
        r["n_cases"].as_u64().unwrap(),
        "{what} n_cases"
    );
    assert_eq!(
        roc.n_controls() as u64,
        r["n_controls"].as_u64().unwrap(),
        "{what} n_controls"
    );
    let youden = roc.youden(0.95).unwrap();
    let expected = r["youden"].as_array().unwrap();
    assert_eq!(youden.len(), expected.len(), "{what} number of Youden ties");
    for (c, e) in youden.iter().zip(expected) {
        assert_threshold(c.threshold, num(&e["threshold"]), what);
        for (got, key) in [
            (Some(c.sensitivity), "sensitivity"),
            (Some(c.specificity), "specificity"),
            (c.ppv, "ppv"),
            (c.npv, "npv"),
            (Some(c.accuracy), "accuracy"),
        ] {
            assert_rel(
                got.unwrap(),
                e[key].as_f64().unwrap(),
                REL,
                &format!("{what} {key}"),
            );
        }
        for (got, key) in [(c.tp, "tp"), (c.fp, "fp"), (c.tn, "tn"), (c.fn_, "fn")] {
            assert_eq!(got, e[key].as_u64().unwrap(), "{what} {key}");
        }
    }
}

/// Complete cases of (score, outcome) pairs.
pub fn complete(scores: &[Option<f64>], outcome: &[bool]) -> (Vec<f64>, Vec<bool>) {
    scores
        .iter()
        .zip(outcome)
        .filter_map(|(s, &o)| s.map(|s| (s, o)))
        .unzip()
}

/// ROC with pROC's automatic direction.
pub fn roc_auto(scores: &[f64], outcome: &[bool]) -> Roc {
    Roc::new(scores, outcome, DirectionRule::Auto).unwrap()
}
