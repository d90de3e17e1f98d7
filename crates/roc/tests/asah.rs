//! Agreement with pROC 1.18 on the aSAH data (`crates/testdata/reference/asah.json`).
//! Tolerance: 1e-9 relative; thresholds equal to R's 15 significant digits.

mod common;

use common::{REL, assert_threshold, check_summary, roc_auto};
use nomo_roc::{Alternative, delong_paired, delong_unpaired};
use nomo_testdata::{assert_rel, num, read_csv, reference};

fn outcome() -> Vec<bool> {
    read_csv("asah.csv")
        .text("outcome")
        .into_iter()
        .map(|v| v.as_deref() == Some("Poor"))
        .collect()
}

#[test]
fn roc_summaries_match_proc() {
    let csv = read_csv("asah.csv");
    let r = reference("asah.json");
    let y = outcome();
    for name in ["s100b", "ndka", "wfns"] {
        let roc = roc_auto(&csv.num_complete(name), &y);
        check_summary(&roc, &r["roc"][name], name);
    }
}

#[test]
fn s100b_curve_matches_proc_point_by_point() {
    let csv = read_csv("asah.csv");
    let r = reference("asah.json");
    let roc = roc_auto(&csv.num_complete("s100b"), &outcome());
    let expected = r["roc_curve_s100b"].as_array().unwrap();
    assert_eq!(roc.curve().len(), expected.len(), "number of thresholds");
    for (p, e) in roc.curve().iter().zip(expected) {
        assert_threshold(p.threshold, num(&e["threshold"]), "s100b curve");
        assert_rel(
            p.sensitivity,
            e["sensitivity"].as_f64().unwrap(),
            REL,
            "sensitivity",
        );
        assert_rel(
            p.specificity,
            e["specificity"].as_f64().unwrap(),
            REL,
            "specificity",
        );
    }
    assert_eq!(roc.curve()[0].threshold, f64::NEG_INFINITY);
    assert_eq!(roc.curve().last().unwrap().threshold, f64::INFINITY);
}

#[test]
fn paired_delong_matches_proc() {
    let csv = read_csv("asah.csv");
    let r = reference("asah.json");
    let y = outcome();
    for (key, a, b) in [
        ("wfns_vs_s100b", "wfns", "s100b"),
        ("s100b_vs_ndka", "s100b", "ndka"),
    ] {
        let ra = roc_auto(&csv.num_complete(a), &y);
        let rb = roc_auto(&csv.num_complete(b), &y);
        let t = delong_paired(&ra, &rb, Alternative::TwoSided, 0.95).unwrap();
        let e = &r["delong_paired"][key];
        assert_eq!(t.method, "delong_paired");
        assert_rel(t.statistic.unwrap(), e["z"].as_f64().unwrap(), REL, "z");
        assert_rel(t.p.unwrap(), e["p"].as_f64().unwrap(), REL, "p");
        assert_rel(ra.auc(), e["auc_a"].as_f64().unwrap(), REL, "auc_a");
        assert_rel(rb.auc(), e["auc_b"].as_f64().unwrap(), REL, "auc_b");
    }
}

#[test]
fn unpaired_delong_men_vs_women_matches_proc() {
    let csv = read_csv("asah.csv");
    let r = &reference("asah.json")["delong_unpaired_s100b_male_vs_female"];
    let y = outcome();
    let s = csv.num_complete("s100b");
    let gender = csv.text("gender");
    let split = |g: &str| -> (Vec<f64>, Vec<bool>) {
        s.iter()
            .zip(&y)
            .zip(&gender)
            .filter(|(_, sex)| sex.as_deref() == Some(g))
            .map(|((&s, &o), _)| (s, o))
            .unzip()
    };
    let (sm, ym) = split("Male");
    let (sf, yf) = split("Female");
    let t = delong_unpaired(
        &roc_auto(&sm, &ym),
        &roc_auto(&sf, &yf),
        Alternative::TwoSided,
    )
    .unwrap();
    assert_eq!(t.method, "delong_unpaired");
    assert_rel(t.statistic.unwrap(), r["d"].as_f64().unwrap(), REL, "D");
    assert_rel(t.df.unwrap(), r["df"].as_f64().unwrap(), REL, "df");
    assert_rel(t.p.unwrap(), r["p"].as_f64().unwrap(), REL, "p");
}
