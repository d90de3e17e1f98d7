//! Shared helpers: building designs from the shipped CSVs as the R reference scripts did.
#![allow(dead_code)]

use nomo_logistic::{Coefficient, Design};
use nomo_testdata::{Csv, assert_rel, read_csv};
use serde_json::Value;

/// asah: y = outcome == "Poor"; terms age, genderMale, s100b, ndka (R's treatment dummy).
pub fn asah() -> (Design, Vec<f64>) {
    let csv = read_csv("asah.csv");
    let y: Vec<f64> = csv
        .text("outcome")
        .iter()
        .map(|v| {
            if v.as_deref() == Some("Poor") {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let male: Vec<f64> = csv
        .text("gender")
        .iter()
        .map(|v| {
            if v.as_deref() == Some("Male") {
                1.0
            } else {
                0.0
            }
        })
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

fn ratio(csv: &Csv, a: &str, b: &str) -> Vec<f64> {
    csv.num_complete(a)
        .iter()
        .zip(csv.num_complete(b))
        .map(|(x, y)| x / y)
        .collect()
}

/// One hcc_nomogram candidate, derived as `derived` in hcc_nomogram.json lists.
pub fn hcc_column(csv: &Csv, name: &str) -> Vec<f64> {
    let n = |c: &str| csv.num_complete(c);
    let zip3 = |a: Vec<f64>, b: Vec<f64>, c: Vec<f64>, f: fn(f64, f64, f64) -> f64| -> Vec<f64> {
        a.iter()
            .zip(&b)
            .zip(&c)
            .map(|((x, y), z)| f(*x, *y, *z))
            .collect()
    };
    match name {
        "sex_male" => csv
            .text("sex")
            .iter()
            .map(|v| if v.as_deref() == Some("M") { 1.0 } else { 0.0 })
            .collect(),
        "t2sir_pre" => ratio(csv, "t2_tumor_pre", "t2_muscle_pre"),
        "t2sir_post" => ratio(csv, "t2_tumor_post", "t2_muscle_post"),
        "adc_het_pre" => zip3(
            n("adc_max_pre"),
            n("adc_min_pre"),
            n("adc_mean_pre"),
            |a, b, c| (a - b) / c,
        ),
        "adc_het_post" => zip3(
            n("adc_max_post"),
            n("adc_min_post"),
            n("adc_mean_post"),
            |a, b, c| (a - b) / c,
        ),
        "nlr" => ratio(csv, "neutrophils", "lymphocytes"),
        "lmr" => ratio(csv, "lymphocytes", "monocytes"),
        "aapr" => ratio(csv, "albumin", "alp"),
        "ag_ratio" => ratio(csv, "albumin", "globulin"),
        "siri" => zip3(
            n("neutrophils"),
            n("monocytes"),
            n("lymphocytes"),
            |a, b, c| a * b / c,
        ),
        "sii" => zip3(
            n("platelets"),
            n("neutrophils"),
            n("lymphocytes"),
            |a, b, c| a * b / c,
        ),
        "piv" => {
            let pl = n("platelets");
            zip3(
                n("neutrophils"),
                n("monocytes"),
                n("lymphocytes"),
                |a, b, c| a * b / c,
            )
            .iter()
            .zip(pl)
            .map(|(s, p)| s * p)
            .collect()
        }
        other => n(other),
    }
}

/// The hcc cohort: y = response == "progression", and a design of the named candidates.
pub fn hcc(names: &[&str]) -> (Design, Vec<f64>) {
    let csv = read_csv("hcc_nomogram.csv");
    let y = csv
        .text("response")
        .iter()
        .map(|v| {
            if v.as_deref() == Some("progression") {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let design = Design::new(
        names.iter().map(|s| s.to_string()).collect(),
        names.iter().map(|s| hcc_column(&csv, s)).collect(),
    );
    (design, y)
}

/// Compares a coefficient table with an R `table` array (1e-6 relative, profile 1e-6,
/// and within 1e-3 standard errors on the log-odds scale of R's interpolated `confint`).
pub fn check_table(rows: &[Coefficient], table: &Value, what: &str) -> f64 {
    let table = table.as_array().expect("table");
    assert_eq!(rows.len(), table.len(), "{what}: number of rows");
    let mut worst: f64 = 0.0;
    let mut rel = |a: f64, e: f64, tol: f64, label: String| {
        assert_rel(a, e, tol, &label);
        worst = worst.max(((a - e) / e).abs());
    };
    for (row, r) in rows.iter().zip(table) {
        let t = r["term"].as_str().expect("term");
        assert_eq!(row.term, t, "{what}: term order");
        let g = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{what} {t} {k}"));
        rel(
            row.estimate,
            g("estimate"),
            1e-6,
            format!("{what} {t} estimate"),
        );
        rel(
            row.std_error,
            g("std_error"),
            1e-6,
            format!("{what} {t} se"),
        );
        rel(row.z, g("z"), 1e-6, format!("{what} {t} z"));
        // A p-value's relative error is ~z² times that of z, and R's SEs use the weights of
        // the penultimate iteration (Contract notes: ~1e-8..1e-7 off the SE at the estimate),
        // so p is compared at 1e-6·max(1, z²).
        rel(
            row.p,
            g("p"),
            1e-6 * row.z.powi(2).max(1.0),
            format!("{what} {t} p"),
        );
        rel(
            row.odds_ratio,
            g("odds_ratio"),
            1e-6,
            format!("{what} {t} OR"),
        );
        rel(
            row.or_lower,
            g("or_wald_lower"),
            1e-6,
            format!("{what} {t} wald lo"),
        );
        rel(
            row.or_upper,
            g("or_wald_upper"),
            1e-6,
            format!("{what} {t} wald hi"),
        );
        let lo = row.or_profile_lower.expect("profile lower");
        let hi = row.or_profile_upper.expect("profile upper");
        rel(
            lo,
            g("or_profile_lower"),
            1e-6,
            format!("{what} {t} profile lo"),
        );
        rel(
            hi,
            g("or_profile_upper"),
            1e-6,
            format!("{what} {t} profile hi"),
        );
        // R's confint interpolates a spline through a grid of the signed root; in these
        // references it is off its own exact roots (`or_profile_*`, matched above at 1e-6) by
        // up to 1.6e-3 relative on the OR scale (large intercepts) and 5.7e-4 standard errors
        // on the log-odds scale, so the "5e-4" cannot hold for every row. Checked:
        // |log OR − log OR_confint| ≤ 1e-3·SE.
        for (a, e, side) in [
            (lo, g("or_confint_lower"), "lo"),
            (hi, g("or_confint_upper"), "hi"),
        ] {
            let gap = (a.ln() - e.ln()).abs() / row.std_error;
            assert!(
                gap <= 1e-3,
                "{what} {t} confint {side}: {a} vs R {e} ({gap:e} SE)"
            );
        }
    }
    worst
}

/// Compares fit statistics with an R `fit` object (1e-6 relative).
pub fn check_fit(fit: &nomo_logistic::LogisticFit, r: &Value, what: &str) {
    let g = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{what} {k}"));
    assert_rel(
        fit.deviance,
        g("deviance"),
        1e-6,
        &format!("{what} deviance"),
    );
    assert_rel(
        fit.null_deviance,
        g("null_deviance"),
        1e-6,
        &format!("{what} null"),
    );
    assert_rel(fit.aic, g("aic"), 1e-6, &format!("{what} aic"));
    assert_rel(fit.lr_chisq, g("lr_chisq"), 1e-6, &format!("{what} lr"));
    assert_rel(
        fit.lr_p.expect("lr p"),
        g("lr_p"),
        1e-6,
        &format!("{what} lr p"),
    );
    assert_eq!(fit.df_residual as f64, g("df_residual"), "{what} df");
}
