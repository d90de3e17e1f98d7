//! Exact answers: Therneau's validation vignette (6 subjects, a death and a censoring tied at
//! t = 1, two deaths tied at t = 6) and bad-input behaviour. Closed forms are derived in the
//! module docs of `cox.rs`.

use nomo_survival::{
    CoxOptions, Groups, KaplanMeier, KmOptions, SurvivalData, SurvivalError, Ties, cox_fit,
    survdiff, univariate_cox,
};

fn six() -> (SurvivalData, Vec<f64>) {
    let data =
        SurvivalData::from_binary(&[1., 1., 6., 6., 8., 9.], &[1., 0., 1., 1., 0., 1.]).unwrap();
    (data, vec![1., 1., 1., 0., 0., 0.])
}

fn fit(ties: Ties) -> nomo_survival::CoxFit {
    let (data, x) = six();
    let options = CoxOptions {
        ties,
        eps: 1e-14,
        max_iter: 100,
        conf_level: 0.95,
    };
    cox_fit(&data, &["x".to_string()], &[x], &options).unwrap()
}

#[test]
fn breslow_exact() {
    // tolerance 1e-12 relative: closed forms, converged to eps = 1e-14
    let f = fit(Ties::Breslow);
    let r = (3.0 + 33f64.sqrt()) / 2.0;
    let beta = r.ln();
    let close = |a: f64, b: f64| assert!(((a - b) / b).abs() < 1e-12, "{a} vs {b}");
    close(f.coefficients[0].coef.unwrap(), beta);
    close(f.loglik_null, -(6f64.ln()) - 2.0 * 4f64.ln());
    close(
        f.loglik,
        2.0 * beta - (3.0 * r + 3.0).ln() - 2.0 * (r + 3.0).ln(),
    );
    close(f.score_test.chisq, 1.6);
    let info = r / (r + 1.0).powi(2) + 6.0 * r / (r + 3.0).powi(2);
    close(f.coefficients[0].se.unwrap(), 1.0 / info.sqrt());
    close(f.wald_test.chisq, beta * beta * info);
}

#[test]
fn efron_exact() {
    // tolerance 1e-12 relative; β̂ solves 2 − r/(r+1) − r/(r+3) − r/(r+5) = 0 (bisection here)
    let f = fit(Ties::Efron);
    let u = |r: f64| 2.0 - r / (r + 1.0) - r / (r + 3.0) - r / (r + 5.0);
    let (mut lo, mut hi) = (1.0f64, 20.0f64);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if u(mid) > 0.0 { lo = mid } else { hi = mid }
    }
    let r = (lo + hi) / 2.0;
    let close = |a: f64, b: f64| assert!(((a - b) / b).abs() < 1e-12, "{a} vs {b}");
    close(f.coefficients[0].coef.unwrap(), r.ln());
    close(f.score_test.chisq, 169.0 / 83.0);
    close(
        f.loglik,
        2.0 * r.ln() - (3.0 * r + 3.0).ln() - (r + 3.0).ln() - ((r + 5.0) / 2.0).ln(),
    );
    let info = r / (r + 1.0).powi(2) + 3.0 * r / (r + 3.0).powi(2) + 5.0 * r / (r + 5.0).powi(2);
    close(f.coefficients[0].se.unwrap(), 1.0 / info.sqrt());
    // R 4.2.2: coxph(..., ties = "efron") gives coef 1.676857, se 1.277616 (printed digits)
    assert!((f.coefficients[0].coef.unwrap() - 1.676857).abs() < 1e-6);
    assert!((f.coefficients[0].se.unwrap() - 1.277616).abs() < 1e-6);
}

#[test]
fn six_subject_kaplan_meier() {
    // S(1) = 5/6, S(6) = 5/6 · (1 − 2/4) = 5/12, S(9) = 0 — tolerance 1e-15 absolute
    let (data, _) = six();
    let km = KaplanMeier::fit(&data, KmOptions::default()).unwrap();
    let s: Vec<f64> = km.table.iter().map(|r| r.surv).collect();
    for (a, b) in s.iter().zip([5.0 / 6.0, 5.0 / 12.0, 5.0 / 12.0, 0.0]) {
        assert!((a - b).abs() < 1e-15);
    }
    assert_eq!(km.table[0].n_censor, 1);
    assert_eq!(km.median, Some(6.0));
}

#[test]
fn monotone_likelihood_is_a_warning_not_an_estimate() {
    // every event in group x = 1 before any x = 0 subject fails: β → +∞
    let data = SurvivalData::from_binary(
        &[1., 2., 3., 4., 5., 6., 7., 8.],
        &[1., 1., 1., 1., 0., 0., 0., 0.],
    )
    .unwrap();
    let x = vec![1., 1., 1., 1., 0., 0., 0., 0.];
    let age = vec![50., 61., 47., 58., 52., 66., 49., 60.];
    let fit = cox_fit(
        &data,
        &["arm".to_string(), "age".to_string()],
        &[x, age],
        &CoxOptions::default(),
    )
    .unwrap();
    assert_eq!(fit.coefficients[0].coef, None);
    assert_eq!(fit.coefficients[0].hr, None);
    assert!(fit.coefficients[1].coef.is_some());
    assert_eq!(fit.warnings.len(), 1);
    assert!(fit.warnings[0].contains("arm"), "{}", fit.warnings[0]);
}

#[test]
fn no_events_and_constant_covariates() {
    let data = SurvivalData::from_binary(&[1., 2., 3.], &[0., 0., 0.]).unwrap();
    assert_eq!(
        cox_fit(
            &data,
            &["x".to_string()],
            &[vec![1., 2., 3.]],
            &CoxOptions::default()
        ),
        Err(SurvivalError::NoEvents { n: 3 })
    );
    let km = KaplanMeier::fit(&data, KmOptions::default()).unwrap();
    assert_eq!((km.events, km.median, km.median_upper), (0, None, None));
    let data = SurvivalData::from_binary(&[1., 2., 3.], &[1., 0., 1.]).unwrap();
    assert!(matches!(
        cox_fit(
            &data,
            &["x".to_string()],
            &[vec![2., 2., 2.]],
            &CoxOptions::default()
        ),
        Err(SurvivalError::Singular { .. })
    ));
    let rows = univariate_cox(
        &data,
        &["c".to_string(), "x".to_string()],
        &[vec![2., 2., 2.], vec![1., f64::NAN, 3.]],
        &CoxOptions::default(),
    )
    .unwrap();
    assert!(rows[0].note.is_some() && rows[0].hr.is_none());
    assert_eq!(rows[1].n, 2);
}

#[test]
fn group_without_events_has_no_median() {
    let data =
        SurvivalData::from_binary(&[1., 2., 3., 4., 5., 6.], &[1., 1., 1., 0., 0., 0.]).unwrap();
    let groups = Groups::from_labels(&["a", "a", "a", "b", "b", "b"]);
    let rows = groups.rows();
    let b = KaplanMeier::fit(&data.subset(&rows[1]), KmOptions::default()).unwrap();
    assert_eq!((b.events, b.median, b.median_lower), (0, None, None));
    let test = survdiff(&data, &groups, None, 0.0).unwrap();
    assert_eq!(test.observed, vec![3.0, 0.0]);
}
