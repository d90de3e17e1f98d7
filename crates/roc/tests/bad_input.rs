//! Bad input: typed errors or defined results, never a panic.

use nomo_roc::{
    Alternative, BestWeights, BootstrapParams, Direction, DirectionRule, PartialFocus, Roc,
    RocError, bootstrap_paired, delong_joint, delong_paired, dichotomize,
};

const AUTO: DirectionRule = DirectionRule::Auto;

#[test]
fn one_class_only_is_an_error() {
    let s = [1.0, 2.0, 3.0];
    assert_eq!(
        Roc::new(&s, &[true; 3], AUTO).unwrap_err(),
        RocError::NoControls { n_cases: 3 }
    );
    assert_eq!(
        Roc::new(&s, &[false; 3], AUTO).unwrap_err(),
        RocError::NoCases { n_controls: 3 }
    );
    assert!(matches!(
        Roc::new(&[], &[], AUTO).unwrap_err(),
        RocError::NoCases { n_controls: 0 }
    ));
}

#[test]
fn non_finite_scores_and_length_mismatch_are_errors() {
    let y = [true, false, true];
    let e = Roc::new(&[1.0, f64::NAN, 2.0], &y, AUTO).unwrap_err();
    assert!(matches!(e, RocError::NonFiniteScore { index: 1, value } if value.is_nan()));
    let e = Roc::new(&[1.0, 2.0, f64::INFINITY], &y, AUTO).unwrap_err();
    assert_eq!(
        e,
        RocError::NonFiniteScore {
            index: 2,
            value: f64::INFINITY
        }
    );
    let e = Roc::new(&[1.0, 2.0], &y, AUTO).unwrap_err();
    assert_eq!(
        e,
        RocError::LengthMismatch {
            scores: 2,
            outcome: 3
        }
    );
}

#[test]
fn constant_score_has_auc_one_half_and_both_infinite_youden_thresholds() {
    let y = [true, false, true, false, false];
    let roc = Roc::new(&[3.0; 5], &y, AUTO).unwrap();
    assert_eq!(roc.auc(), 0.5);
    assert_eq!(roc.curve().len(), 2);
    let d = roc.delong(0.95).unwrap();
    assert_eq!(d.variance, 0.0);
    assert_eq!((d.ci_lower, d.ci_upper), (0.5, 0.5));
    // pROC: coords(roc, "best") gives -Inf and Inf
    let best = roc.youden(0.95).unwrap();
    let t: Vec<f64> = best.iter().map(|c| c.threshold).collect();
    assert_eq!(t, vec![f64::NEG_INFINITY, f64::INFINITY]);
    let json = serde_json::to_string(&roc.summary(0.95).unwrap()).unwrap();
    assert!(json.contains("\"threshold\":null"), "{json}");
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}

#[test]
fn paired_tests_over_different_patients_are_errors() {
    let a = Roc::new(&[1.0, 2.0, 3.0, 4.0], &[false, false, true, true], AUTO).unwrap();
    let b = Roc::new(&[1.0, 2.0, 3.0], &[false, true, true], AUTO).unwrap();
    let c = Roc::new(&[1.0, 2.0, 3.0, 4.0], &[false, true, false, true], AUTO).unwrap();
    let e = delong_paired(&a, &b, Alternative::TwoSided, 0.95).unwrap_err();
    assert_eq!(
        e,
        RocError::NotPaired {
            n_a: 4,
            n_b: 3,
            first_difference: Some(1)
        }
    );
    let e = delong_paired(&a, &c, Alternative::TwoSided, 0.95).unwrap_err();
    assert_eq!(
        e,
        RocError::NotPaired {
            n_a: 4,
            n_b: 4,
            first_difference: Some(1)
        }
    );
    let p = BootstrapParams::default();
    assert!(matches!(
        bootstrap_paired(&a, &c, Alternative::TwoSided, &p).unwrap_err(),
        RocError::NotPaired { .. }
    ));
    assert_eq!(
        delong_joint(&[&a, &a]).unwrap_err(),
        RocError::TooFewCurves(2)
    );
}

#[test]
fn identical_scores_give_undefined_statistics_not_nan() {
    let y = [false, true, false, true, true, false];
    let s = [0.1, 0.9, 0.4, 0.3, 0.8, 0.2];
    let a = Roc::new(&s, &y, AUTO).unwrap();
    let t = delong_paired(&a, &a, Alternative::TwoSided, 0.95).unwrap();
    assert_eq!((t.statistic, t.p), (None, None));
    assert_eq!(t.difference, 0.0);
    assert!(matches!(
        delong_joint(&[&a, &a, &a]).unwrap_err(),
        RocError::SingularContrast { .. }
    ));
}

