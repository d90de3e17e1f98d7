//! Risk groups on hcc_nomogram.csv against R 4.2.2 / survival 3.5-3:
//! crates/testdata/reference/hcc_nomogram.json, `risk_groups` (high if the combined model's
//! P(progression) in `predicted_combined` is ≥ the Youden cutoff; PFS = pfs_months, pfs_event).

use nomo_survival::{CoxOptions, CutoffRule, KmOptions, SurvivalData, risk_groups};
use nomo_testdata::{assert_rel, nums, read_csv, reference};

/// KM and log-rank: 1e-9 relative; Cox: 1e-6 relative; concordance 1e-9.
const CLOSED: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

#[test]
fn risk_groups_match_r() {
    let r = reference("hcc_nomogram.json");
    let e = &r["risk_groups"];
    let csv = read_csv("hcc_nomogram.csv");
    let data = SurvivalData::from_binary(
        &csv.num_complete("pfs_months"),
        &csv.num_complete("pfs_event"),
    )
    .unwrap();
    let score = nums(&r["predicted_combined"]);
    let cutoff = e["cutoff"].as_f64().unwrap();
    let cox_options = CoxOptions {
        eps: 1e-14,
        max_iter: 100,
        ..CoxOptions::default()
    };
    let fit = risk_groups(
        &data,
        &score,
        CutoffRule::Youden { cutoff },
        KmOptions::default(),
        &cox_options,
    )
    .unwrap();
    assert_eq!(fit.n_high as f64, e["n_high"].as_f64().unwrap());
    // KM tables, low then high, as R's strata risk=low, risk=high
    let rows: Vec<_> = fit
        .strata
        .iter()
        .flat_map(|s| s.curve.table.iter().map(move |row| (&s.name, row)))
        .collect();
    let km = e["km"].as_array().unwrap();
    assert_eq!(rows.len(), km.len());
    for ((name, row), x) in rows.iter().zip(km) {
        assert_eq!(format!("risk={name}"), x["stratum"].as_str().unwrap());
        let what = format!("{name} t={}", row.time);
        assert_rel(row.time, x["time"].as_f64().unwrap(), CLOSED, &what);
        assert_eq!(row.n_risk as f64, x["n_risk"].as_f64().unwrap(), "{what}");
        assert_eq!(row.n_event as f64, x["n_event"].as_f64().unwrap(), "{what}");
        assert_eq!(
            row.n_censor as f64,
            x["n_censor"].as_f64().unwrap(),
            "{what}"
        );
        assert_rel(row.surv, x["surv"].as_f64().unwrap(), CLOSED, &what);
        for (got, key) in [
            (row.std_err, "std_err"),
            (row.lower, "lower"),
            (row.upper, "upper"),
        ] {
            match (got, x[key].as_f64()) {
                (Some(g), Some(v)) => assert_rel(g, v, CLOSED, &format!("{what} {key}")),
                (g, v) => assert_eq!(g, v, "{what} {key}"),
            }
        }
    }
    for (s, m) in fit.strata.iter().zip(e["medians"].as_array().unwrap()) {
        assert_rel(
            s.curve.median.unwrap(),
            m["median"].as_f64().unwrap(),
            CLOSED,
            "median",
        );
        assert_rel(
            s.curve.median_lower.unwrap(),
            m["lower"].as_f64().unwrap(),
            CLOSED,
            "lower",
        );
        assert_rel(
            s.curve.median_upper.unwrap(),
            m["upper"].as_f64().unwrap(),
            CLOSED,
            "upper",
        );
    }
    let lr = &e["logrank"];
    assert_rel(
        fit.logrank.chisq,
        lr["chisq"].as_f64().unwrap(),
        CLOSED,
        "logrank chisq",
    );
    assert_rel(
        fit.logrank.p,
        lr["p"].as_f64().unwrap(),
        CLOSED,
        "logrank p",
    );
    for g in 0..2 {
        assert_rel(
            fit.logrank.observed[g],
            lr["observed"][g].as_f64().unwrap(),
            CLOSED,
            "O",
        );
        assert_rel(
            fit.logrank.expected[g],
            lr["expected"][g].as_f64().unwrap(),
            CLOSED,
            "E",
        );
    }
    let cox = &e["cox"];
    let c = &fit.cox.coefficients[0];
    let x = &cox["coefficients"][0];
    assert_eq!(c.term, x["term"].as_str().unwrap());
    for (got, key) in [
        (c.coef, "coef"),
        (c.hr, "hr"),
        (c.se, "se"),
        (c.z, "z"),
        (c.p, "p"),
        (c.hr_lower, "hr_lower"),
        (c.hr_upper, "hr_upper"),
    ] {
        assert_rel(got.unwrap(), x[key].as_f64().unwrap(), ITERATIVE, key);
    }
    for (t, key) in [
        (fit.cox.lr_test, "lr_test"),
        (fit.cox.wald_test, "wald_test"),
        (fit.cox.score_test, "score_test"),
    ] {
        assert_rel(t.chisq, cox[key]["chisq"].as_f64().unwrap(), ITERATIVE, key);
        assert_rel(t.p, cox[key]["p"].as_f64().unwrap(), ITERATIVE, key);
    }
    assert_rel(
        fit.cox.loglik,
        cox["loglik"].as_f64().unwrap(),
        ITERATIVE,
        "loglik",
    );
    assert_rel(
        fit.cox.concordance,
        cox["concordance"].as_f64().unwrap(),
        CLOSED,
        "C",
    );
    assert_rel(
        fit.cox.concordance_se,
        cox["concordance_se"].as_f64().unwrap(),
        CLOSED,
        "C se",
    );
}
