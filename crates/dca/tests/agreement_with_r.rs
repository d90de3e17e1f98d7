//! Agreement with R's decision curves in `crates/testdata/reference`: asah.json `dca` (model
//! Poor ~ age + gender + s100b + ndka, probabilities `logistic.fitted`) and hcc_nomogram.json
//! `dca_combined` (probabilities `predicted_combined`). Net benefit is a closed form: 1e-9
//! relative (absolute near zero, `assert_rel`'s rule).

use nomo_dca::{
    ModelInput, NbBootstrapParams, decision_curve, default_thresholds, net_benefit_intervals,
    survival_decision_curve,
};
use nomo_testdata::{assert_rel, nums, read_csv, reference};
use serde_json::Value;

fn outcome(file: &str, column: &str, event: &str) -> Vec<f64> {
    read_csv(file)
        .text(column)
        .into_iter()
        .map(|v| f64::from(u8::from(v.as_deref() == Some(event))))
        .collect()
}

fn check(p: &[f64], y: &[f64], rows: &Value) {
    let rows = rows.as_array().expect("array of thresholds");
    let thresholds = default_thresholds();
    assert_eq!(rows.len(), thresholds.len());
    let models = [ModelInput {
        name: "model",
        probs: p,
        harm: 0.0,
    }];
    let dc = decision_curve(y, &models, &thresholds).expect("valid input");
    for (k, row) in rows.iter().enumerate() {
        let t = row["threshold"].as_f64().expect("threshold");
        assert_rel(dc.thresholds[k], t, 1e-12, "threshold");
        let nb = row["net_benefit_model"].as_f64().expect("nb");
        let all = row["net_benefit_all"].as_f64().expect("all");
        assert_rel(dc.models[0].net_benefit[k], nb, 1e-9, &format!("NB at {t}"));
        assert_rel(dc.treat_all[k], all, 1e-9, &format!("treat all at {t}"));
        assert_eq!(dc.treat_none[k], 0.0);
    }
}

#[test]
fn asah_decision_curve() {
    let r = reference("asah.json");
    let p = nums(&r["logistic"]["fitted"]);
    check(&p, &outcome("asah.csv", "outcome", "Poor"), &r["dca"]);
}

#[test]
fn hcc_combined_decision_curve() {
    let r = reference("hcc_nomogram.json");
    let p = nums(&r["predicted_combined"]);
    check(
        &p,
        &outcome("hcc_nomogram.csv", "response", "progression"),
        &r["dca_combined"],
    );
}

/// Without censoring before the horizon, the Kaplan–Meier rates are the empirical ones, so the
/// survival decision curve equals the binary one for y = event by the horizon (1e-12 abs.).
#[test]
fn survival_curve_without_censoring_equals_binary_curve() {
    let r = reference("asah.json");
    let p = nums(&r["logistic"]["fitted"]);
    let y = outcome("asah.csv", "outcome", "Poor");
    // event at time 1 for cases, follow-up to time 2 without event for controls
    let time: Vec<f64> = y
        .iter()
        .map(|&v| if v == 1.0 { 1.0 } else { 2.0 })
        .collect();
    let status = y.clone();
    let models = [ModelInput {
        name: "model",
        probs: &p,
        harm: 0.0,
    }];
    let thr = default_thresholds();
    let s = survival_decision_curve(&time, &status, &models, 1.5, &thr).expect("valid");
    let b = decision_curve(&y, &models, &thr).expect("valid");
    for k in 0..thr.len() {
        assert!((s.models[0].net_benefit[k] - b.models[0].net_benefit[k]).abs() < 1e-12);
        assert!((s.treat_all[k] - b.treat_all[k]).abs() < 1e-12);
    }
}

/// Bootstrap intervals bracket the estimate, are reproducible and do not depend on the number
/// of threads; the difference of a model with itself is exactly 0.
#[test]
fn bootstrap_intervals_are_deterministic() {
    let r = reference("asah.json");
    let p = nums(&r["logistic"]["fitted"]);
    let y = outcome("asah.csv", "outcome", "Poor");
    let models = [
        ModelInput {
            name: "a",
            probs: &p,
            harm: 0.0,
        },
        ModelInput {
            name: "b",
            probs: &p,
            harm: 0.0,
        },
    ];
    let thr = [0.1, 0.3, 0.5];
    let params = NbBootstrapParams {
        resamples: 300,
        seed: 7,
        level: 0.95,
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| net_benefit_intervals(&y, &models, &thr, &params).expect("valid"));
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool")
        .install(|| net_benefit_intervals(&y, &models, &thr, &params).expect("valid"));
    assert_eq!(
        format!("{:?}", one.models[0].lower),
        format!("{:?}", two.models[0].lower)
    );
    for k in 0..thr.len() {
        let m = &one.models[0];
        assert!(m.lower[k] <= m.net_benefit[k] && m.net_benefit[k] <= m.upper[k]);
        assert_eq!(one.differences[0].lower[k], 0.0);
        assert_eq!(one.differences[0].upper[k], 0.0);
    }
}

#[test]
fn bad_input_is_refused() {
    let y = [0.0, 1.0];
    let p = [0.2, 1.2];
    let models = [ModelInput {
        name: "m",
        probs: &p,
        harm: 0.0,
    }];
    assert!(decision_curve(&y, &models, &[0.5]).is_err());
    let ok = [0.2, 0.8];
    let models = [ModelInput {
        name: "m",
        probs: &ok,
        harm: 0.0,
    }];
    assert_eq!(
        decision_curve(&y, &models, &[0.5, 1.0]).unwrap_err(),
        nomo_dca::DcaError::Threshold(1.0)
    );
}
