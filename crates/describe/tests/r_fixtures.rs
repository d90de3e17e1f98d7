//! Agreement with R on the fixtures of `scripts/describe_fixtures.R` (R 4.2.2, psych 2.2.9):
//! ANOVA and Kruskal–Wallis across k groups, t and Wilcoxon tests with ties, χ² and Fisher
//! on 2 × 2 and r × c tables, Shapiro–Wilk at small n, weighted kappa, ICC with three
//! raters, Pearson/Spearman screens with BH/Holm/Bonferroni, and SMDs.
//!
//! Tolerance: 1e-9 relative (the fixture holds 15 significant digits), or 1e-12 absolute for
//! p-values below 1e-3.

use nomo_describe::{
    Column, ContingencyTable, CorrelationMethod, PAdjust, chi_square_test, cohen_kappa,
    correlation_screen, correlation_test, fisher_exact, icc, kruskal_wallis, levels, one_way_anova,
    p_adjust, shapiro_wilk, smd_categorical, smd_continuous, split_by_group, student_t_test,
    welch_t_test, wilcoxon_rank_sum,
};
use nomo_testdata::{Csv, assert_rel, read_csv};
use serde_json::Value;

const REL: f64 = 1e-9;

fn fixtures() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/describe_fixtures.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// 1e-9 relative; p-values below 1e-3 and values below 1e-12 to 1e-12 absolute.
#[track_caller]
fn check(got: f64, want: &Value, is_p: bool, what: &str) {
    let want = f(want);
    // p-values below 1e-3, and R's rounding noise around an exact 0 (a χ² of 6e-31 on a
    // table that fits exactly after the continuity correction), to 1e-12 absolute
    if (is_p && want < 1e-3) || want.abs() < 1e-12 {
        assert!(
            (got - want).abs() < 1e-12,
            "{what}: got {got:e}, R {want:e}"
        );
    } else {
        assert_rel(got, want, REL, what);
    }
}

fn groups_of(csv: &Csv, var: &str, by: &str) -> Vec<Vec<f64>> {
    let labels = csv.text(by);
    let order = levels(&labels);
    split_by_group(&csv.num(var), &labels, &order)
        .into_iter()
        .map(|g| g.values)
        .collect()
}

#[test]
fn anova_and_kruskal_wallis_match_r() {
    for case in fixtures()["kgroups"].as_array().unwrap() {
        let csv = read_csv(case["data"].as_str().unwrap());
        let var = case["variable"].as_str().unwrap();
        let groups = groups_of(&csv, var, case["by"].as_str().unwrap());
        let slices: Vec<&[f64]> = groups.iter().map(Vec::as_slice).collect();
        let a = one_way_anova(&slices).unwrap();
        check(a.statistic, &case["anova_f"], false, &format!("{var} F"));
        check(a.df1, &case["anova_df1"], false, &format!("{var} df1"));
        check(a.df2, &case["anova_df2"], false, &format!("{var} df2"));
        check(a.p, &case["anova_p"], true, &format!("{var} ANOVA p"));
        let k = kruskal_wallis(&slices).unwrap();
        check(
            k.statistic,
            &case["kw_statistic"],
            false,
            &format!("{var} H"),
        );
        check(k.df, &case["kw_df"], false, &format!("{var} KW df"));
        check(k.p, &case["kw_p"], true, &format!("{var} KW p"));
    }
}

#[test]
fn two_group_tests_match_r() {
    for case in fixtures()["twogroups"].as_array().unwrap() {
        let csv = read_csv(case["data"].as_str().unwrap());
        let var = case["variable"].as_str().unwrap();
        let g = groups_of(&csv, var, case["by"].as_str().unwrap());
        let w = welch_t_test(&g[0], &g[1]).unwrap();
        check(
            w.statistic,
            &case["welch_t"],
            false,
            &format!("{var} Welch t"),
        );
        check(w.df, &case["welch_df"], false, &format!("{var} Welch df"));
        check(w.p, &case["welch_p"], true, &format!("{var} Welch p"));
        let s = student_t_test(&g[0], &g[1]).unwrap();
        check(s.p, &case["student_p"], true, &format!("{var} Student p"));
        let r = wilcoxon_rank_sum(&g[0], &g[1]).unwrap();
        check(r.statistic, &case["wilcoxon_w"], false, &format!("{var} W"));
        check(r.p, &case["wilcoxon_p"], true, &format!("{var} Wilcoxon p"));
    }
}

