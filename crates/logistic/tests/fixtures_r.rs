//! Agreement with fixtures written by `scripts/logistic_fixtures.R` (R 4.2.2, rms 6.5-0):
//! SPSS-style p-value stepwise (score entry p < 0.05, LR removal p > 0.10), rms::vif,
//! predictions with delta-method CIs, and rms::nomogram points. Tolerances stated per test.

mod common;

use nomo_logistic::{
    Criterion, Direction, LogisticParams, Nomogram, NomogramVariable, StepwiseParams, stepwise,
};
use nomo_testdata::assert_rel;
use serde_json::Value;

fn fixtures() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/logistic_fixtures.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn tight() -> LogisticParams {
    LogisticParams {
        epsilon: 1e-14,
        max_iter: 100,
        profile: false,
        ..LogisticParams::default()
    }
}

/// Same moves in the same order; score and LR statistics and p-values 1e-6 relative
/// (p 1e-6·max(1, statistic): p's relative error grows with the statistic).
fn check_spss(key: &str, direction: Direction) {
    let f = fixtures();
    let r = &f[key];
    let scope = strings(&r["scope"]);
    let names: Vec<&str> = scope.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let params = StepwiseParams {
        direction,
        criterion: Criterion::P,
        fit: tight(),
        ..StepwiseParams::default()
    };
    let res = stepwise(&params, &design, &y).expect("stepwise");
    let steps = r["steps"].as_array().expect("steps");
    let got: Vec<&str> = res.steps.iter().map(|s| s.action.as_str()).collect();
    let want: Vec<&str> = steps
        .iter()
        .map(|s| s["action"].as_str().expect("a"))
        .collect();
    assert_eq!(got, want, "{key} moves");
    assert_eq!(res.selected, strings(&r["selected"]), "{key} selected");
    for (s, e) in res.steps.iter().zip(steps) {
        let stat = s.statistic.expect("statistic");
        assert_rel(
            stat,
            e["statistic"].as_f64().expect("s"),
            1e-6,
            &format!("{key} {} statistic", s.action),
        );
        assert_rel(
            s.p.expect("p"),
            e["p"].as_f64().expect("p"),
            1e-6 * stat.max(1.0),
            &format!("{key} {} p", s.action),
        );
    }
}

#[test]
fn spss_forward_stepwise_matches_r_emulation() {
    check_spss("spss_forward", Direction::Forward);
}

#[test]
fn spss_backward_stepwise_matches_r_emulation() {
    check_spss("spss_backward", Direction::Backward);
}

/// rms::vif to 1e-6 relative.
#[test]
fn vif_matches_rms() {
    let f = fixtures();
    let terms = strings(&f["vif"]["terms"]);
    let names: Vec<&str> = terms.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let fit = tight().fit(&design, &y).expect("fit");
    let vif = fit.vif().expect("vif");
    for (v, e) in vif.iter().zip(nomo_testdata::nums(&f["vif"]["vif"])) {
        assert_rel(v.vif, e, 1e-6, &format!("vif {}", v.term));
    }
}

