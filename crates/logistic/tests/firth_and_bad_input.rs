//! Firth's penalised likelihood on a hand-derived case, separation, singular designs,
//! non-convergence, invalid input, and linfa-logistic as an independent check.

mod common;

use nomo_logistic::{Design, LogisticError, LogisticParams};
use nomo_testdata::assert_rel;

/// x = 0: 5 events, 5 non-events; x = 1: 10 events, 0 non-events (quasi-complete separation).
fn two_by_two() -> (Design, Vec<f64>) {
    let mut x = vec![0.0; 10];
    x.extend(vec![1.0; 10]);
    let mut y = vec![1.0; 5];
    y.extend(vec![0.0; 5]);
    y.extend(vec![1.0; 10]);
    (Design::new(vec!["x".into()], vec![x]), y)
}

/// Penalised log-likelihood of the saturated two-group model, up to a constant: with
/// ½log|XᵀWX| = ½log(n₀w₀·n₁w₁) it is Σ_g (e_g + ½)η_g − (n_g + 1)log(1 + e^{η_g}),
/// a binomial likelihood with half a pseudo-event and half a pseudo-non-event per cell.
fn pseudo_loglik(b0: f64, b1: f64) -> f64 {
    let cell = |e: f64, n: f64, eta: f64| (e + 0.5) * eta - (n + 1.0) * (1.0 + eta.exp()).ln();
    cell(5.0, 10.0, b0) + cell(10.0, 10.0, b0 + b1)
}

