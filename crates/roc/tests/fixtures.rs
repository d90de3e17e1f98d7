//! Agreement with R fixtures written by `scripts/roc_fixtures.R` (pROC 1.18, R 4.2):
//! the joint DeLong χ² test built from pROC's placements, paired DeLong for each alternative
//! with the CI of the difference, partial AUC with McClish correction, best thresholds with
//! `best.weights`, coordinates with Clopper–Pearson CIs (1e-9 relative), and the stratified
//! bootstrap (Monte-Carlo tolerances, see `bootstrap_agrees_with_proc_within_monte_carlo_error`).

mod common;

use common::{REL, assert_threshold, complete, roc_auto};
use nomo_roc::{
    Alternative, BestMethod, BestWeights, BootstrapParams, PartialFocus, Roc, bootstrap_paired,
    delong_covariance_matrix, delong_joint, delong_paired,
};
use nomo_testdata::{Csv, assert_rel, nums, read_csv};
use serde_json::Value;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/roc_fixtures.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn asah(name: &str) -> Roc {
    let csv = read_csv("asah.csv");
    let y: Vec<bool> = csv
        .text("outcome")
        .into_iter()
        .map(|v| v.as_deref() == Some("Poor"))
        .collect();
    roc_auto(&csv.num_complete(name), &y)
}

fn hcc_outcome(csv: &Csv) -> Vec<bool> {
    csv.text("response")
        .into_iter()
        .map(|v| v.as_deref() == Some("progression"))
        .collect()
}

fn hcc_model(f: &Value, model: &str) -> Roc {
    let y = hcc_outcome(&read_csv("hcc_nomogram.csv"));
    roc_auto(&nums(&f["hcc_predictions"][model]), &y)
}

fn hcc_age() -> Roc {
    let csv = read_csv("hcc_nomogram.csv");
    let (s, o) = complete(&csv.num("age"), &hcc_outcome(&csv));
    roc_auto(&s, &o)
}

#[test]
fn joint_test_matches_r_built_from_proc_placements() {
    let f = fixtures();
    let cases: Vec<(&str, Vec<Roc>)> = vec![
        (
            "asah_wfns_s100b_ndka",
            vec![asah("wfns"), asah("s100b"), asah("ndka")],
        ),
        (
            "hcc_combined_imaging_clinical",
            ["combined", "imaging", "clinical"]
                .iter()
                .map(|m| hcc_model(&f, m))
                .collect(),
        ),
        (
            "hcc_four",
            ["combined", "imaging", "clinical", "t2sir_post"]
                .iter()
                .map(|m| hcc_model(&f, m))
                .collect(),
        ),
    ];
    for (key, rocs) in &cases {
        let e = &f["joint"][key];
        let refs: Vec<&Roc> = rocs.iter().collect();
        let s = delong_covariance_matrix(&refs).unwrap();
        for (i, row) in e["covariance"].as_array().unwrap().iter().enumerate() {
            for (j, v) in nums(row).into_iter().enumerate() {
                assert_rel(s[i][j], v, REL, &format!("{key} S[{i}][{j}]"));
            }
            assert_rel(rocs[i].auc(), e["auc"][i].as_f64().unwrap(), REL, key);
        }
        let t = delong_joint(&refs).unwrap();
        assert_rel(
            t.chisq,
            e["chisq"].as_f64().unwrap(),
            REL,
            &format!("{key} chisq"),
        );
        assert_eq!(t.df as u64, e["df"].as_u64().unwrap(), "{key} df");
        assert_rel(t.p, e["p"].as_f64().unwrap(), REL, &format!("{key} p"));
    }
}