#[test]
fn too_few_observations_for_variance_and_bad_parameters() {
    let roc = Roc::new(&[1.0, 2.0, 3.0], &[false, false, true], AUTO).unwrap();
    assert_eq!(roc.auc(), 1.0);
    assert_eq!(
        roc.delong(0.95).unwrap_err(),
        RocError::VarianceUndefined {
            n_cases: 1,
            n_controls: 2
        }
    );
    let s = roc.summary(0.95).unwrap();
    assert_eq!((s.variance, s.ci_lower), (None, None));
    assert_eq!(roc.delong(1.0).unwrap_err(), RocError::InvalidLevel(1.0));
    assert!(matches!(
        roc.partial_auc(PartialFocus::Specificity, 0.5, 0.5)
            .unwrap_err(),
        RocError::InvalidRange { .. }
    ));
    let w = BestWeights {
        cost: 1.0,
        prevalence: 1.0,
    };
    assert!(matches!(
        roc.best_thresholds(nomo_roc::BestMethod::Youden, w, 0.95)
            .unwrap_err(),
        RocError::InvalidWeights { .. }
    ));
    assert_eq!(
        roc.coords(f64::NAN, 0.95).unwrap_err(),
        RocError::NanThreshold
    );
    let p = BootstrapParams {
        replicates: 1,
        ..Default::default()
    };
    assert_eq!(
        roc.bootstrap_auc_ci(&p).unwrap_err(),
        RocError::TooFewReplicates(1)
    );
}

#[test]
fn auto_direction_follows_the_median_rule_and_may_give_auc_below_one_half() {
    // controls' median (2) ≤ cases' median (2) → "<", yet most case–control pairs favour controls
    let y = [false, false, false, true, true, true];
    let s = [2.0, 2.0, 2.0, 0.0, 2.0, 2.0];
    let roc = Roc::new(&s, &y, AUTO).unwrap();
    assert_eq!(roc.direction(), Direction::Less);
    assert!(roc.auc() < 0.5, "{}", roc.auc());
    let gt = Roc::new(&s, &y, DirectionRule::Fixed(Direction::Greater)).unwrap();
    assert!((roc.auc() + gt.auc() - 1.0).abs() < 1e-15);
}

#[test]
fn dichotomize_follows_the_direction() {
    let v = [1.0, 2.0, 3.0];
    assert_eq!(
        dichotomize(&v, 2.0, Direction::Less).unwrap(),
        vec![0.0, 1.0, 1.0]
    );
    assert_eq!(
        dichotomize(&v, 2.0, Direction::Greater).unwrap(),
        vec![1.0, 1.0, 0.0]
    );
    assert_eq!(
        dichotomize(&[1.0, f64::NAN], 2.0, Direction::Less)
            .unwrap_err()
            .to_string(),
        "score at position 1 is not finite (NaN)"
    );
}

#[test]
fn bootstrap_is_identical_at_any_thread_count() {
    let y: Vec<bool> = (0..200).map(|i| i % 3 == 0).collect();
    let s: Vec<f64> = (0..200)
        .map(|i| ((i * 37) % 101) as f64 + if i % 3 == 0 { 20.0 } else { 0.0 })
        .collect();
    let s2: Vec<f64> = (0..200).map(|i| ((i * 53) % 89) as f64).collect();
    let a = Roc::new(&s, &y, AUTO).unwrap();
    let b = Roc::new(&s2, &y, AUTO).unwrap();
    let p = BootstrapParams {
        replicates: 500,
        seed: 7,
        level: 0.95,
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let ci = a.bootstrap_auc_ci(&p).unwrap();
            let t = bootstrap_paired(&a, &b, Alternative::TwoSided, &p).unwrap();
            let c = a.bootstrap_coords_ci(50.0, &p).unwrap();
            serde_json::to_string(&(ci, t, c)).unwrap()
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    let other_seed = BootstrapParams { seed: 8, ..p };
    assert_ne!(
        serde_json::to_string(&a.bootstrap_auc_ci(&other_seed).unwrap()).unwrap(),
        serde_json::to_string(&a.bootstrap_auc_ci(&p).unwrap()).unwrap()
    );
}