/// max over β₀ of the pseudo log-likelihood at β₁ = b (bisection on the concave score).
fn profile(b: f64) -> f64 {
    let score = |b0: f64| {
        let m0 = 1.0 / (1.0 + (-b0).exp());
        let m1 = 1.0 / (1.0 + (-(b0 + b)).exp());
        5.5 - 11.0 * m0 + 10.5 - 11.0 * m1
    };
    let (mut lo, mut hi) = (-60.0, 60.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if score(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    pseudo_loglik(0.5 * (lo + hi), b)
}

/// Firth on a 2×2 table equals the Haldane correction (Firth 1993; Heinze & Schemper 2002):
/// β₁ = log((10.5·5.5)/(0.5·5.5)) = log 21, β₀ = log(5.5/5.5) = 0. Profile penalised-likelihood
/// limits are checked against an independent bisection on the closed-form pseudo-likelihood.
/// Tolerances: estimates 1e-9 (absolute for β₀ = 0), profile limits 1e-6 relative.
#[test]
fn firth_two_by_two_is_haldane_and_profile_limits_agree() {
    let (design, y) = two_by_two();
    let params = LogisticParams {
        firth: true,
        ..LogisticParams::default()
    };
    let fit = params.fit(&design, &y).expect("firth fit");
    assert!(fit.coefficients[0].estimate.abs() < 1e-9);
    assert_rel(
        fit.coefficients[1].estimate,
        21f64.ln(),
        1e-9,
        "firth beta1",
    );
    assert!(fit.separation.is_none());
    let max = pseudo_loglik(0.0, 21f64.ln());
    let crit = 1.959_963_984_540_054f64.powi(2) / 2.0;
    let root = |mut inside: f64, mut outside: f64| {
        for _ in 0..200 {
            let mid = 0.5 * (inside + outside);
            if max - profile(mid) < crit {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        0.5 * (inside + outside)
    };
    let b = 21f64.ln();
    let lo = root(b, b - 20.0);
    let hi = root(b, b + 20.0);
    assert_rel(
        fit.coefficients[1].or_profile_lower.expect("lo"),
        lo.exp(),
        1e-6,
        "lower",
    );
    assert_rel(
        fit.coefficients[1].or_profile_upper.expect("hi"),
        hi.exp(),
        1e-6,
        "upper",
    );
    // intercept-only Firth: p̂ = (k + ½)/(n + 1)
    let empty = Design::empty();
    let f0 = params.fit(&empty, &y).expect("null firth");
    assert_rel(f0.fitted[0], 15.5 / 21.0, 1e-9, "null firth p");
}

#[test]
fn quasi_complete_separation_is_detected_and_named() {
    let (design, y) = two_by_two();
    let fit = LogisticParams::default().fit(&design, &y).expect("fit");
    let sep = fit.separation.expect("separation");
    assert_eq!(sep.kind, "quasi-complete");
    assert_eq!(sep.terms, vec!["x".to_string()]);
    assert_eq!(sep.n_fitted_extreme, 10);
    assert!(fit.warnings.iter().any(|w| w.contains("separation")));
    assert!(fit.coefficients[1].or_profile_upper.is_none());
}

#[test]
fn complete_separation_is_detected() {
    let x: Vec<f64> = (1..=10).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|&v| if v > 5.0 { 1.0 } else { 0.0 }).collect();
    let design = Design::new(vec!["x".into()], vec![x]);
    let fit = LogisticParams::default().fit(&design, &y).expect("fit");
    let sep = fit.separation.expect("separation");
    assert_eq!(sep.kind, "complete");
    assert_eq!(sep.terms, vec!["(Intercept)".to_string(), "x".to_string()]);
}

#[test]
fn asah_has_no_separation_despite_an_extreme_fitted_value() {
    let (design, y) = common::asah();
    let fit = LogisticParams::default()
        .without_profile()
        .fit(&design, &y)
        .expect("fit");
    assert!(fit.fitted.iter().any(|&p| p > 1.0 - 1e-8));
    assert!(fit.separation.is_none());
    assert!(fit.warnings.is_empty(), "{:?}", fit.warnings);
}

#[test]
fn singular_design_names_the_aliased_terms() {
    let (design, y) = common::asah();
    let mut d = design.clone();
    let sum: Vec<f64> = d.columns[0]
        .iter()
        .zip(&d.columns[2])
        .map(|(a, b)| a + 2.0 * b)
        .collect();
    d.names.push("age_s100b".into());
    d.variables.push("age_s100b".into());
    d.columns.push(sum);
    d.names.push("constant".into());
    d.variables.push("constant".into());
    d.columns.push(vec![3.0; y.len()]);
    match LogisticParams::default().fit(&d, &y) {
        Err(LogisticError::Singular { aliased }) => {
            assert_eq!(
                aliased,
                vec!["age_s100b".to_string(), "constant".to_string()]
            );
        }
        other => panic!("expected a singular design, got {other:?}"),
    }
}

#[test]
fn non_convergence_is_an_error_with_history() {
    let (design, y) = common::asah();
    let params = LogisticParams {
        max_iter: 2,
        ..LogisticParams::default()
    };
    match params.fit(&design, &y) {
        Err(LogisticError::NotConverged { history, .. }) => {
            assert_eq!(history.len(), 2);
            assert!(history[1].deviance < history[0].deviance);
        }
        other => panic!("expected non-convergence, got {other:?}"),
    }
}

#[test]
fn low_events_per_variable_warns() {
    let (design, y) = common::hcc(&["t2sir_post", "adc_mean_post", "nlr"]);
    let fit = LogisticParams::default()
        .without_profile()
        .fit(&design, &y)
        .expect("fit");
    assert!(
        fit.warnings
            .iter()
            .any(|w| w.contains("events per variable"))
    );
}

#[test]
fn invalid_input_is_a_typed_error() {
    let d = Design::new(vec!["x".into()], vec![vec![1.0, 2.0, 3.0]]);
    let p = LogisticParams::default();
    assert!(matches!(
        p.fit(&d, &[0.0, 2.0, 1.0]),
        Err(LogisticError::OutcomeNotBinary { row: 1, .. })
    ));
    assert!(matches!(
        p.fit(&d, &[1.0, 1.0, 1.0]),
        Err(LogisticError::SingleClass { .. })
    ));
    assert!(matches!(
        p.fit(&d, &[0.0, 1.0]),
        Err(LogisticError::LengthMismatch { .. })
    ));
    let nan = Design::new(vec!["x".into()], vec![vec![1.0, f64::NAN, 3.0]]);
    assert!(matches!(
        p.fit(&nan, &[0.0, 1.0, 1.0]),
        Err(LogisticError::NonFinite { row: 1, .. })
    ));
    assert!(matches!(p.fit(&d, &[]), Err(LogisticError::Empty)));
    let bad = LogisticParams {
        epsilon: -1.0,
        ..LogisticParams::default()
    };
    assert!(matches!(
        bad.fit(&d, &[0.0, 1.0, 1.0]),
        Err(LogisticError::InvalidParameter { .. })
    ));
    let fit = p.fit(&d, &[0.0, 1.0, 0.0]).expect("fit");
    assert!(matches!(
        fit.predict(&[vec![1.0, 2.0]]),
        Err(LogisticError::PredictionWidth { .. })
    ));
}

/// linfa-logistic (L-BFGS, no penalty) as an independent check of the point estimates on asah;
/// its positive class is the larger one (Good), so its coefficients are ours negated.
/// Tolerance 1e-4 relative (a quasi-Newton optimiser stopped on the gradient norm).
#[test]
fn linfa_logistic_agrees_on_point_estimates() {
    use linfa::prelude::*;
    let (design, y) = common::asah();
    let fit = LogisticParams::default()
        .without_profile()
        .fit(&design, &y)
        .expect("fit");
    let n = y.len();
    let records =
        ndarray::Array2::from_shape_fn((n, design.columns.len()), |(i, j)| design.columns[j][i]);
    let targets = ndarray::Array1::from_iter(y.iter().map(|&v| v as usize));
    let data = Dataset::new(records, targets);
    let model = linfa_logistic::LogisticRegression::default()
        .alpha(0.0)
        .gradient_tolerance(1e-12)
        .max_iterations(10_000)
        .fit(&data)
        .expect("linfa fit");
    assert_rel(
        -model.intercept(),
        fit.coefficients[0].estimate,
        1e-4,
        "linfa intercept",
    );
    for (j, b) in model.params().iter().enumerate() {
        assert_rel(-b, fit.coefficients[j + 1].estimate, 1e-4, "linfa slope");
    }
}
