//! Agreement with R (rms 6.5 `val.prob`, `ResourceSelection::hoslem.test`) on the references in
//! `crates/testdata/reference`: asah.json (`calibration`, model Poor ~ age + gender + s100b + ndka,
//! its fitted probabilities in `logistic.fitted`) and hcc_nomogram.json (`calibration_combined`,
//! probabilities in `predicted_combined`).
//!
//! Tolerances (the issue's): closed forms (Brier, D, U, Q, R², C, Dxy, Hosmer–Lemeshow,
//! Spiegelhalter) 1e-9 relative; slope 1e-6 relative; intercept and calibration-in-the-large
//! 1e-6 absolute (both are 0 up to fitting noise for an apparent model); lowess Emax/E90/Eavg
//! 1e-6 relative.

use nomo_calibration::{hosmer_lemeshow, val_prob};
use nomo_testdata::{assert_rel, nums, read_csv, reference};
use serde_json::Value;

fn outcome(file: &str, column: &str, event: &str) -> Vec<f64> {
    read_csv(file)
        .text(column)
        .into_iter()
        .map(|v| f64::from(u8::from(v.as_deref() == Some(event))))
        .collect()
}

fn check(p: &[f64], y: &[f64], cal: &Value) {
    let vp = &cal["val_prob"];
    let r = |k: &str| vp[k].as_f64().unwrap_or_else(|| panic!("no {k}"));
    let v = val_prob(p, y).expect("valid input");
    assert_eq!(v.n_extreme, 0);
    assert_rel(v.dxy, r("Dxy"), 1e-9, "Dxy (binned, rms 6.5)");
    assert_rel(v.c, r("C (ROC)"), 1e-9, "C (binned, rms 6.5)");
    assert_rel(v.r2, r("R2"), 1e-9, "R2");
    assert_rel(v.d, r("D"), 1e-9, "D");
    assert_rel(v.u.expect("U"), r("U"), 1e-9, "U");
    assert_rel(v.q.expect("Q"), r("Q"), 1e-9, "Q");
    assert_rel(v.brier, r("Brier"), 1e-9, "Brier");
    assert!(
        (v.intercept - r("Intercept")).abs() <= 1e-6,
        "intercept {}",
        v.intercept
    );
    assert_rel(v.slope, r("Slope"), 1e-6, "slope");
    assert_rel(v.emax, r("Emax"), 1e-6, "Emax");
    assert_rel(v.e90, r("E90"), 1e-6, "E90");
    assert_rel(v.eavg, r("Eavg"), 1e-6, "Eavg");
    assert_rel(
        v.spiegelhalter_z.expect("z"),
        r("S:z"),
        1e-9,
        "Spiegelhalter z",
    );
    assert_rel(
        v.spiegelhalter_p.expect("p"),
        r("S:p"),
        1e-9,
        "Spiegelhalter p",
    );
    let citl = cal["calibration_in_the_large"].as_f64().expect("citl");
    assert!(
        (v.calibration_in_the_large - citl).abs() <= 1e-6,
        "CITL {}",
        v.calibration_in_the_large
    );
    assert!(v.slope_lower < v.slope && v.slope < v.slope_upper);

    let hl_ref = &cal["hosmer_lemeshow"];
    let g = hl_ref["g"].as_u64().expect("g") as usize;
    let hl = hosmer_lemeshow(p, y, g).expect("valid input");
    assert_eq!(
        hl.groups_formed as u64,
        hl_ref["groups"].as_u64().expect("groups")
    );
    assert_eq!(hl.df as u64, hl_ref["df"].as_u64().expect("df"));
    assert_rel(
        hl.chisq,
        hl_ref["chisq"].as_f64().expect("chisq"),
        1e-9,
        "HL chisq",
    );
    assert_rel(
        hl.p.expect("p"),
        hl_ref["p"].as_f64().expect("p"),
        1e-9,
        "HL p",
    );
    let obs = nums(&hl_ref["observed_events"]);
    let exp = nums(&hl_ref["expected_events"]);
    let sizes = nums(&hl_ref["group_n"]);
    for (k, grp) in hl.groups.iter().enumerate() {
        assert_eq!(grp.events, obs[k], "group {k} events");
        assert_eq!(grp.n as f64, sizes[k], "group {k} n");
        assert_rel(grp.expected_events, exp[k], 1e-9, "HL expected events");
    }
}

#[test]
fn asah_val_prob_and_hosmer_lemeshow() {
    let r = reference("asah.json");
    let p = nums(&r["logistic"]["fitted"]);
    let y = outcome("asah.csv", "outcome", "Poor");
    check(&p, &y, &r["calibration"]);
}

#[test]
fn hcc_combined_val_prob_and_hosmer_lemeshow() {
    let r = reference("hcc_nomogram.json");
    let p = nums(&r["predicted_combined"]);
    let y = outcome("hcc_nomogram.csv", "response", "progression");
    check(&p, &y, &r["calibration_combined"]);
}
