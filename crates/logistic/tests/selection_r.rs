//! Univariate screen and R's `step` on hcc_nomogram.json (`univariate`, `stepwise`).
//! Tolerances: 1e-6 relative for estimates, SEs, p-values, ORs and fit statistics (fits at
//! ε = 1e-14 as the reference); entered and selected sets must be identical.

mod common;

use nomo_logistic::{
    Criterion, Direction, LogisticParams, StepwiseParams, screen_design, stepwise,
};
use nomo_testdata::{assert_rel, reference};

fn tight() -> LogisticParams {
    LogisticParams {
        epsilon: 1e-14,
        max_iter: 100,
        ..LogisticParams::default()
    }
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

#[test]
fn univariate_screen_matches_glm() {
    let r = reference("hcc_nomogram.json");
    let candidates = strings(&r["candidates"]);
    let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let rows = screen_design(&tight().without_profile(), &design, &y).expect("screen");
    let uni = r["univariate"].as_array().expect("univariate");
    assert_eq!(rows.len(), uni.len());
    let mut worst: f64 = 0.0;
    for (row, e) in rows.iter().zip(uni) {
        let v = e["variable"].as_str().expect("variable");
        assert_eq!(row.variable, v);
        let t = &row.terms[0];
        for (a, key) in [
            (t.estimate, "estimate"),
            (t.std_error, "std_error"),
            (t.p, "p"),
            (t.odds_ratio, "odds_ratio"),
            (t.or_lower, "or_lower"),
            (t.or_upper, "or_upper"),
        ] {
            let x = e[key].as_f64().expect("number");
            assert_rel(a, x, 1e-6, &format!("{v} {key}"));
            worst = worst.max(((a - x) / x).abs());
        }
    }
    eprintln!("univariate worst relative error {worst:e}");
}

#[test]
fn step_both_aic_matches_r() {
    let r = reference("hcc_nomogram.json");
    let st = &r["stepwise"];
    // entered: candidates with univariate Wald p < 0.1
    let candidates = strings(&r["candidates"]);
    let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let rows = screen_design(&tight().without_profile(), &design, &y).expect("screen");
    let entered: Vec<String> = rows
        .iter()
        .filter(|r| r.terms[0].p < 0.1)
        .map(|r| r.variable.clone())
        .collect();
    assert_eq!(entered, strings(&st["entered"]));
    let scope = design.select_variables(&entered).expect("scope");
    let params = StepwiseParams {
        direction: Direction::Both,
        criterion: Criterion::Aic,
        fit: tight(),
        ..StepwiseParams::default()
    };
    let res = stepwise(&params, &scope, &y).expect("step");
    assert_eq!(res.selected, strings(&st["selected"]));
    let worst = common::check_table(&res.fit.coefficients, &st["table"], "stepwise");
    common::check_fit(&res.fit, &st["fit"], "stepwise");
    eprintln!(
        "stepwise worst relative error {worst:e}; steps {:?}",
        res.steps.iter().map(|s| &s.action).collect::<Vec<_>>()
    );
}
