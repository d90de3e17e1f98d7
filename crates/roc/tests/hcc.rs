//! Agreement with pROC 1.18 on the HCC nomogram cohort (`hcc_nomogram.json`): the models' ROC
//! curves, the single-predictor ROC, the DeLong comparisons, the Child–Pugh subgroups and the
//! Youden cutoffs of every continuous candidate. The models' fitted probabilities come from
//! `tests/fixtures/roc_fixtures.json` (written by `scripts/roc_fixtures.R`, glm at ε = 1e-14;
//! its `combined` equals the reference's `predicted_combined`; it carries 17 significant
//! digits so that the midpoint thresholds are R's own).
//! Tolerance: 1e-9 relative; thresholds equal to R's 15 significant digits.

mod common;

use common::{REL, assert_threshold, check_summary, complete, roc_auto};
use nomo_roc::{Alternative, delong_paired, delong_unpaired};
use nomo_testdata::{Csv, assert_rel, nums, read_csv, reference};
use serde_json::Value;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/roc_fixtures.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn outcome(csv: &Csv) -> Vec<bool> {
    csv.text("response")
        .into_iter()
        .map(|v| v.as_deref() == Some("progression"))
        .collect()
}

/// A candidate column of the workflow, derived as listed in the reference's `derived`.
fn candidate(csv: &Csv, name: &str) -> Vec<Option<f64>> {
    let col = |c: &str| csv.num(c);
    let zip2 =
        |a: Vec<Option<f64>>, b: Vec<Option<f64>>, f: fn(f64, f64) -> f64| -> Vec<Option<f64>> {
            a.into_iter().zip(b).map(|(x, y)| Some(f(x?, y?))).collect()
        };
    let div = |a: &str, b: &str| zip2(col(a), col(b), |x, y| x / y);
    let het = |when: &str| -> Vec<Option<f64>> {
        let (mx, mn, me) = (
            col(&format!("adc_max_{when}")),
            col(&format!("adc_min_{when}")),
            col(&format!("adc_mean_{when}")),
        );
        mx.into_iter()
            .zip(mn)
            .zip(me)
            .map(|((a, b), c)| Some((a? - b?) / c?))
            .collect()
    };
    let nlm = || zip2(col("neutrophils"), col("monocytes"), |a, b| a * b);
    match name {
        "t2sir_pre" => div("t2_tumor_pre", "t2_muscle_pre"),
        "t2sir_post" => div("t2_tumor_post", "t2_muscle_post"),
        "adc_het_pre" => het("pre"),
        "adc_het_post" => het("post"),
        "nlr" => div("neutrophils", "lymphocytes"),
        "lmr" => div("lymphocytes", "monocytes"),
        "aapr" => div("albumin", "alp"),
        "ag_ratio" => div("albumin", "globulin"),
        "siri" => zip2(nlm(), col("lymphocytes"), |a, b| a / b),
        "piv" => zip2(
            zip2(col("platelets"), nlm(), |a, b| a * b),
            col("lymphocytes"),
            |a, b| a / b,
        ),
        "sii" => zip2(
            zip2(col("platelets"), col("neutrophils"), |a, b| a * b),
            col("lymphocytes"),
            |a, b| a / b,
        ),
        other => col(other),
    }
}

#[test]
fn model_rocs_match_proc() {
    let csv = read_csv("hcc_nomogram.csv");
    let r = reference("hcc_nomogram.json");
    let f = fixtures();
    let y = outcome(&csv);
    let combined = nums(&f["hcc_predictions"]["combined"]);
    for (a, b) in combined.iter().zip(nums(&r["predicted_combined"])) {
        // the reference wrote 15 significant digits, the fixture 17
        assert_rel(*a, b, 1e-14, "fixture vs reference predictions");
    }
    for model in ["imaging", "clinical", "combined"] {
        let p = nums(&f["hcc_predictions"][model]);
        check_summary(&roc_auto(&p, &y), &r["models"][model]["roc"], model);
    }
    let p = nums(&f["hcc_predictions"]["t2sir_post"]);
    check_summary(
        &roc_auto(&p, &y),
        &r["single_predictor_roc"]["t2sir_post"],
        "t2sir_post",
    );
}

