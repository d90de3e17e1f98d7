//! Bad input: probabilities outside [0, 1] are errors; exact 0/1 predictions are left out of
//! the logit-based statistics and reported (as rms::val.prob); fewer distinct predictions than
//! Hosmer–Lemeshow groups give fewer groups, reported, with df from the requested g.

use nomo_calibration::{CalibrationError, hosmer_lemeshow, val_prob};
use nomo_testdata::{nums, reference};

fn asah() -> (Vec<f64>, Vec<f64>) {
    let r = reference("asah.json");
    let p = nums(&r["logistic"]["fitted"]);
    let y = nomo_testdata::read_csv("asah.csv")
        .text("outcome")
        .into_iter()
        .map(|v| f64::from(u8::from(v.as_deref() == Some("Poor"))))
        .collect();
    (p, y)
}

#[test]
fn probability_outside_unit_interval_is_an_error() {
    let (mut p, y) = asah();
    p[7] = 1.5;
    assert_eq!(
        val_prob(&p, &y).unwrap_err(),
        CalibrationError::ProbabilityOutOfRange {
            index: 7,
            value: 1.5
        }
    );
    p[7] = f64::NAN;
    assert!(matches!(
        hosmer_lemeshow(&p, &y, 10),
        Err(CalibrationError::ProbabilityOutOfRange { index: 7, .. })
    ));
}

#[test]
fn exact_zero_and_one_are_left_out_of_the_logistic_calibration() {
    let (mut p, y) = asah();
    let i0 = y.iter().position(|&v| v == 0.0).expect("a control");
    let i1 = y.iter().position(|&v| v == 1.0).expect("a case");
    p[i0] = 0.0;
    p[i1] = 1.0;
    let v = val_prob(&p, &y).expect("defined");
    assert_eq!(v.n_extreme, 2);
    assert_eq!(v.n, 113);
    assert_eq!(v.notes.len(), 1);
    assert!(v.u.is_some());
    // the logistic statistics equal those of the other 111 rows (exactly: same arithmetic)
    let keep: Vec<usize> = (0..p.len()).filter(|&i| i != i0 && i != i1).collect();
    let p2: Vec<f64> = keep.iter().map(|&i| p[i]).collect();
    let y2: Vec<f64> = keep.iter().map(|&i| y[i]).collect();
    let w = val_prob(&p2, &y2).expect("defined");
    assert_eq!(v.slope, w.slope);
    assert_eq!(v.r2, w.r2);
    // a 0 prediction for a case makes U undefined
    p[i1] = 0.0;
    let v = val_prob(&p, &y).expect("defined");
    assert!(v.u.is_none() && v.q.is_none());
    assert!(v.brier.is_finite());
}

#[test]
fn degenerate_outcomes_and_predictions_are_errors() {
    let p = [0.2, 0.4, 0.6];
    assert!(matches!(
        val_prob(&p, &[1.0, 1.0, 1.0]),
        Err(CalibrationError::OneClass { events: 3, n: 3 })
    ));
    assert!(matches!(
        val_prob(&[0.3, 0.3, 0.3], &[0.0, 1.0, 1.0]),
        Err(CalibrationError::ConstantPredictions { .. })
    ));
    assert!(matches!(
        val_prob(&p, &[0.0, 2.0, 1.0]),
        Err(CalibrationError::OutcomeNotBinary { index: 1, .. })
    ));
    assert!(matches!(
        hosmer_lemeshow(&p, &[0.0, 1.0, 1.0], 1),
        Err(CalibrationError::Groups(1))
    ));
}

#[test]
fn fewer_distinct_predictions_than_groups_are_reported() {
    let (p, y) = asah();
    let coarse: Vec<f64> = p.iter().map(|v| (v * 4.0).round() / 4.0).collect();
    let distinct = {
        let mut d = coarse.clone();
        d.sort_by(f64::total_cmp);
        d.dedup();
        d.len()
    };
    let hl = hosmer_lemeshow(&coarse, &y, 10).expect("defined");
    assert!(hl.groups_formed <= distinct && hl.groups_formed < 10);
    assert_eq!(hl.df, 8);
    assert!(hl.notes[0].contains("groups formed"));
    assert_eq!(hl.groups.iter().map(|g| g.n).sum::<usize>(), 113);
}