#[test]
fn contingency_tests_match_r() {
    for case in fixtures()["tables"].as_array().unwrap() {
        let counts: Vec<Vec<u64>> = case["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|c| f(c) as u64).collect())
            .collect();
        let what = format!("{} × {}", case["row"], case["col"]);
        let table = ContingencyTable::new(counts).unwrap();
        let chi = chi_square_test(&table);
        check(
            chi.statistic,
            &case["chisq_statistic"],
            false,
            &format!("{what} X²"),
        );
        check(chi.p, &case["chisq_p"], true, &format!("{what} χ² p"));
        let fisher = fisher_exact(&table).unwrap();
        check(
            fisher.p,
            &case["fisher_p"],
            true,
            &format!("{what} Fisher p"),
        );
    }
}

#[test]
fn shapiro_wilk_matches_r_at_every_branch() {
    for case in fixtures()["shapiro"].as_array().unwrap() {
        let x: Vec<f64> = case["x"].as_array().unwrap().iter().map(f).collect();
        let sw = shapiro_wilk(&x).unwrap();
        check(sw.w, &case["w"], false, &format!("W (n = {})", x.len()));
        check(sw.p, &case["p"], true, &format!("SW p (n = {})", x.len()));
    }
}

#[test]
fn weighted_kappa_matches_psych() {
    let fx = fixtures();
    let k = &fx["kappa"];
    let labels = |key: &str| -> Vec<Option<String>> {
        k[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| Some(format!("{}", f(v))))
            .collect()
    };
    let fit = cohen_kappa(&labels("r1"), &labels("r2")).unwrap();
    assert_eq!(fit.levels.len(), 4);
    for (est, key) in [
        (&fit.unweighted, "unweighted"),
        (&fit.linear, "linear"),
        (&fit.quadratic, "quadratic"),
    ] {
        let b = &k[key];
        check(est.lower, &b[0], false, &format!("{key} lower"));
        check(est.kappa, &b[1], false, &format!("{key} kappa"));
        check(est.upper, &b[2], false, &format!("{key} upper"));
        check(
            est.variance,
            &k[format!("{key}_var")],
            false,
            &format!("{key} var"),
        );
    }
}

#[test]
fn icc_with_three_raters_matches_psych() {
    let fx = fixtures();
    let c = &fx["icc3"];
    let ratings: Vec<Vec<f64>> = c["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(f).collect())
        .collect();
    let fit = icc(&ratings).unwrap();
    for (i, row) in fit.rows.iter().enumerate() {
        assert_eq!(row.kind, c["type"][i].as_str().unwrap());
        check(row.icc, &c["icc"][i], false, &format!("{} icc", row.kind));
        check(row.f, &c["f"][i], false, &format!("{} F", row.kind));
        check(row.df2, &c["df2"][i], false, &format!("{} df2", row.kind));
        check(row.p, &c["p"][i], true, &format!("{} p", row.kind));
        check(
            row.lower,
            &c["lower"][i],
            false,
            &format!("{} lower", row.kind),
        );
        check(
            row.upper,
            &c["upper"][i],
            false,
            &format!("{} upper", row.kind),
        );
    }
}

#[test]
fn correlation_screens_and_adjusted_p_match_r() {
    let fx = fixtures();
    let rad = read_csv("hcc_radiomics.csv");
    for screen in fx["screens"].as_array().unwrap() {
        let method = match screen["method"].as_str().unwrap() {
            "pearson" => CorrelationMethod::Pearson,
            _ => CorrelationMethod::Spearman,
        };
        let pairs = screen["pairs"].as_array().unwrap();
        let mut xs: Vec<String> = pairs
            .iter()
            .map(|p| p["x"].as_str().unwrap().into())
            .collect();
        xs.dedup();
        let mut ys: Vec<String> = pairs
            .iter()
            .map(|p| p["y"].as_str().unwrap().into())
            .collect();
        ys.sort();
        ys.dedup();
        // keep R's y order (first x's pairs)
        let ys: Vec<String> = pairs[..ys.len()]
            .iter()
            .map(|p| p["y"].as_str().unwrap().into())
            .collect();
        let col = |n: &String| Column {
            name: n.clone(),
            values: rad.num(n),
        };
        let out = correlation_screen(
            &xs.iter().map(col).collect::<Vec<_>>(),
            &ys.iter().map(col).collect::<Vec<_>>(),
            method,
            PAdjust::Bh,
        )
        .unwrap();
        assert_eq!(out.pairs.len(), pairs.len());
        for (i, (got, want)) in out.pairs.iter().zip(pairs).enumerate() {
            let what = format!("{:?} {} ~ {}", method, got.x, got.y);
            assert_eq!(got.x, want["x"].as_str().unwrap());
            assert_eq!(got.y, want["y"].as_str().unwrap());
            check(got.estimate.unwrap(), &want["estimate"], false, &what);
            check(got.p.unwrap(), &want["p"], true, &format!("{what} p"));
            check(
                got.p_bh.unwrap(),
                &screen["bh"][i],
                true,
                &format!("{what} BH"),
            );
            check(
                got.p_holm.unwrap(),
                &screen["holm"][i],
                true,
                &format!("{what} Holm"),
            );
            check(
                got.p_bonferroni.unwrap(),
                &screen["bonferroni"][i],
                true,
                &format!("{what} Bonferroni"),
            );
        }
    }
    let asah = read_csv("asah.csv");
    let c = correlation_test(
        &asah.num_complete("wfns"),
        &asah.num_complete("s100b"),
        CorrelationMethod::Spearman,
    )
    .unwrap();
    check(
        c.estimate,
        &fx["spearman_ties"]["estimate"],
        false,
        "Spearman ρ with ties",
    );
    check(c.p, &fx["spearman_ties"]["p"], true, "Spearman p with ties");
}

#[test]
fn p_adjust_matches_r_with_missing_values() {
    let fx = fixtures();
    let c = &fx["padjust"];
    let p: Vec<Option<f64>> = c["p"]
        .as_array()
        .unwrap()
        .iter()
        .map(Value::as_f64)
        .collect();
    for (method, key) in [
        (PAdjust::Bh, "bh"),
        (PAdjust::Holm, "holm"),
        (PAdjust::Bonferroni, "bonferroni"),
    ] {
        let got = p_adjust(&p, method);
        for (i, g) in got.iter().enumerate() {
            match c[key][i].as_f64() {
                Some(w) => assert_rel(g.unwrap(), w, REL, key),
                None => assert_eq!(*g, None, "{key}[{i}] stays missing"),
            }
        }
    }
}

#[test]
fn standardized_mean_differences_match_yang_dalton() {
    let fx = fixtures();
    let hcc = read_csv("hcc_nomogram.csv");
    for case in fx["smd"].as_array().unwrap() {
        let var = case["variable"].as_str().unwrap();
        let by = case["by"].as_str().unwrap();
        let got = if case["kind"] == "continuous" {
            let g = groups_of(&hcc, var, by);
            smd_continuous(&g.iter().map(Vec::as_slice).collect::<Vec<_>>())
        } else {
            let labels = hcc.text(by);
            let order = levels(&labels);
            let values = hcc.text(var);
            let lv = levels(&values);
            let counts: Vec<Vec<u64>> = order
                .iter()
                .map(|g| {
                    lv.iter()
                        .map(|l| {
                            values
                                .iter()
                                .zip(&labels)
                                .filter(|(v, b)| v.as_deref() == Some(l) && b.as_deref() == Some(g))
                                .count() as u64
                        })
                        .collect()
                })
                .collect();
            smd_categorical(&counts)
        };
        match case["smd"].as_f64() {
            Some(w) => assert_rel(got.unwrap(), w, REL, &format!("SMD {var} by {by}")),
            // R gives NA (a group of one value has no SD); so must we
            None => assert_eq!(got, None, "SMD {var} by {by}"),
        }
    }
}