/// predict(se.fit = TRUE) with plogis(η ± 1.959964·SE) to 1e-6 relative.
#[test]
fn predictions_match_r() {
    let f = fixtures();
    let p = &f["prediction"];
    let (design, y) = common::hcc(&["t2sir_post", "adc_mean_post", "nlr"]);
    let fit = tight().fit(&design, &y).expect("fit");
    let rows: Vec<Vec<f64>> = p["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(nomo_testdata::nums)
        .collect();
    let pred = fit.predict(&rows).expect("predict");
    for (i, pr) in pred.iter().enumerate() {
        let e = |k: &str| p[k][i].as_f64().expect("number");
        assert_rel(pr.linear_predictor, e("linear_predictor"), 1e-6, "lp");
        assert_rel(pr.se_linear_predictor, e("se"), 1e-6, "se");
        assert_rel(pr.probability, e("probability"), 1e-6, "probability");
        assert_rel(pr.lower, e("lower"), 1e-6, "lower");
        assert_rel(pr.upper, e("upper"), 1e-6, "upper");
    }
}

/// rms::nomogram tick values exactly, points and the scale 1e-6 relative (lrm's own
/// convergence differs from glm's at ~1e-8), per-patient total points 1e-6 relative.
fn check_nomogram(nom: &Nomogram, r: &Value) {
    assert_rel(
        nom.points_per_unit,
        r["points_per_lp"].as_f64().expect("sc"),
        1e-6,
        "scale",
    );
    let axes = r["axes"].as_array().expect("axes");
    assert_eq!(nom.axes.len(), axes.len());
    for (a, e) in nom.axes.iter().zip(axes) {
        assert_eq!(a.variable, e["variable"].as_str().expect("v"));
        let pts = nomo_testdata::nums(&e["points"]);
        assert_eq!(a.ticks.len(), pts.len(), "{} ticks", a.variable);
        for (k, (t, p)) in a.ticks.iter().zip(&pts).enumerate() {
            match &e["values"][k] {
                Value::String(level) => assert_eq!(&t.label, level),
                v => assert_rel(
                    t.value.expect("value"),
                    v.as_f64().expect("x"),
                    1e-12,
                    "tick",
                ),
            }
            if *p == 0.0 {
                assert!(t.points.abs() < 1e-9, "{} zero point", a.variable);
            } else {
                assert_rel(t.points, *p, 1e-6, &format!("{} points", a.variable));
            }
        }
    }
}

#[test]
fn nomogram_matches_rms_continuous() {
    let f = fixtures();
    let r = &f["nomogram_combined"];
    let (design, y) = common::hcc(&["t2sir_post", "adc_mean_post", "nlr"]);
    let fit = tight().fit(&design, &y).expect("fit");
    let vars = fit.nomogram_variables(&design, "reference").expect("vars");
    let nom = Nomogram::new(fit.coefficients[0].estimate, &vars).expect("nomogram");
    check_nomogram(&nom, r);
    for (eta, e) in fit
        .linear_predictor
        .iter()
        .zip(nomo_testdata::nums(&r["patient_points"]))
    {
        assert_rel(nom.total_points(*eta), e, 1e-6, "patient points");
    }
    // total points map back to the linear predictor and probability
    let t = nom.total_points(fit.linear_predictor[0]);
    assert_rel(
        nom.probability(t),
        fit.fitted[0],
        1e-12,
        "probability from points",
    );
}

#[test]
fn nomogram_matches_rms_with_a_factor() {
    let f = fixtures();
    let (design, y) = common::asah();
    let fit = tight().fit(&design, &y).expect("fit");
    let mut vars = fit.nomogram_variables(&design, "Female").expect("vars");
    // genderMale is one dummy of the factor gender: declared categorical in the design
    assert!(
        matches!(&vars[1], NomogramVariable::Categorical { levels, .. } if levels[1].0 == "Male")
    );
    vars.truncate(4);
    let nom = Nomogram::new(fit.coefficients[0].estimate, &vars).expect("nomogram");
    check_nomogram(&nom, &f["nomogram_asah"]);
}

/// R's `step` in other directions and with BIC: selected terms identical, in R's order.
#[test]
fn step_directions_and_bic_match_r() {
    let f = fixtures();
    let entered = strings(&f["spss_backward"]["scope"]);
    let names: Vec<&str> = entered.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let cases = [
        ("step_aic_forward", Direction::Forward, Criterion::Aic, None),
        (
            "step_aic_backward",
            Direction::Backward,
            Criterion::Aic,
            None,
        ),
        ("step_bic_both", Direction::Both, Criterion::Bic, None),
        (
            "step_bic_both_from_null",
            Direction::Both,
            Criterion::Bic,
            Some(Vec::new()),
        ),
    ];
    for (key, direction, criterion, start) in cases {
        let params = StepwiseParams {
            direction,
            criterion,
            start,
            fit: tight(),
            ..StepwiseParams::default()
        };
        let res = stepwise(&params, &design, &y).expect("step");
        assert_eq!(res.selected, strings(&f[key]), "{key}");
    }
}

/// drop1(test = "LRT"): deviances, AICs, LR statistics 1e-6 relative; p 1e-6·max(1, LR).
#[test]
fn drop1_matches_r() {
    let f = fixtures();
    let r = &f["drop1"];
    let vars = strings(&r["variables"]);
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let (design, y) = common::hcc(&names);
    let table = nomo_logistic::drop1(&tight(), &design, &y).expect("drop1");
    for (i, row) in table.rows.iter().enumerate() {
        assert_eq!(row.variable, vars[i]);
        assert_eq!(row.df, 1);
        let e = |k: &str| r[k][i].as_f64().expect("number");
        assert_rel(row.deviance, e("deviance"), 1e-6, "drop1 deviance");
        assert_rel(row.aic, e("aic"), 1e-6, "drop1 aic");
        assert_rel(row.lr_chisq, e("lr_chisq"), 1e-6, "drop1 lr");
        assert_rel(row.p, e("p"), 1e-6 * row.lr_chisq.max(1.0), "drop1 p");
    }
}
