//! Agreement with R on `hcc_nomogram.json` (R 4.2.2, psych 2.2.9): every field of
//! `table_one`, `interobserver` and `kruskal_wallis_treatment`.
//!
//! Tolerance: 1e-9 relative, or 1e-12 absolute for p-values below 1e-3 (the rule).

use nomo_describe::{
    Row, TableOneParams, TestKind, Variable, cohen_kappa, icc, kruskal_wallis, levels,
    split_by_group, table_one,
};
use nomo_testdata::{Csv, assert_rel, read_csv, reference};
use serde_json::Value;

const REL: f64 = 1e-9;

thread_local! {
    static MAX_REL: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The largest relative error `check` has seen in this test's thread.
fn max_rel() -> f64 {
    MAX_REL.with(std::cell::Cell::get)
}

/// 1e-9 relative, or 1e-12 absolute when R's value is a p-value below 1e-3.
#[track_caller]
fn check(actual: Option<f64>, expected: &Value, what: &str) {
    let want = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number"));
    let got = actual.unwrap_or_else(|| panic!("{what}: not computed"));
    if want != 0.0 {
        let rel = ((got - want) / want).abs();
        MAX_REL.with(|m| m.set(m.get().max(rel)));
    }
    if what.ends_with("_p") && want < 1e-3 {
        assert!(
            (got - want).abs() < 1e-12,
            "{what}: got {got:e}, R says {want:e} (abs. tolerance 1e-12)"
        );
    } else {
        assert_rel(got, want, REL, what);
    }
}

fn ratio(csv: &Csv, a: &str, b: &str) -> Vec<Option<f64>> {
    csv.num(a)
        .into_iter()
        .zip(csv.num(b))
        .map(|(x, y)| Some(x? / y?))
        .collect()
}

fn hcc_variable(csv: &Csv, name: &str) -> Vec<Option<f64>> {
    match name {
        "t2sir_post" => ratio(csv, "t2_tumor_post", "t2_muscle_post"),
        "nlr" => ratio(csv, "neutrophils", "lymphocytes"),
        _ => csv.num(name),
    }
}

#[test]
fn table_one_matches_r() {
    let csv = read_csv("hcc_nomogram.csv");
    let reference = reference("hcc_nomogram.json");
    let t1 = &reference["table_one"];
    let by = t1["by"].as_str().unwrap();
    let groups = csv.text(by);
    let continuous = t1["continuous"].as_array().unwrap();
    let categorical = t1["categorical"].as_array().unwrap();
    let mut variables: Vec<Variable> = continuous
        .iter()
        .map(|r| {
            let name = r["variable"].as_str().unwrap();
            Variable::continuous(name, hcc_variable(&csv, name))
        })
        .collect();
    let mut cat_names: Vec<&str> = categorical
        .iter()
        .map(|r| r["variable"].as_str().unwrap())
        .collect();
    cat_names.dedup();
    for name in &cat_names {
        variables.push(Variable::categorical(*name, csv.text(name)));
    }
    let table = table_one(by, &groups, &variables, &TableOneParams::default()).unwrap();
    let labels: Vec<&str> = table.groups.iter().map(|g| g.label.as_str()).collect();
    let want: Vec<&str> = t1["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(labels, want);

    let mut checked = 0;
    for r in continuous {
        let name = r["variable"].as_str().unwrap();
        let row = table
            .rows
            .iter()
            .find_map(|row| match row {
                Row::Continuous(c) if c.variable == name => Some(c),
                _ => None,
            })
            .unwrap();
        let o = &row.overall;
        for (key, got) in [
            ("overall_mean", o.mean),
            ("overall_sd", o.sd),
            ("overall_median", o.median),
            ("overall_q1", o.q1),
            ("overall_q3", o.q3),
            ("shapiro_w", row.shapiro_w),
            ("shapiro_p", row.shapiro_p),
        ] {
            check(got, &r[key], &format!("{name} {key}"));
            checked += 1;
        }
        for (g, prefix) in row.groups.iter().zip(["g1", "g2"]) {
            assert_eq!(g.group, r[prefix].as_str().unwrap());
            let s = &g.summary;
            for (key, got) in [
                ("mean", s.mean),
                ("sd", s.sd),
                ("median", s.median),
                ("q1", s.q1),
                ("q3", s.q3),
            ] {
                check(
                    got,
                    &r[format!("{prefix}_{key}")],
                    &format!("{name} {prefix}_{key}"),
                );
                checked += 1;
            }
        }
        for (key, kind) in [
            ("welch_t_p", TestKind::WelchT),
            ("student_t_p", TestKind::StudentT),
            ("wilcoxon_p", TestKind::Wilcoxon),
        ] {
            let t = row.tests.iter().find(|t| t.test == kind).unwrap();
            check(t.p, &r[key], &format!("{name} {key}"));
            checked += 1;
        }
        // the displayed summary follows Shapiro–Wilk at 0.05
        let sw_p = r["shapiro_p"].as_f64().unwrap();
        let expect_median = sw_p < 0.05;
        assert_eq!(
            row.display == nomo_describe::Display::MedianIqr,
            expect_median,
            "{name} display"
        );
    }
    for r in categorical {
        let name = r["variable"].as_str().unwrap();
        let level = r["level"].as_str().unwrap();
        let row = table
            .rows
            .iter()
            .find_map(|row| match row {
                Row::Categorical(c) if c.variable == name => Some(c),
                _ => None,
            })
            .unwrap();
        let lv = row.levels.iter().find(|l| l.level == level).unwrap();
        assert_eq!(lv.groups[0].n as f64, r["n_g1"].as_f64().unwrap());
        assert_eq!(lv.groups[1].n as f64, r["n_g2"].as_f64().unwrap());
        assert_eq!(lv.n as f64, r["n_total"].as_f64().unwrap());
        check(
            lv.pct,
            &r["pct_total"],
            &format!("{name}={level} pct_total"),
        );
        for (key, kind) in [
            ("chisq_p", TestKind::ChiSquare),
            ("fisher_p", TestKind::Fisher),
        ] {
            let t = row.tests.iter().find(|t| t.test == kind).unwrap();
            check(t.p, &r[key], &format!("{name} {key}"));
        }
        checked += 6;
    }
    // 6 continuous rows × 20 fields, 12 categorical level rows × 6 fields
    assert_eq!(checked, 6 * 20 + 12 * 6);
    eprintln!("table_one: largest relative error {:e}", max_rel());
}

#[test]
fn interobserver_matches_r() {
    let readers = read_csv("hcc_readers.csv");
    let main = read_csv("hcc_nomogram.csv");
    // the reader file is joined to the cohort by patient_id (same order here; checked)
    assert_eq!(readers.text("patient_id"), main.text("patient_id"));
    let reference = reference("hcc_nomogram.json");
    let io = &reference["interobserver"];
    let r1 = readers.num_complete("adc_mean_post_r1");
    let r2 = readers.num_complete("adc_mean_post_r2");
    let ratings: Vec<Vec<f64>> = r1.iter().zip(&r2).map(|(a, b)| vec![*a, *b]).collect();
    let fit = icc(&ratings).unwrap();
    let rows = io["icc"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    for (row, want) in fit.rows.iter().zip(rows) {
        let kind = want["type"].as_str().unwrap();
        assert_eq!(row.kind, kind);
        check(Some(row.icc), &want["icc"], &format!("{kind} icc"));
        check(Some(row.lower), &want["lower"], &format!("{kind} lower"));
        check(Some(row.upper), &want["upper"], &format!("{kind} upper"));
        check(Some(row.p), &want["p"], &format!("{kind} icc_p"));
        // relative agreement of the tiny F-test p-values too (1e-8 relative)
        assert_rel(row.p, want["p"].as_f64().unwrap(), 1e-8, "ICC p relative");
    }
    let k = cohen_kappa(&readers.text("capsule_r1"), &readers.text("capsule_r2")).unwrap();
    check(Some(k.unweighted.kappa), &io["kappa_unweighted"], "kappa");
    let confid = &io["kappa_confid"];
    check(Some(k.unweighted.lower), &confid[0], "kappa lower");
    check(Some(k.unweighted.kappa), &confid[1], "kappa estimate");
    check(Some(k.unweighted.upper), &confid[2], "kappa upper");
    eprintln!("interobserver: largest relative error {:e}", max_rel());
}

#[test]
fn kruskal_wallis_of_combined_score_matches_r() {
    let csv = read_csv("hcc_nomogram.csv");
    let reference = reference("hcc_nomogram.json");
    let score: Vec<Option<f64>> = reference["predicted_combined"]
        .as_array()
        .unwrap()
        .iter()
        .map(Value::as_f64)
        .collect();
    let treatment = csv.text("treatment");
    assert_eq!(score.len(), treatment.len());
    let order = levels(&treatment);
    let split = split_by_group(&score, &treatment, &order);
    let samples: Vec<&[f64]> = split.iter().map(|g| g.values.as_slice()).collect();
    let kw = kruskal_wallis(&samples).unwrap();
    let want = &reference["kruskal_wallis_treatment"];
    check(Some(kw.statistic), &want["statistic"], "KW statistic");
    check(Some(kw.df), &want["df"], "KW df");
    check(Some(kw.p), &want["p"], "KW p");
    eprintln!("kruskal_wallis: largest relative error {:e}", max_rel());
}
