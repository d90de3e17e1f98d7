//! Bootstrap validation of the aSAH model (Poor ~ age + gender + s100b + ndka) against
//! `rms::validate` and `rms::calibrate` with B = 2000 (fixture
//! `fixtures/asah_validate.json`, written by `scripts/calibration_bootstrap.R`).
//!
//! * Apparent indices and the apparent calibration curve are deterministic: 1e-6 relative
//!   (R's `lrm` fit at tol 1e-14 against nomo-logistic's; lowess is exact).
//! * Optimism-corrected Dxy and slope are Monte-Carlo estimates from independent resamples in R
//!   and here. Each has standard error σ/√B, σ the SD of trainingᵣ − testᵣ, which nomo reports
//!   (`optimism_se`); their difference has SE √2·σ/√B. The tolerance is 4 × that (≈ 0.003 for
//!   Dxy and ≈ 0.009 for the slope here): a correct implementation fails with probability
//!   6·10⁻⁵, while a wrong convention (e.g. test indices without the recalibration refit, or
//!   optimism of the wrong sign) moves the estimates by far more.

use nomo_calibration::{BootstrapParams, LogisticRefit, bootstrap_validate};
use nomo_logistic::{Design, LogisticParams};
use nomo_testdata::{assert_rel, read_csv};
use serde_json::Value;

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
    let design = Design::with_variables(
        vec![
            "age".into(),
            "genderMale".into(),
            "s100b".into(),
            "ndka".into(),
        ],
        vec!["age".into(), "gender".into(), "s100b".into(), "ndka".into()],
        vec![
            csv.num_complete("age"),
            male,
            csv.num_complete("s100b"),
            csv.num_complete("ndka"),
        ],
    );
    (design, y)
}

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/asah_validate.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn row<'a>(fx: &'a Value, name: &str) -> &'a Value {
    fx["validate"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn optimism_corrected_indices_agree_with_rms_validate() {
    let (design, y) = asah();
    let procedure = LogisticRefit::new(&design, &y, LogisticParams::default());
    let params = BootstrapParams {
        resamples: 2000,
        seed: 20261124,
    };
    let v = bootstrap_validate(&procedure, &y, &params, None).expect("valid");
    let fx = fixture();
    assert_eq!(v.successful, 2000);
    // deterministic: apparent values (rms names the Brier row "B")
    for (ours, theirs) in [
        ("Dxy", "Dxy"),
        ("R2", "R2"),
        ("D", "D"),
        ("U", "U"),
        ("Q", "Q"),
        ("Brier", "B"),
        ("g", "g"),
        ("gp", "gp"),
    ] {
        let idx = v.indices.iter().find(|i| i.name == ours).expect("index");
        let r = row(&fx, theirs)["index_orig"].as_f64().expect("number");
        assert_rel(idx.apparent, r, 1e-6, &format!("apparent {ours}"));
    }
    // Monte-Carlo: corrected Dxy and slope within 4·√2·SE
    for name in ["Dxy", "Slope"] {
        let idx = v.indices.iter().find(|i| i.name == name).expect("index");
        let se = idx.optimism_se.expect("se");
        let tol = 4.0 * std::f64::consts::SQRT_2 * se;
        let ours = idx.corrected.expect("corrected");
        let theirs = row(&fx, name)["index_corrected"].as_f64().expect("number");
        assert!(
            (ours - theirs).abs() <= tol,
            "corrected {name}: nomo {ours}, rms {theirs}, tolerance {tol} (4·√2·SE)"
        );
    }
    // the calibration curve's grid and apparent lowess are deterministic
    let cal = &fx["calibrate"];
    let predy = nomo_testdata::nums(&cal["predy"]);
    let orig = nomo_testdata::nums(&cal["calibrated_orig"]);
    for k in 0..predy.len() {
        assert_rel(v.calibration.predicted[k], predy[k], 1e-6, "predy");
        assert_rel(v.calibration.apparent[k], orig[k], 1e-6, "calibrated.orig");
    }
    let mae = cal["mean_abs_error"].as_f64().expect("mae");
    let ours = v.calibration.mean_absolute_error.expect("mae");
    assert!(
        (ours - mae).abs() < 0.01,
        "mean |error| {ours} vs rms {mae}"
    );
}

/// Identical results with 1 and 2 threads, and a progress callback that sees every resample.
#[test]
fn bootstrap_is_thread_count_invariant() {
    let (design, y) = asah();
    let procedure = LogisticRefit::new(&design, &y, LogisticParams::default());
    let params = BootstrapParams {
        resamples: 40,
        seed: 3,
    };
    let run = |threads: usize| {
        let seen = std::sync::atomic::AtomicUsize::new(0);
        let cb = |_k: usize| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        };
        let out = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| bootstrap_validate(&procedure, &y, &params, Some(&cb)).expect("valid"));
        assert_eq!(seen.into_inner(), 40);
        serde_json::to_string(&out).expect("json")
    };
    assert_eq!(run(1), run(2));
}