#[test]
fn delong_comparisons_match_proc() {
    let csv = read_csv("hcc_nomogram.csv");
    let r = reference("hcc_nomogram.json");
    let f = fixtures();
    let y = outcome(&csv);
    let roc = |m: &str| roc_auto(&nums(&f["hcc_predictions"][m]), &y);
    for (key, value) in r["delong"].as_object().unwrap() {
        let (a, b) = key.split_once("_vs_").unwrap();
        let t = delong_paired(&roc(a), &roc(b), Alternative::TwoSided, 0.95).unwrap();
        assert_rel(t.statistic.unwrap(), value["z"].as_f64().unwrap(), REL, key);
        assert_rel(t.p.unwrap(), value["p"].as_f64().unwrap(), REL, key);
        assert_rel(roc(a).auc(), value["auc_a"].as_f64().unwrap(), REL, key);
        assert_rel(roc(b).auc(), value["auc_b"].as_f64().unwrap(), REL, key);
    }
}

#[test]
fn child_pugh_subgroups_match_proc() {
    let csv = read_csv("hcc_nomogram.csv");
    let r = &reference("hcc_nomogram.json")["subgroups"];
    let y = outcome(&csv);
    let p = nums(&fixtures()["hcc_predictions"]["combined"]);
    let cp = csv.text("child_pugh");
    let sub = |class: &str| {
        let (s, o): (Vec<f64>, Vec<bool>) = p
            .iter()
            .zip(&y)
            .zip(&cp)
            .filter(|(_, c)| c.as_deref() == Some(class))
            .map(|((&s, &o), _)| (s, o))
            .unzip();
        roc_auto(&s, &o)
    };
    let (a, b) = (sub("A"), sub("B"));
    check_summary(&a, &r["child_pugh_a"], "child_pugh_a");
    check_summary(&b, &r["child_pugh_b"], "child_pugh_b");
    let t = delong_unpaired(&a, &b, Alternative::TwoSided).unwrap();
    assert_rel(
        t.statistic.unwrap(),
        r["delong"]["d"].as_f64().unwrap(),
        REL,
        "D",
    );
    assert_rel(
        t.df.unwrap(),
        r["delong"]["df"].as_f64().unwrap(),
        REL,
        "df",
    );
    assert_rel(t.p.unwrap(), r["delong"]["p"].as_f64().unwrap(), REL, "p");
}

#[test]
fn youden_cutoffs_of_every_candidate_match_proc() {
    let csv = read_csv("hcc_nomogram.csv");
    let r = reference("hcc_nomogram.json");
    let y = outcome(&csv);
    let rows = r["youden_cutoffs"].as_array().unwrap();
    assert_eq!(rows.len(), 23);
    for e in rows {
        let name = e["variable"].as_str().unwrap();
        let (s, o) = complete(&candidate(&csv, name), &y);
        let roc = roc_auto(&s, &o);
        assert_eq!(
            roc.direction().as_str(),
            e["direction"].as_str().unwrap(),
            "{name}"
        );
        assert_rel(roc.auc(), e["auc"].as_f64().unwrap(), REL, name);
        let best = roc.youden(0.95).unwrap();
        assert_eq!(
            best.len() as u64,
            e["n_best"].as_u64().unwrap(),
            "{name} n_best"
        );
        assert_threshold(best[0].threshold, e["threshold"].as_f64(), name);
        assert_rel(
            best[0].sensitivity,
            e["sensitivity"].as_f64().unwrap(),
            REL,
            name,
        );
        assert_rel(
            best[0].specificity,
            e["specificity"].as_f64().unwrap(),
            REL,
            name,
        );
    }
}