#[test]
fn paired_delong_alternatives_and_difference_ci_match_proc() {
    let f = fixtures();
    let pairs = [
        ("asah_wfns_vs_s100b", asah("wfns"), asah("s100b")),
        (
            "hcc_combined_vs_clinical",
            hcc_model(&f, "combined"),
            hcc_model(&f, "clinical"),
        ),
    ];
    for (key, a, b) in &pairs {
        for (alt, name) in [
            (Alternative::TwoSided, "two.sided"),
            (Alternative::Less, "less"),
            (Alternative::Greater, "greater"),
        ] {
            let e = &f["paired"][key][name];
            let t = delong_paired(a, b, alt, 0.95).unwrap();
            let what = format!("{key} {name}");
            assert_rel(t.statistic.unwrap(), e["z"].as_f64().unwrap(), REL, &what);
            assert_rel(t.p.unwrap(), e["p"].as_f64().unwrap(), REL, &what);
            assert_rel(t.difference, e["difference"].as_f64().unwrap(), REL, &what);
            let lo = e["ci_lower"].as_f64().unwrap();
            let hi = e["ci_upper"].as_f64().unwrap();
            assert_rel(t.difference_ci_lower.unwrap(), lo, REL, &what);
            assert_rel(t.difference_ci_upper.unwrap(), hi, REL, &what);
        }
    }
}

#[test]
fn partial_auc_and_mcclish_match_proc() {
    let f = fixtures();
    for (key, roc) in [
        ("s100b", asah("s100b")),
        ("wfns", asah("wfns")),
        ("hcc_age", hcc_age()),
    ] {
        for e in f["partial"][key].as_array().unwrap() {
            let focus = match e["focus"].as_str().unwrap() {
                "specificity" => PartialFocus::Specificity,
                _ => PartialFocus::Sensitivity,
            };
            let (from, to) = (e["from"].as_f64().unwrap(), e["to"].as_f64().unwrap());
            let p = roc.partial_auc(focus, from, to).unwrap();
            let what = format!("{key} {focus:?} {from}-{to}");
            assert_rel(p.pauc, e["pauc"].as_f64().unwrap(), REL, &what);
            match e["corrected"].as_f64() {
                Some(c) => assert_rel(p.corrected.unwrap(), c, REL, &what),
                None => assert!(p.corrected.is_none(), "{what}: R gives NA"),
            }
        }
    }
}

#[test]
fn best_thresholds_with_weights_match_proc() {
    let f = fixtures();
    for key in ["s100b", "wfns", "ndka"] {
        let roc = asah(key);
        for e in f["best"][key].as_array().unwrap() {
            let method = match e["method"].as_str().unwrap() {
                "youden" => BestMethod::Youden,
                _ => BestMethod::ClosestTopleft,
            };
            let weights = BestWeights {
                cost: e["cost"].as_f64().unwrap(),
                prevalence: e["prevalence"].as_f64().unwrap(),
            };
            let best = roc.best_thresholds(method, weights, 0.95).unwrap();
            let what = format!("{key} {method:?} {weights:?}");
            // R writes a single best threshold as a scalar, ties as an array.
            let one =
                |v: &Value| -> Vec<f64> { v.as_f64().map(|x| vec![x]).unwrap_or_else(|| nums(v)) };
            let thresholds = one(&e["threshold"]);
            assert_eq!(best.len(), thresholds.len(), "{what}: ties");
            for (i, c) in best.iter().enumerate() {
                assert_threshold(c.threshold, Some(thresholds[i]), &what);
                assert_rel(c.sensitivity, one(&e["sensitivity"])[i], REL, &what);
                assert_rel(c.specificity, one(&e["specificity"])[i], REL, &what);
            }
        }
    }
}

