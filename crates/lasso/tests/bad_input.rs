//! Bad input and invariants on small synthetic data (no R needed).

use nomo_lasso::{CvParams, Design, Folds, LassoError, LassoParams, Measure, Response};

/// A deterministic 40 × 4 design: three varying columns and one constant.
fn data() -> (Design, Vec<f64>) {
    let n = 40;
    let a: Vec<f64> = (0..n).map(|i| ((i * 7) % 11) as f64 - 5.0).collect();
    let b: Vec<f64> = (0..n).map(|i| ((i * 3) % 7) as f64 * 0.5).collect();
    let c: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
    let k = vec![2.5; n];
    let y: Vec<f64> = (0..n)
        .map(|i| f64::from(u8::from(a[i] + 2.0 * c[i] + ((i * 5) % 3) as f64 > 0.5)))
        .collect();
    let d = Design::new(
        vec!["a".into(), "b".into(), "c".into(), "k".into()],
        vec![a, b, c, k],
    )
    .expect("design");
    (d, y)
}

#[test]
fn constant_feature_stays_zero_and_is_reported() {
    let (d, y) = data();
    let path = LassoParams::default()
        .fit(&d, &Response::Binomial(y))
        .expect("fit");
    assert_eq!(path.constant_features, vec!["k".to_string()]);
    // Tolerance: exact zero at every lambda, as glmnet leaves a constant column.
    assert!(path.beta.iter().all(|b| b[3] == 0.0));
}

#[test]
fn fewer_rows_than_folds_is_refused() {
    let (d, y) = data();
    let cv = CvParams {
        path: LassoParams::default(),
        folds: Folds::Random {
            nfolds: 41,
            seed: 1,
        },
        measure: None,
    };
    assert_eq!(
        cv.fit(&d, &Response::Binomial(y)).unwrap_err(),
        LassoError::FewerRowsThanFolds { n: 40, nfolds: 41 }
    );
}

#[test]
fn auc_fold_with_one_class_is_an_error() {
    let (d, mut y) = data();
    // Fold 1 holds rows 0, 4, 8, …: make them all non-events.
    let foldid: Vec<usize> = (0..40).map(|i| i % 4 + 1).collect();
    for i in (0..40).step_by(4) {
        y[i] = 0.0;
    }
    let cv = CvParams {
        path: LassoParams::default(),
        folds: Folds::Ids(foldid),
        measure: Some(Measure::Auc),
    };
    assert_eq!(
        cv.fit(&d, &Response::Binomial(y)).unwrap_err(),
        LassoError::SingleClassFold {
            fold: 1,
            class: 0.0
        }
    );
}

#[test]
fn cox_non_positive_times_are_refused_with_their_rows() {
    let (d, _) = data();
    let mut time: Vec<f64> = (0..40).map(|i| 1.0 + i as f64).collect();
    let status: Vec<f64> = (0..40).map(|i| f64::from(u8::from(i % 3 != 0))).collect();
    time[4] = 0.0;
    time[9] = -1.0;
    let err = LassoParams::default()
        .fit(&d, &Response::Cox { time, status })
        .unwrap_err();
    assert_eq!(err, LassoError::NonPositiveTime { rows: vec![5, 10] });
}

#[test]
fn auc_falls_back_to_deviance_with_fewer_than_ten_per_fold() {
    let (d, y) = data();
    let cv = CvParams {
        path: LassoParams::default(),
        folds: Folds::Random { nfolds: 5, seed: 3 },
        measure: Some(Measure::Auc),
    };
    let r = cv.fit(&d, &Response::Binomial(y)).expect("cv");
    assert_eq!(r.measure, Measure::Deviance);
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn identical_results_at_any_thread_count() {
    let (d, y) = data();
    let cv = CvParams {
        path: LassoParams::default(),
        folds: Folds::Random {
            nfolds: 4,
            seed: 11,
        },
        measure: None,
    };
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| cv.fit(&d, &Response::Binomial(y.clone())).expect("cv"))
    };
    let (one, two) = (run(1), run(2));
    // Tolerance: bit-identical.
    assert_eq!(one.cvm, two.cvm);
    assert_eq!(one.cvsd, two.cvsd);
    assert_eq!(one.oof, two.oof);
}

#[test]
fn rad_score_is_the_linear_predictor_of_the_selected_features() {
    let (d, y) = data();
    let path = LassoParams::default()
        .fit(&d, &Response::Binomial(y))
        .expect("fit");
    let k = path.len() / 2;
    let score = path.linear_predictor(&d, k).expect("score");
    let coef = path.coefficients(k).expect("coef");
    let manual: f64 = coef.get("(Intercept)").expect("intercept")
        + path
            .selected(k)
            .expect("selected")
            .iter()
            .map(|name| {
                let j = d.names().iter().position(|n| n == name).expect("name");
                coef.get(name).expect("value") * d.column(j)[0]
            })
            .sum::<f64>();
    // Tolerance: 1e-12 relative (same sum in another order).
    assert!((score[0] - manual).abs() <= 1e-12 * manual.abs().max(1.0));
}

#[test]
fn cv_checks_the_response_and_settings_before_any_fold_is_fitted() {
    // The fold fits run beside the full one: a response of the wrong length or penalty factors
    // for the wrong number of features must give the error, not fail inside a fold.
    let (d, mut y) = data();
    y.pop();
    let cv = CvParams {
        path: LassoParams::default(),
        folds: Folds::Random { nfolds: 4, seed: 1 },
        measure: None,
    };
    assert_eq!(
        cv.fit(&d, &Response::Binomial(y)).unwrap_err(),
        LassoError::ResponseLength { len: 39, rows: 40 }
    );
    let (d, y) = data();
    let cv = CvParams {
        path: LassoParams {
            penalty_factor: Some(vec![1.0; 3]),
            ..LassoParams::default()
        },
        ..cv
    };
    assert!(matches!(
        cv.fit(&d, &Response::Binomial(y)).unwrap_err(),
        LassoError::PenaltyFactor(_)
    ));
}
