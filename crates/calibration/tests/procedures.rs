//! Refitting a whole modelling procedure: a stepwise search whose lower scope is the full model
//! cannot drop anything, so its bootstrap validation must equal the fixed model's exactly
//! (same seed, same resamples); with a free search the selection adds optimism, so the
//! corrected Dxy is below the apparent one.

use nomo_calibration::{BootstrapParams, LogisticRefit, StepwiseRefit, bootstrap_validate};
use nomo_logistic::{Design, LogisticParams, StepwiseParams};
use nomo_testdata::read_csv;

fn asah() -> (Design, Vec<f64>) {
    let csv = read_csv("asah.csv");
    let y = csv
        .text("outcome")
        .into_iter()
        .map(|v| f64::from(u8::from(v.as_deref() == Some("Poor"))))
        .collect();
    let male = csv
        .text("gender")
        .into_iter()
        .map(|v| f64::from(u8::from(v.as_deref() == Some("Male"))))
        .collect();
    let design = Design::new(
        vec![
            "age".into(),
            "genderMale".into(),
            "s100b".into(),
            "ndka".into(),
            "wfns".into(),
        ],
        vec![
            csv.num_complete("age"),
            male,
            csv.num_complete("s100b"),
            csv.num_complete("ndka"),
            csv.num_complete("wfns"),
        ],
    );
    (design, y)
}

#[test]
fn forced_stepwise_equals_fixed_model() {
    let (design, y) = asah();
    let params = BootstrapParams {
        resamples: 30,
        seed: 11,
    };
    let fixed = LogisticRefit::new(&design, &y, LogisticParams::default());
    let forced = StepwiseRefit::new(
        &design,
        &y,
        StepwiseParams {
            lower: design.names.clone(),
            ..StepwiseParams::default()
        },
    );
    let a = bootstrap_validate(&fixed, &y, &params, None).expect("valid");
    let b = bootstrap_validate(&forced, &y, &params, None).expect("valid");
    for (i, j) in a.indices.iter().zip(&b.indices) {
        let (x, z) = (i.corrected.expect("x"), j.corrected.expect("z"));
        assert!(
            (x - z).abs() <= 1e-9,
            "{}: {x} vs {z} (abs. tolerance 1e-9)",
            i.name
        );
    }
}

#[test]
fn free_stepwise_selection_is_validated() {
    let (design, y) = asah();
    let params = BootstrapParams {
        resamples: 30,
        seed: 5,
    };
    let free = StepwiseRefit::new(&design, &y, StepwiseParams::default());
    let v = bootstrap_validate(&free, &y, &params, None).expect("valid");
    assert_eq!(v.successful, 30);
    let dxy = &v.indices[0];
    assert_eq!(dxy.name, "Dxy");
    assert!(dxy.optimism.expect("optimism") > 0.0);
    assert!(dxy.corrected.expect("corrected") < dxy.apparent);
}