#[test]
fn coordinates_and_clopper_pearson_match_r() {
    let f = fixtures();
    for (key, roc) in [("s100b", asah("s100b")), ("hcc_age", hcc_age())] {
        for e in f["coords"][key].as_array().unwrap() {
            let t = e["threshold"].as_f64().unwrap();
            let c = roc.coords(t, 0.95).unwrap();
            let what = format!("{key} at {t}");
            for (got, k) in [(c.tp, "tp"), (c.fp, "fp"), (c.tn, "tn"), (c.fn_, "fn")] {
                assert_eq!(got, e[k].as_u64().unwrap(), "{what} {k}");
            }
            for (got, k) in [
                (Some(c.sensitivity), "sensitivity"),
                (Some(c.specificity), "specificity"),
                (c.ppv, "ppv"),
                (c.npv, "npv"),
                (Some(c.accuracy), "accuracy"),
                // pROC's coords "youden" is Se + Sp (no − 1); ours is Youden's J = Se + Sp − 1
                (Some(c.youden + 1.0), "youden"),
            ] {
                assert_rel(
                    got.unwrap(),
                    e[k].as_f64().unwrap(),
                    REL,
                    &format!("{what} {k}"),
                );
            }
            for (got, k) in [
                (c.sensitivity_ci, "sensitivity_ci"),
                (c.specificity_ci, "specificity_ci"),
                (c.ppv_ci, "ppv_ci"),
                (c.npv_ci, "npv_ci"),
                (c.accuracy_ci, "accuracy_ci"),
            ] {
                let ci = got.unwrap();
                let r = nums(&e[k]);
                assert_rel(ci.lower, r[0], REL, &format!("{what} {k} lower"));
                assert_rel(ci.upper, r[1], REL, &format!("{what} {k} upper"));
            }
        }
    }
}

/// Monte-Carlo tolerances. R used B = 20000 replicates, we use B = 2000 (pROC's default). A
/// percentile bound's Monte-Carlo SD is about √(p(1−p)/B)/f(q) ≈ 0.06·σ̂* at the 2.5% quantile with
/// B = 2000 (σ̂* ≈ 0.05 the bootstrap SD of the AUC here): ≈ 0.003. We allow 0.015 (≈ 5 SD) on AUC
/// bounds and the median, 0.03 on coordinate bounds (proportions move in steps of 1/41 and
/// 1/72), and 0.3 on the bootstrap Z (its SD estimate has relative MC error ≈ 1/√(2B) ≈ 1.6%,
/// so Z ≈ 2.2 moves by ≈ 0.035 per SD; 0.3 ≈ 8 SD).
#[test]
fn bootstrap_agrees_with_proc_within_monte_carlo_error() {
    let f = fixtures();
    let b = &f["bootstrap"];
    let params = BootstrapParams {
        replicates: 2000,
        seed: 2024,
        level: 0.95,
    };
    let s100b = asah("s100b");
    let ci = s100b.bootstrap_auc_ci(&params).unwrap();
    let r = nums(&b["s100b_ci_auc"]);
    assert!(
        (ci.lower - r[0]).abs() < 0.015,
        "lower {} vs {}",
        ci.lower,
        r[0]
    );
    assert!(
        (ci.median - r[1]).abs() < 0.015,
        "median {} vs {}",
        ci.median,
        r[1]
    );
    assert!(
        (ci.upper - r[2]).abs() < 0.015,
        "upper {} vs {}",
        ci.upper,
        r[2]
    );

    let t = bootstrap_paired(&asah("wfns"), &s100b, Alternative::TwoSided, &params).unwrap();
    let z = b["wfns_vs_s100b"]["statistic"].as_f64().unwrap();
    assert!(
        (t.statistic.unwrap() - z).abs() < 0.3,
        "Z {:?} vs {z}",
        t.statistic
    );
    assert!((t.p.unwrap() - b["wfns_vs_s100b"]["p"].as_f64().unwrap()).abs() < 0.02);
    assert!(
        t.difference_ci_lower.unwrap() < t.difference
            && t.difference < t.difference_ci_upper.unwrap()
    );

    let cc = s100b.bootstrap_coords_ci(0.205, &params).unwrap();
    let e = &b["s100b_coords_0.205"];
    for (got, k) in [
        (&cc.sensitivity, "sensitivity"),
        (&cc.specificity, "specificity"),
        (&cc.ppv, "ppv"),
        (&cc.npv, "npv"),
        (&cc.accuracy, "accuracy"),
    ] {
        let g = got.as_ref().unwrap();
        let r = nums(&e[k]);
        assert!(
            (g.lower - r[0]).abs() < 0.03,
            "{k} lower {} vs {}",
            g.lower,
            r[0]
        );
        assert!(
            (g.upper - r[1]).abs() < 0.03,
            "{k} upper {} vs {}",
            g.upper,
            r[1]
        );
    }
}
