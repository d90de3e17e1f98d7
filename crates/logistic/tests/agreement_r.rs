//! Agreement with R's glm/confint on the shipped references (asah.json `logistic`,
//! hcc_nomogram.json `models`). Tolerances: 1e-6 relative for estimates, SEs, z, p, ORs,
//! Wald and exact profile limits and fit statistics (p-values 1e-6·max(1, z²)); 1e-3 standard
//! errors on the log-odds scale against R's interpolated `confint`. The fits run at ε = 1e-14 as the references did.

mod common;

use nomo_logistic::LogisticParams;
use nomo_testdata::{assert_rel, reference};

fn tight() -> LogisticParams {
    LogisticParams {
        epsilon: 1e-14,
        max_iter: 100,
        ..LogisticParams::default()
    }
}

#[test]
fn asah_logistic_matches_glm_and_exact_profile_limits() {
    let (design, y) = common::asah();
    let fit = tight().fit(&design, &y).expect("fit");
    let r = &reference("asah.json")["logistic"];
    let worst = common::check_table(&fit.coefficients, &r["table"], "asah");
    common::check_fit(&fit, &r["fit"], "asah");
    let fitted = nomo_testdata::nums(&r["fitted"]);
    for (a, e) in fit.fitted.iter().zip(&fitted) {
        assert_rel(*a, *e, 1e-6, "asah fitted");
    }
    eprintln!("asah worst relative error {worst:e}");
}

#[test]
fn hcc_models_match_glm() {
    let r = reference("hcc_nomogram.json");
    for model in ["imaging", "clinical", "combined"] {
        let m = &r["models"][model];
        let terms: Vec<String> = match &m["terms"] {
            serde_json::Value::String(s) => vec![s.clone()],
            v => v
                .as_array()
                .expect("terms")
                .iter()
                .map(|t| t.as_str().expect("term").to_string())
                .collect(),
        };
        let names: Vec<&str> = terms.iter().map(String::as_str).collect();
        let (design, y) = common::hcc(&names);
        let fit = tight().fit(&design, &y).expect("fit");
        let worst = common::check_table(&fit.coefficients, &m["table"], model);
        common::check_fit(&fit, &m["fit"], model);
        eprintln!("{model} worst relative error {worst:e}");
    }
}
